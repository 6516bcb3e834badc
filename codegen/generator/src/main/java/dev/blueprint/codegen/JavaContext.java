package dev.blueprint.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EndpointSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.codegen.spec.ServiceSpec.Kind;
import dev.blueprint.lang.naming.Identifiers;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the classes that write a service's Java share: the spec, the Java names {@link Naming} gave it, the package,
 * and how a field's type and a route's parameters look in Java.
 *
 * @param spec  the service
 * @param names its Java names
 */
record JavaContext(ServiceSpec spec, Naming names) {

    /** The runtime's package, which every generated class imports from. */
    static final String RUNTIME = "dev.blueprint.runtime";

    /** The package of the generated code. */
    String pkg() {
        return spec.config().javaPackage();
    }

    ClassName entityType(String entity) {
        return ClassName.get(pkg(), names.entityClass(entity));
    }

    /** The Java type of a field; {@code boxed} for values that may be null. */
    TypeName javaType(ServiceSpec.FieldSpec field, boolean boxed) {
        TypeName type = switch (field.kind()) {
            case STRING, TEXT -> ClassName.get(String.class);
            case INT -> TypeName.INT;
            case LONG -> TypeName.LONG;
            case DECIMAL -> ClassName.get(BigDecimal.class);
            case BOOL -> TypeName.BOOLEAN;
            case UUID -> ClassName.get(UUID.class);
            case TIMESTAMP -> ClassName.get(Instant.class);
            case DATE -> ClassName.get(LocalDate.class);
            case ENUM -> ClassName.get(pkg(), names.enumClass(field.typeName()));
            case REFERENCE -> javaType(referencedKey(field), false);
        };
        return boxed || field.optional() ? type.box() : type;
    }

    private ServiceSpec.FieldSpec referencedKey(ServiceSpec.FieldSpec reference) {
        return spec.entity(reference.typeName()).orElseThrow().key();
    }

    /** The kind a field has on the wire and in the database: a reference has its target key's kind. */
    ServiceSpec.FieldSpec storedAs(ServiceSpec.FieldSpec field) {
        return field.kind() == Kind.REFERENCE ? referencedKey(field) : field;
    }

    /** The endpoints that serve or return an entity, in written order. */
    List<EndpointSpec> endpointsOf(EntitySpec e) {
        return spec.endpoints().stream()
                .filter(x -> x.entity().equals(e.name()))
                .toList();
    }

    /** The Java name of a route's query and handler, before it is made unique: {@code listByMake}. */
    static String routeMethodName(EndpointSpec endpoint) {
        StringBuilder name = new StringBuilder(endpoint.many() ? "listBy" : "findBy");
        Set<String> params = new LinkedHashSet<>();
        for (ServiceSpec.Condition c : endpoint.where()) params.add(c.field());
        boolean first = true;
        for (String p : params) {
            name.append(first ? "" : "And").append(Identifiers.upperCamel(p));
            first = false;
        }
        return endpoint.where().isEmpty() ? (endpoint.many() ? "listAll" : "findFirst") : name.toString();
    }

    /** The parameters of a route, in order of first use, with the field each is compared with. */
    Map<String, ServiceSpec.FieldSpec> routeParams(EntitySpec e, EndpointSpec endpoint) {
        Map<String, ServiceSpec.FieldSpec> params = new LinkedHashMap<>();
        for (ServiceSpec.Condition c : endpoint.where())
            params.putIfAbsent(c.param(), e.field(c.field()).orElseThrow());
        return params;
    }

    /** Strings as Java literals separated by commas: {@code "a", "b"}. */
    static CodeBlock strings(List<String> values) {
        return CodeBlock.join(values.stream().map(v -> CodeBlock.of("$S", v)).toList(), ", ");
    }
}
