package dev.blueprint.codegen;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.codegen.spec.ServiceSpec.EnumSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Java sources of a generated service: enums, a record, an input record, a repository and an API per entity, Main.
 * Composes the writers, each of one kind of class, over one {@link JavaContext}.
 */
final class JavaGenerator {

    private final JavaContext context;
    private final EntityTypes entityTypes;
    private final Repositories repositories;
    private final Apis apis;
    private final MainClass mainClass;

    JavaGenerator(ServiceSpec spec, Naming names) {
        this.context = new JavaContext(spec, names);
        this.entityTypes = new EntityTypes(context);
        this.repositories = new Repositories(context);
        this.apis = new Apis(context);
        this.mainClass = new MainClass(context);
    }

    /** Every Java file, by its path under {@code src/main/java}. */
    Map<String, String> generate() {
        Map<String, String> files = new LinkedHashMap<>();
        for (EnumSpec e : context.spec().enums()) add(files, entityTypes.enumType(e));
        for (EntitySpec e : context.spec().entities()) {
            add(files, entityTypes.record(e));
            add(files, entityTypes.input(e));
            add(files, repositories.repository(e));
            if (!context.endpointsOf(e).isEmpty()) add(files, apis.api(e));
        }
        add(files, mainClass.main());
        return files;
    }

    private void add(Map<String, String> files, TypeSpec type) {
        String pkg = context.pkg();
        JavaFile file = JavaFile.builder(pkg, type)
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        files.put(pkg.replace('.', '/') + "/" + type.name() + ".java", file.toString());
    }
}
