package dev.blueprint.codegen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EndpointSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.codegen.spec.ServiceSpec.FieldSpec;
import dev.blueprint.codegen.spec.ServiceSpec.Kind;
import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.naming.Identifiers;
import dev.blueprint.lang.settings.ServiceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document of a service: every endpoint, the entity and input schemas, pages and problems; when the
 * blueprint has a {@code security} block, its schemes, each operation's requirement and the 401/403/429 answers.
 */
final class OpenApiGenerator {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The names of the security schemes in {@code components.securitySchemes}. */
    private static final String API_KEY_SCHEME = "apiKey";

    private static final String BEARER_SCHEME = "bearer";

    private final ServiceSpec spec;
    private final ServiceConfig config;
    private final ServiceConfig.Security security;

    OpenApiGenerator(ServiceSpec spec) {
        this.spec = spec;
        this.config = spec.config();
        this.security = config.security();
    }

    String document() {
        ObjectNode root = JSON.objectNode();
        root.put("openapi", "3.1.0");
        ObjectNode info = root.putObject("info");
        info.put("title", config.name());
        info.put("version", config.version());
        if (!config.description().isBlank()) info.put("description", config.description());
        if (security.authenticates()) root.set("security", requirement(List.of()));
        ObjectNode paths = root.putObject("paths");
        Map<String, Integer> operationIds = new LinkedHashMap<>();
        for (EndpointSpec endpoint : spec.endpoints()) {
            ObjectNode path = paths.has(endpoint.path())
                    ? (ObjectNode) paths.get(endpoint.path())
                    : paths.putObject(endpoint.path());
            path.set(endpoint.method().toLowerCase(Locale.ROOT), operation(endpoint, operationIds));
        }
        ObjectNode components = root.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        for (ServiceSpec.EnumSpec e : spec.enums()) {
            ObjectNode schema = schemas.putObject(e.name());
            schema.put("type", "string");
            ArrayNode values = schema.putArray("enum");
            e.members().forEach(values::add);
            if (!e.doc().isBlank()) schema.put("description", e.doc().strip());
        }
        for (EntitySpec e : spec.entities()) {
            schemas.set(e.name(), entitySchema(e, false));
            schemas.set(e.name() + "Input", entitySchema(e, true));
            ObjectNode page = schemas.putObject(e.name() + "Page");
            page.put("type", "object");
            ObjectNode props = page.putObject("properties");
            ObjectNode items = props.putObject("items");
            items.put("type", "array");
            items.putObject("items").put("$ref", "#/components/schemas/" + e.name());
            props.putObject("limit").put("type", "integer");
            props.putObject("offset").put("type", "integer");
            props.putObject("hasMore").put("type", "boolean");
            page.putArray("required").add("items").add("limit").add("offset").add("hasMore");
        }
        schemas.set("Problem", problemSchema());
        if (security.authenticates()) components.set("securitySchemes", securitySchemes());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the OpenAPI document", e);
        }
    }

    private ObjectNode operation(EndpointSpec endpoint, Map<String, Integer> operationIds) {
        EntitySpec entity = spec.entity(endpoint.entity()).orElseThrow();
        ObjectNode op = JSON.objectNode();
        String base = switch (endpoint.operation()) {
            case LIST -> "list" + entity.name();
            case GET -> "get" + entity.name();
            case CREATE -> "create" + entity.name();
            case UPDATE -> "update" + entity.name();
            case DELETE -> "delete" + entity.name();
            case ROUTE ->
                (endpoint.many() ? "list" : "find") + entity.name() + "By"
                        + endpoint.where().stream()
                                .map(c -> Identifiers.upperCamel(c.field()))
                                .reduce((a, b) -> a + "And" + b)
                                .orElse("All");
        };
        int seen = operationIds.merge(base, 1, Integer::sum);
        op.put("operationId", seen == 1 ? base : base + seen);
        op.putArray("tags").add(entity.name());
        op.put("summary", summary(endpoint, entity));
        ArrayNode parameters = JSON.arrayNode();
        Matcher m = PATH_PARAM.matcher(endpoint.path());
        while (m.find()) {
            String param = m.group(1);
            FieldSpec field = paramField(endpoint, entity, param);
            ObjectNode p = parameters.addObject();
            p.put("name", param);
            p.put("in", "path");
            p.put("required", true);
            p.set("schema", valueSchema(field));
        }
        if (endpoint.operation() == Endpoint.Operation.ROUTE) {
            for (ServiceSpec.Condition c : endpoint.where()) {
                if (endpoint.path().contains("{" + c.param() + "}")) continue;
                boolean already = false;
                for (var existing : parameters)
                    already |= existing.get("name").asText().equals(c.param());
                if (already) continue;
                ObjectNode p = parameters.addObject();
                p.put("name", c.param());
                p.put("in", "query");
                p.put("required", true);
                p.set("schema", valueSchema(entity.field(c.field()).orElseThrow()));
            }
        }
        if (endpoint.many()) {
            ObjectNode limit = parameters.addObject();
            limit.put("name", "limit");
            limit.put("in", "query");
            limit.put("required", false);
            ObjectNode limitSchema = limit.putObject("schema");
            limitSchema.put("type", "integer");
            limitSchema.put("minimum", 1);
            limitSchema.put("maximum", config.server().maxPageSize());
            limitSchema.put("default", config.server().pageSize());
            ObjectNode offset = parameters.addObject();
            offset.put("name", "offset");
            offset.put("in", "query");
            offset.put("required", false);
            ObjectNode offsetSchema = offset.putObject("schema");
            offsetSchema.put("type", "integer");
            offsetSchema.put("minimum", 0);
            offsetSchema.put("default", 0);
        }
        if (!parameters.isEmpty()) op.set("parameters", parameters);
        if (endpoint.operation() == Endpoint.Operation.CREATE || endpoint.operation() == Endpoint.Operation.UPDATE) {
            ObjectNode body = op.putObject("requestBody");
            body.put("required", true);
            body.putObject("content")
                    .putObject("application/json")
                    .putObject("schema")
                    .put("$ref", "#/components/schemas/" + entity.name() + "Input");
        }
        ObjectNode responses = op.putObject("responses");
        switch (endpoint.operation()) {
            case CREATE -> json(responses, "201", "Created", entity.name());
            case DELETE -> responses.putObject("204").put("description", "Deleted");
            default -> json(responses, "200", "OK", endpoint.many() ? entity.name() + "Page" : entity.name());
        }
        if (!parameters.isEmpty()
                || endpoint.operation() == Endpoint.Operation.CREATE
                || endpoint.operation() == Endpoint.Operation.UPDATE) {
            problem(responses, "400", "Malformed request");
        }
        if (!endpoint.many() && endpoint.operation() != Endpoint.Operation.CREATE)
            problem(responses, "404", "Not found");
        if (endpoint.operation() == Endpoint.Operation.CREATE || endpoint.operation() == Endpoint.Operation.UPDATE) {
            problem(responses, "409", "Conflicts with a unique value");
            problem(responses, "413", "Body too large");
            problem(responses, "422", "Invalid fields, listed in errors");
        }
        if (endpoint.operation() == Endpoint.Operation.DELETE) problem(responses, "409", "Still referenced");
        problem(responses, "503", "Database unavailable");
        security(op, responses, endpoint.access());
        op.set("responses", byStatus(responses));
        return op;
    }

    /**
     * The operation's security requirement and the answers security adds. An operation without a rule of its own
     * inherits the document's requirement (any valid credential); a public one has none ({@code security: []}); a role
     * rule lists the roles in each scheme's requirement, which OpenAPI 3.1 allows for every scheme type.
     */
    private void security(ObjectNode op, ObjectNode responses, Endpoint.Access access) {
        if (security.authenticates()) {
            switch (access.kind()) {
                case PUBLIC -> op.set("security", JSON.arrayNode());
                case ROLES -> op.set("security", requirement(access.roles()));
                case DEFAULT -> {}
            }
            if (access.kind() != Endpoint.Access.Kind.PUBLIC) {
                ObjectNode unauthorized = problem(responses, "401", "No valid credential: missing, unknown or refused");
                header(
                        unauthorized,
                        "WWW-Authenticate",
                        "The schemes the service accepts, with the reason of the refusal",
                        JSON.objectNode().put("type", "string"));
            }
            if (access.kind() == Endpoint.Access.Kind.ROLES) {
                problem(
                        responses,
                        "403",
                        "The credential holds none of the roles " + String.join(", ", access.roles()));
            }
        }
        security.rateLimit().ifPresent(limit -> {
            ObjectNode tooMany = problem(
                    responses,
                    "429",
                    "Over the rate limit of " + limit.perSecond()
                            + " requests per second (bursts of " + limit.burst() + ") per "
                            + (limit.by() == ServiceConfig.RateKey.ADDRESS ? "address" : "client"));
            header(
                    tooMany,
                    "Retry-After",
                    "Seconds to wait before the next request",
                    JSON.objectNode().put("type", "integer").put("minimum", 1));
            // every answer the limiter let through carries the bucket's state, the successful ones included
            List<String> statuses = new ArrayList<>();
            responses.fieldNames().forEachRemaining(statuses::add);
            statuses.stream()
                    .filter(status -> status.startsWith("2") || status.equals("429"))
                    .forEach(status -> rateLimitHeaders((ObjectNode) responses.get(status)));
        });
    }

    private static void rateLimitHeaders(ObjectNode response) {
        header(
                response,
                "RateLimit-Limit",
                "The requests a client may make at once",
                JSON.objectNode().put("type", "integer"));
        header(
                response,
                "RateLimit-Remaining",
                "The requests left before the limit",
                JSON.objectNode().put("type", "integer").put("minimum", 0));
    }

    private static ObjectNode byStatus(ObjectNode responses) {
        ObjectNode sorted = JSON.objectNode();
        List<String> statuses = new ArrayList<>();
        responses.fieldNames().forEachRemaining(statuses::add);
        statuses.stream().sorted().forEach(status -> sorted.set(status, responses.get(status)));
        return sorted;
    }

    /** One alternative per configured scheme, each with {@code scopes} (role names; empty for any credential). */
    private ArrayNode requirement(List<String> scopes) {
        ArrayNode alternatives = JSON.arrayNode();
        if (security.apiKeys().isPresent()) {
            ArrayNode roles = alternatives.addObject().putArray(API_KEY_SCHEME);
            scopes.forEach(roles::add);
        }
        if (security.jwt().isPresent()) {
            ArrayNode roles = alternatives.addObject().putArray(BEARER_SCHEME);
            scopes.forEach(roles::add);
        }
        return alternatives;
    }

    private ObjectNode securitySchemes() {
        ObjectNode schemes = JSON.objectNode();
        security.apiKeys().ifPresent(keys -> {
            ObjectNode scheme = schemes.putObject(API_KEY_SCHEME);
            scheme.put("type", "apiKey");
            scheme.put("in", "header");
            scheme.put("name", keys.header());
            scheme.put("description", "A key issued to a client; its roles are configured with the key.");
        });
        security.jwt().ifPresent(jwt -> {
            ObjectNode scheme = schemes.putObject(BEARER_SCHEME);
            scheme.put("type", "http");
            scheme.put("scheme", "bearer");
            scheme.put("bearerFormat", "JWT");
            scheme.put(
                    "description",
                    "A JWT signed with " + String.join(" or ", jwt.algorithms()) + " by "
                            + jwt.issuer()
                            + jwt.audience().map(a -> " for the audience " + a).orElse("")
                            + "; roles in the claim " + jwt.rolesClaim() + ".");
        });
        return schemes;
    }

    private static void header(ObjectNode response, String name, String description, ObjectNode schema) {
        ObjectNode header = (response.has("headers")
                        ? (ObjectNode) response.get("headers")
                        : response.putObject("headers"))
                .putObject(name);
        header.put("description", description);
        header.set("schema", schema);
    }

    private String summary(EndpointSpec endpoint, EntitySpec entity) {
        return switch (endpoint.operation()) {
            case LIST -> "List " + entity.name() + " rows, paged";
            case GET -> "Get one " + entity.name();
            case CREATE -> "Create a " + entity.name();
            case UPDATE -> "Replace a " + entity.name();
            case DELETE -> "Delete a " + entity.name();
            case ROUTE ->
                (endpoint.many() ? "List " : "Find a ")
                        + entity.name()
                        + (endpoint.where().isEmpty()
                                ? ""
                                : " by "
                                        + String.join(
                                                " and ",
                                                endpoint.where().stream()
                                                        .map(ServiceSpec.Condition::field)
                                                        .toList()));
        };
    }

    private FieldSpec paramField(EndpointSpec endpoint, EntitySpec entity, String param) {
        if (endpoint.operation() != Endpoint.Operation.ROUTE) return entity.key();
        return endpoint.where().stream()
                .filter(c -> c.param().equals(param))
                .findFirst()
                .flatMap(c -> entity.field(c.field()))
                .orElse(entity.key());
    }

    private static void json(ObjectNode responses, String status, String description, String schema) {
        ObjectNode response = responses.putObject(status);
        response.put("description", description);
        response.putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("$ref", "#/components/schemas/" + schema);
    }

    private static ObjectNode problem(ObjectNode responses, String status, String description) {
        ObjectNode response = responses.putObject(status);
        response.put("description", description);
        response.putObject("content")
                .putObject("application/problem+json")
                .putObject("schema")
                .put("$ref", "#/components/schemas/Problem");
        return response;
    }

    private ObjectNode entitySchema(EntitySpec e, boolean input) {
        ObjectNode schema = JSON.objectNode();
        schema.put("type", "object");
        if (!e.doc().isBlank()) schema.put("description", e.doc().strip());
        ObjectNode props = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (FieldSpec f : e.fields()) {
            if (input && !f.writable()) continue;
            ObjectNode p = valueSchema(f);
            if (!f.doc().isBlank()) p.put("description", f.doc().strip());
            if (!input && !f.writable()) p.put("readOnly", true);
            f.defaultValue().ifPresent(d -> putDefault(p, f, d));
            props.set(f.name(), p);
            boolean isRequired = input ? !f.optional() && f.defaultValue().isEmpty() : true;
            if (isRequired) required.add(f.name());
        }
        if (!required.isEmpty()) schema.set("required", required);
        return schema;
    }

    private void putDefault(ObjectNode p, FieldSpec f, String value) {
        switch (f.kind()) {
            case INT, LONG -> p.put("default", Long.parseLong(value));
            case DECIMAL -> p.put("default", new java.math.BigDecimal(value));
            case BOOL -> p.put("default", Boolean.parseBoolean(value));
            default -> p.put("default", value);
        }
    }

    /** The JSON schema of a field's value (a reference is its target's key). */
    private ObjectNode valueSchema(FieldSpec f) {
        FieldSpec stored = f.kind() == Kind.REFERENCE
                ? spec.entity(f.typeName()).orElseThrow().key()
                : f;
        ObjectNode s = JSON.objectNode();
        switch (stored.kind()) {
            case STRING -> {
                s.put("type", "string");
                s.put("maxLength", stored.length());
            }
            case TEXT -> s.put("type", "string");
            case INT -> {
                s.put("type", "integer");
                s.put("format", "int32");
            }
            case LONG -> {
                s.put("type", "integer");
                s.put("format", "int64");
            }
            case DECIMAL -> s.put("type", "number");
            case BOOL -> s.put("type", "boolean");
            case UUID -> {
                s.put("type", "string");
                s.put("format", "uuid");
            }
            case TIMESTAMP -> {
                s.put("type", "string");
                s.put("format", "date-time");
            }
            case DATE -> {
                s.put("type", "string");
                s.put("format", "date");
            }
            case ENUM -> {
                s.remove("type");
                s.put("$ref", "#/components/schemas/" + stored.typeName());
            }
            case REFERENCE -> throw new IllegalStateException("a key cannot be a reference");
        }
        if (f.kind() != Kind.ENUM) {
            f.range().ifPresent(r -> {
                s.put("minimum", r.low());
                s.put("maximum", r.high());
            });
            f.lengthRange().ifPresent(r -> {
                s.put("minLength", r.low().intValue());
                s.put(
                        "maxLength",
                        Math.min(
                                r.high().intValue(),
                                stored.kind() == Kind.STRING ? stored.length() : Integer.MAX_VALUE));
            });
            f.pattern().ifPresent(p -> s.put("pattern", "^(?:" + p + ")$"));
        }
        if (f.optional() && f.kind() != Kind.ENUM) {
            ArrayNode types = JSON.arrayNode().add(s.get("type").asText()).add("null");
            s.set("type", types);
        }
        return s;
    }

    private static ObjectNode problemSchema() {
        ObjectNode schema = JSON.objectNode();
        schema.put("type", "object");
        schema.put("description", "An RFC 9457 problem.");
        ObjectNode props = schema.putObject("properties");
        props.putObject("type").put("type", "string");
        props.putObject("title").put("type", "string");
        props.putObject("status").put("type", "integer");
        props.putObject("detail").put("type", "string");
        props.putObject("instance").put("type", "string");
        props.putObject("requestId").put("type", "string");
        props.putObject("traceId")
                .put("type", "string")
                .put("description", "The trace of the request, when tracing is on");
        ObjectNode errors = props.putObject("errors");
        errors.put("type", "array");
        ObjectNode error = errors.putObject("items");
        error.put("type", "object");
        ObjectNode errorProps = error.putObject("properties");
        errorProps.putObject("field").put("type", "string");
        errorProps.putObject("message").put("type", "string");
        schema.putArray("required").add("type").add("title").add("status");
        return schema;
    }
}
