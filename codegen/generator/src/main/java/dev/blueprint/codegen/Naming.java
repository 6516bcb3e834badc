package dev.blueprint.codegen;

import com.palantir.javapoet.NameAllocator;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.codegen.spec.ServiceSpec.EnumSpec;
import dev.blueprint.codegen.spec.ServiceSpec.FieldSpec;
import dev.blueprint.lang.naming.Identifiers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Java name the generated code uses that comes from user text: class and member names, converted by the core's
 * {@link Identifiers} and made unique and legal by JavaPoet's {@link NameAllocator} (so a field called {@code class} or
 * {@code hashCode} still works); and the quoting of SQL identifiers, whose names come from the core's
 * {@link dev.blueprint.lang.naming.SqlNames}. Computed once per service so all files agree.
 */
final class Naming {

    /** Methods every record has: a component with one of these names would not compile. */
    private static final List<String> RESERVED_MEMBERS =
            List.of("hashCode", "toString", "equals", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");

    /**
     * The {@code java.lang} classes generated code names (unimported, or in its text): a generated class of the same
     * name would shadow one in the package, so an entity or enum {@code String} gets another class name.
     */
    private static final List<String> JAVA_LANG_NAMES =
            List.of("String", "Integer", "Long", "Boolean", "Override", "IllegalStateException");

    private final NameAllocator classes = new NameAllocator();
    private final Map<String, String> entityClass = new HashMap<>();
    private final Map<String, String> inputClass = new HashMap<>();
    private final Map<String, String> repositoryClass = new HashMap<>();
    private final Map<String, String> apiClass = new HashMap<>();
    private final Map<String, String> enumClass = new HashMap<>();
    private final Map<String, Map<String, String>> members = new HashMap<>();
    private final Map<String, Map<String, String>> constants = new HashMap<>();

    Naming(ServiceSpec spec) {
        classes.newName("Main", "Main");
        JAVA_LANG_NAMES.forEach(name -> classes.newName(name, "java.lang." + name));
        for (EnumSpec e : spec.enums())
            enumClass.put(e.name(), classes.newName(Identifiers.upperCamel(e.name()), "enum:" + e.name()));
        for (EntitySpec e : spec.entities())
            entityClass.put(e.name(), classes.newName(Identifiers.upperCamel(e.name()), "entity:" + e.name()));
        for (EntitySpec e : spec.entities()) {
            String base = entityClass.get(e.name());
            inputClass.put(e.name(), classes.newName(base + "Input", "input:" + e.name()));
            repositoryClass.put(e.name(), classes.newName(base + "Repository", "repository:" + e.name()));
            apiClass.put(e.name(), classes.newName(base + "Api", "api:" + e.name()));
            NameAllocator fields = new NameAllocator();
            RESERVED_MEMBERS.forEach(reserved -> fields.newName(reserved, "reserved:" + reserved));
            NameAllocator statics = new NameAllocator();
            Map<String, String> memberNames = new HashMap<>();
            Map<String, String> constantNames = new HashMap<>();
            for (FieldSpec f : e.fields()) {
                memberNames.put(f.name(), fields.newName(Identifiers.lowerCamel(f.name()), f.name()));
                constantNames.put(f.name(), statics.newName(Identifiers.upperSnake(f.name()), f.name()));
            }
            members.put(e.name(), memberNames);
            constants.put(e.name(), constantNames);
        }
    }

    String entityClass(String entity) {
        return entityClass.get(entity);
    }

    String inputClass(String entity) {
        return inputClass.get(entity);
    }

    String repositoryClass(String entity) {
        return repositoryClass.get(entity);
    }

    String apiClass(String entity) {
        return apiClass.get(entity);
    }

    String enumClass(String enumName) {
        return enumClass.get(enumName);
    }

    /** The Java component name of a field: {@code starts_at} becomes {@code startsAt}, {@code class} {@code class_}. */
    String member(String entity, String field) {
        return members.get(entity).get(field);
    }

    /** The name of the constant that describes a field's rules: {@code STARTS_AT}. */
    String constant(String entity, String field) {
        return constants.get(entity).get(field);
    }

    /** A quoted SQL identifier; safe for reserved words such as {@code order}. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
