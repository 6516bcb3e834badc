package dev.blueprint.codegen.spec;

import dev.blueprint.lang.check.Endpoint.Access;
import dev.blueprint.lang.check.Endpoint.Operation;
import dev.blueprint.lang.settings.ServiceConfig;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What the generator needs from a checked program: the core's effective {@link ServiceConfig} as it is, and the
 * program's types and endpoints projected into the generator's terms (every name resolved, nothing referring back to
 * syntax). Built by {@link Specs#from}.
 *
 * @param config    the settings: service, server, stores, probes, deploy and security, defaults applied
 * @param enums     enums in program order
 * @param entities  entities in program order
 * @param endpoints every HTTP operation, in written order
 * @param source    the blueprint the spec came from (its file name and the fingerprint of its program's text)
 */
public record ServiceSpec(
        ServiceConfig config,
        List<EnumSpec> enums,
        List<EntitySpec> entities,
        List<EndpointSpec> endpoints,
        Source source) {

    public ServiceSpec {
        enums = List.copyOf(enums);
        entities = List.copyOf(entities);
        endpoints = List.copyOf(endpoints);
    }

    /** The same spec with another Java package (the editor's package override). */
    public ServiceSpec withJavaPackage(String otherPackage) {
        return new ServiceSpec(config.withJavaPackage(otherPackage), enums, entities, endpoints, source);
    }

    /**
     * Where a spec came from: the blueprint's file name (no folders, so generation does not depend on where the
     * checkout lives) and a fingerprint of the program's text ({@code sha256:} and hex), which the generated project
     * records so that editors can tell when it is stale.
     */
    public record Source(String blueprint, String fingerprint) {}

    public Optional<EntitySpec> entity(String entityName) {
        return entities.stream().filter(e -> e.name().equals(entityName)).findFirst();
    }

    public Optional<EnumSpec> enumNamed(String enumName) {
        return enums.stream().filter(e -> e.name().equals(enumName)).findFirst();
    }

    /** {@code enum Name { A, B }}. */
    public record EnumSpec(String name, List<String> members, String doc) {
        public EnumSpec {
            members = List.copyOf(members);
        }
    }

    /** An entity and its fields in written order. */
    public record EntitySpec(String name, List<FieldSpec> fields, String doc) {
        public EntitySpec {
            fields = List.copyOf(fields);
        }

        /** The {@code @key} field. */
        public FieldSpec key() {
            return fields.stream()
                    .filter(FieldSpec::key)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("entity " + name + " has no @key"));
        }

        public Optional<FieldSpec> field(String fieldName) {
            return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
        }
    }

    /** The kinds of field types. */
    public enum Kind {
        STRING,
        TEXT,
        INT,
        LONG,
        DECIMAL,
        BOOL,
        UUID,
        TIMESTAMP,
        DATE,
        ENUM,
        REFERENCE
    }

    /**
     * A field.
     *
     * @param name        as written
     * @param kind        its type's kind
     * @param length      for {@code string(n)}
     * @param precision   for {@code decimal(p, s)}
     * @param scale       for {@code decimal(p, s)}
     * @param typeName    the enum's or referenced entity's name, for ENUM and REFERENCE
     * @param optional    {@code ?}
     * @param key         {@code @key}
     * @param unique      {@code @unique}
     * @param index       {@code @index}
     * @param range       {@code @range(a..b)}
     * @param lengthRange {@code @length(a..b)}
     * @param pattern     {@code @pattern("…")}
     * @param created     {@code @created}
     * @param updated     {@code @updated}
     * @param defaultValue the default: an enum member, a number, a string or a boolean, as text
     * @param doc         the doc comment, or empty
     */
    public record FieldSpec(
            String name,
            Kind kind,
            int length,
            int precision,
            int scale,
            String typeName,
            boolean optional,
            boolean key,
            boolean unique,
            boolean index,
            Optional<Bounds> range,
            Optional<Bounds> lengthRange,
            Optional<String> pattern,
            boolean created,
            boolean updated,
            Optional<String> defaultValue,
            String doc) {

        /** Whether clients write this field (not the generated key, not a server timestamp). */
        public boolean writable() {
            return !(key && (kind == Kind.UUID || kind == Kind.LONG)) && !created && !updated;
        }
    }

    /** {@code low..high}. */
    public record Bounds(BigDecimal low, BigDecimal high) {}

    /**
     * One HTTP operation.
     *
     * @param method     GET, POST, PUT or DELETE
     * @param path       the full path template, prefix included
     * @param operation  which operation (the core's)
     * @param entity     the entity it serves or returns
     * @param many       for a route: whether it returns a list
     * @param where      for a route: {@code field == $param} conditions
     * @param orderBy    for a route: the field to order by
     * @param descending for a route: whether the order is descending
     * @param limit      for a route: the most rows it returns
     * @param access     who may call it, as the core derives it
     */
    public record EndpointSpec(
            String method,
            String path,
            Operation operation,
            String entity,
            boolean many,
            List<Condition> where,
            Optional<String> orderBy,
            boolean descending,
            Optional<Integer> limit,
            Access access) {

        public EndpointSpec {
            where = List.copyOf(where);
        }

        /** A resource operation. */
        public static EndpointSpec resource(
                String method, String path, Operation operation, String entity, Access access) {
            return new EndpointSpec(
                    method,
                    path,
                    operation,
                    entity,
                    operation == Operation.LIST,
                    List.of(),
                    Optional.empty(),
                    false,
                    Optional.empty(),
                    access);
        }
    }

    /** {@code field == $param}. */
    public record Condition(String field, String param) {}
}
