package dev.blueprint.lang.properties;

import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.source.Span;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A file's model with every span left out: what must survive formatting. */
final class ModelShape {
    private ModelShape() {}

    static Object of(SourceFile file) {
        return shape(file.decls());
    }

    private static Object shape(Object o) {
        if (o == null || o instanceof Span) {
            return null;
        }
        if (o instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(shape(item));
            }
            return out;
        }
        if (o instanceof Record rec) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("@", rec.getClass().getSimpleName());
            for (RecordComponent c : rec.getClass().getRecordComponents()) {
                if (c.getType() == Span.class) {
                    continue;
                }
                try {
                    out.put(c.getName(), shape(c.getAccessor().invoke(rec)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return out;
        }
        return o; // String, BigDecimal, Boolean, Integer, enum constants
    }
}
