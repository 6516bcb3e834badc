package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.curiousoddman.rgxgen.RgxGen;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EndpointSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.codegen.spec.ServiceSpec.FieldSpec;
import dev.blueprint.codegen.spec.ServiceSpec.Kind;
import dev.blueprint.lang.check.Endpoint.Access;
import dev.blueprint.lang.check.Endpoint.Operation;
import dev.blueprint.lang.settings.Configured;
import dev.blueprint.lang.settings.ServiceConfig;
import dev.blueprint.lang.settings.ServiceConfig.ApiClient;
import dev.blueprint.runtime.Http;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A create and a read against a started service of a generated program: the rows an entity's required references
 * need are created first, then one row of the entity itself with a value for every field a client may write; the
 * created row carries what was sent, reading it back by its key gives the same representation, and every route
 * of the entity finds it by its own values.
 */
final class RoundTrip {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * What to do: create {@code order}'s entities in turn (the last is the one read back), as {@code client} when
     * the service authenticates.
     */
    record Plan(List<EntitySpec> order, Optional<ApiClient> client) {}

    private final ServiceSpec spec;
    private final Http http;
    private final Random random;

    RoundTrip(ServiceSpec spec, URI base, long seed) {
        this.spec = spec;
        this.http = new Http(base);
        this.random = new Random(seed);
    }

    /**
     * A plan for the first entity, in program order, that a client (or anyone, when the service does not
     * authenticate) may create and read, whose required references can be created first, and whose required fields
     * have values; empty when there is none.
     */
    static Optional<Plan> plan(ServiceSpec spec) {
        return spec.entities().stream()
                .flatMap(entity -> plan(spec, entity).stream())
                .findFirst();
    }

    /** A plan that ends with creating and reading {@code entity}, as {@link #plan(ServiceSpec)} would make. */
    static Optional<Plan> plan(ServiceSpec spec, EntitySpec entity) {
        List<Optional<ApiClient>> callers = new ArrayList<>();
        if (spec.config().security().authenticates()) {
            spec.config()
                    .security()
                    .apiKeys()
                    .ifPresent(keys -> keys.clients().forEach(c -> callers.add(Optional.of(c))));
        } else {
            callers.add(Optional.empty());
        }
        for (Optional<ApiClient> caller : callers) {
            if (endpoint(spec, entity, Operation.GET, caller).isEmpty()) continue;
            List<EntitySpec> order = new ArrayList<>();
            if (creatable(spec, entity, caller, new LinkedHashSet<>(), order)) {
                return Optional.of(new Plan(order, caller));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code entity} can be created, after the entities it requires (added to {@code order} first). */
    private static boolean creatable(
            ServiceSpec spec,
            EntitySpec entity,
            Optional<ApiClient> caller,
            Set<String> visiting,
            List<EntitySpec> order) {
        if (order.contains(entity)) return true;
        if (!visiting.add(entity.name())) return false; // a cycle of required references: no first row
        if (endpoint(spec, entity, Operation.CREATE, caller).isEmpty()) return false;
        for (FieldSpec field : entity.fields()) {
            if (!field.writable() || field.optional()) continue;
            if (field.kind() == Kind.REFERENCE) {
                EntitySpec target = spec.entity(field.typeName()).orElseThrow();
                if (!creatable(spec, target, caller, visiting, order)) return false;
            } else if (field.defaultValue().isEmpty()
                    && value(spec, field, new Random(0)).isEmpty()) {
                return false;
            }
        }
        order.add(entity);
        return true;
    }

    /** The endpoint of {@code operation} on {@code entity} that {@code caller} may call. */
    private static Optional<EndpointSpec> endpoint(
            ServiceSpec spec, EntitySpec entity, Operation operation, Optional<ApiClient> caller) {
        return spec.endpoints().stream()
                .filter(e -> e.operation() == operation && e.entity().equals(entity.name()))
                .filter(e -> allowed(spec, e.access(), caller))
                .findFirst();
    }

    private static boolean allowed(ServiceSpec spec, Access access, Optional<ApiClient> caller) {
        return switch (access.kind()) {
            case PUBLIC -> true;
            case DEFAULT -> !spec.config().security().authenticates() || caller.isPresent();
            case ROLES -> caller.isPresent() && caller.get().roles().stream().anyMatch(access.roles()::contains);
        };
    }

    /** The environment the service's secrets come from: every API key and a JWT public key. */
    static Map<String, String> secrets(ServiceSpec spec) {
        Map<String, String> env = new HashMap<>();
        spec.config()
                .security()
                .apiKeys()
                .ifPresent(keys ->
                        keys.clients().forEach(c -> c.key().env().ifPresent(variable -> env.put(variable, keyOf(c)))));
        spec.config()
                .security()
                .jwt()
                .flatMap(ServiceConfig.Jwt::publicKey)
                .flatMap(Configured::env)
                .ifPresent(v -> {
                    boolean ec = spec.config().security().jwt().get().algorithms().stream()
                            .anyMatch(a -> a.startsWith("ES"));
                    env.put(v, Jwts.pem((ec ? Jwts.ec() : Jwts.rsa()).getPublic()));
                });
        return env;
    }

    /** A client's API key: the literal the blueprint writes, or the value {@link #secrets} puts in its variable. */
    private static String keyOf(ApiClient client) {
        return client.key().literal().orElse("key-of-" + client.name());
    }

    /** Runs {@code plan}: creates each entity in turn, checks what came back, and reads the last one back. */
    void run(Plan plan) {
        Map<String, JsonNode> keys = new HashMap<>();
        JsonNode created = null;
        EntitySpec last = plan.order().get(plan.order().size() - 1);
        for (EntitySpec entity : plan.order()) {
            ObjectNode body = body(entity, keys);
            EndpointSpec create =
                    endpoint(spec, entity, Operation.CREATE, plan.client()).orElseThrow();
            Http.Response response = send(plan, "POST", create.path(), body.toString());
            assertThat(response.status())
                    .as("POST %s %s: %s", create.path(), body, response)
                    .isEqualTo(201);
            created = response.json();
            for (Map.Entry<String, JsonNode> sent : body.properties()) {
                FieldSpec field = entity.field(sent.getKey()).orElseThrow();
                assertThat(same(field, sent.getValue(), created.get(sent.getKey())))
                        .as("%s.%s sent %s, created %s", entity.name(), field.name(), sent.getValue(), created)
                        .isTrue();
            }
            keys.put(entity.name(), created.get(entity.key().name()));
        }
        EndpointSpec get = endpoint(spec, last, Operation.GET, plan.client()).orElseThrow();
        String path = get.path().replaceFirst("\\{[^}]+}", keys.get(last.name()).asText());
        Http.Response read = send(plan, "GET", path, null);
        assertThat(read.status()).as("GET %s: %s", path, read).isEqualTo(200);
        // the same representation: the same JSON text (nodes of equal text may differ in their Java number types)
        assertThat(read.json().toString()).as("GET %s after creating", path).isEqualTo(created.toString());
        String row = created.toString();
        for (EndpointSpec route : spec.endpoints()) {
            if (route.operation() == Operation.ROUTE
                    && route.entity().equals(last.name())
                    && allowed(spec, route.access(), plan.client())) {
                query(route, created).ifPresent(query -> {
                    Http.Response found = send(plan, "GET", query, null);
                    assertThat(found.status()).as("GET %s: %s", query, found).isEqualTo(200);
                    List<String> rows = new ArrayList<>();
                    if (route.many()) found.json().get("items").forEach(item -> rows.add(item.toString()));
                    else rows.add(found.json().toString());
                    assertThat(rows).as("GET %s finds the row it names", query).contains(row);
                });
            }
        }
    }

    /**
     * The path and query of {@code route} whose {@code where} names {@code row}: each parameter is the row's value of
     * its field. Empty when a value is null, or cannot stand in a path segment (empty, {@code /}, dot segments).
     */
    private static Optional<String> query(EndpointSpec route, JsonNode row) {
        String path = route.path();
        List<String> query = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        for (ServiceSpec.Condition condition : route.where()) {
            JsonNode value = row.get(condition.field());
            if (value == null || value.isNull()) return Optional.empty();
            String text = value.asText();
            String before = values.putIfAbsent(condition.param(), text);
            if (before != null && !before.equals(text)) return Optional.empty(); // one parameter, two values
            if (before != null) continue;
            String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
            String segment = "{" + condition.param() + "}";
            if (path.contains(segment)) {
                if (text.isEmpty() || text.contains("/") || text.equals(".") || text.equals("..")) {
                    return Optional.empty();
                }
                path = path.replace(segment, encoded);
            } else {
                query.add(condition.param() + "=" + encoded);
            }
        }
        return Optional.of(query.isEmpty() ? path : path + "?" + String.join("&", query));
    }

    /** Sends a request as the plan's client; a 429 (a rate-limited program) waits as long as Retry-After says. */
    private Http.Response send(Plan plan, String method, String path, String json) {
        String[] headers = plan.client()
                .map(c -> new String[] {
                    spec.config().security().apiKeys().orElseThrow().header(), keyOf(c)
                })
                .orElse(new String[0]);
        for (int attempt = 0; ; attempt++) {
            Http.Response response = http.send(method, path, json, headers);
            if (response.status() != 429 || attempt == 5) return response;
            String retryAfter = response.header("Retry-After");
            try {
                Thread.sleep(1000L * (retryAfter == null ? 1 : Long.parseLong(retryAfter)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A body with every required field, and some of the optional ones and those with a default. */
    private ObjectNode body(EntitySpec entity, Map<String, JsonNode> keys) {
        ObjectNode body = JSON.objectNode();
        for (FieldSpec field : entity.fields()) {
            if (!field.writable()) continue;
            boolean required = !field.optional() && field.defaultValue().isEmpty();
            if (field.kind() == Kind.REFERENCE) {
                JsonNode key = keys.get(field.typeName());
                if (key != null && (required || random.nextBoolean())) body.set(field.name(), key);
            } else if (required || random.nextBoolean()) {
                value(spec, field, random).ifPresent(v -> body.set(field.name(), v));
            }
        }
        return body;
    }

    /** Whether the service gave back what was sent: the same JSON, or the same number, instant or date. */
    private static boolean same(FieldSpec field, JsonNode sent, JsonNode got) {
        if (got == null) return false;
        return switch (field.kind()) {
            case INT, LONG, DECIMAL -> got.isNumber() && got.decimalValue().compareTo(sent.decimalValue()) == 0;
            case TIMESTAMP -> Instant.parse(got.asText()).equals(Instant.parse(sent.asText()));
            default -> sent.equals(got);
        };
    }

    /** A value that fits the field's type and rules; empty when none was found (e.g. a pattern longer than n). */
    static Optional<JsonNode> value(ServiceSpec spec, FieldSpec field, Random random) {
        return switch (field.kind()) {
            case STRING -> string(field, random).map(JSON::textNode);
            case TEXT -> Optional.of(JSON.textNode(letters(random, textLength(field))));
            case INT ->
                Optional.of(JSON.numberNode(integer(field, random, Integer.MIN_VALUE, Integer.MAX_VALUE)
                        .intValue()));
            case LONG ->
                Optional.of(JSON.numberNode(
                        integer(field, random, Long.MIN_VALUE, Long.MAX_VALUE).longValue()));
            case DECIMAL -> decimal(field, random).map(JSON::numberNode);
            case BOOL -> Optional.of(JSON.booleanNode(random.nextBoolean()));
            case UUID -> Optional.of(JSON.textNode(new UUID(random.nextLong(), random.nextLong()).toString()));
            case TIMESTAMP ->
                Optional.of(JSON.textNode(Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1 << 26))
                        .toString()));
            case DATE ->
                Optional.of(JSON.textNode(java.time.LocalDate.ofEpochDay(19_000 + random.nextInt(2_000))
                        .toString()));
            case ENUM -> {
                List<String> members =
                        spec.enumNamed(field.typeName()).orElseThrow().members();
                yield Optional.of(JSON.textNode(members.get(random.nextInt(members.size()))));
            }
            case REFERENCE -> throw new IllegalArgumentException("a reference takes the key of a created row");
        };
    }

    private static Optional<String> string(FieldSpec field, Random random) {
        int min = field.lengthRange().map(b -> b.low().intValue()).orElse(0);
        int max = Math.min(
                field.length(),
                field.lengthRange().map(b -> b.high().intValue()).orElse(Integer.MAX_VALUE));
        if (field.pattern().isEmpty()) {
            return min > max
                    ? Optional.empty()
                    : Optional.of(letters(random, min + random.nextInt(Math.min(max - min, 20) + 1)));
        }
        RgxGen generator = RgxGen.parse(field.pattern().get());
        Pattern check = Pattern.compile(field.pattern().get());
        for (int attempt = 0; attempt < 100; attempt++) {
            String s = generator.generate(random);
            if (s.length() >= min
                    && s.length() <= max
                    && check.matcher(s).matches()
                    && s.strip().equals(s)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static int textLength(FieldSpec field) {
        int min = field.lengthRange().map(b -> b.low().intValue()).orElse(0);
        int max = field.lengthRange().map(b -> b.high().intValue()).orElse(min + 40);
        return min + Math.min(max - min, 40) / 2;
    }

    private static String letters(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) s.append((char) ('a' + random.nextInt(26)));
        return s.toString();
    }

    private static BigInteger integer(FieldSpec field, Random random, long typeLow, long typeHigh) {
        BigInteger low = field.range()
                .map(b -> b.low().setScale(0, RoundingMode.CEILING).toBigInteger())
                .orElse(BigInteger.valueOf(-1_000_000))
                .max(BigInteger.valueOf(typeLow));
        BigInteger high = field.range()
                .map(b -> b.high().setScale(0, RoundingMode.FLOOR).toBigInteger())
                .orElse(BigInteger.valueOf(1_000_000))
                .min(BigInteger.valueOf(typeHigh));
        BigInteger width = high.subtract(low).add(BigInteger.ONE);
        return low.add(new BigInteger(width.bitLength() + 8, random).mod(width));
    }

    /** A decimal of the field's scale within its range and precision. */
    private static Optional<BigDecimal> decimal(FieldSpec field, Random random) {
        int scale = field.scale();
        BigDecimal typeMax =
                BigDecimal.TEN.pow(field.precision() - scale).subtract(BigDecimal.ONE.movePointLeft(scale));
        BigDecimal low = field.range().map(ServiceSpec.Bounds::low).orElse(BigDecimal.valueOf(-10_000));
        BigDecimal high = field.range().map(ServiceSpec.Bounds::high).orElse(BigDecimal.valueOf(10_000));
        low = low.max(typeMax.negate()).setScale(scale, RoundingMode.CEILING);
        high = high.min(typeMax).setScale(scale, RoundingMode.FLOOR);
        BigInteger width = high.unscaledValue().subtract(low.unscaledValue()).add(BigInteger.ONE);
        if (width.signum() <= 0) return Optional.empty();
        return Optional.of(new BigDecimal(
                low.unscaledValue().add(new BigInteger(width.bitLength() + 8, random).mod(width)), scale));
    }
}
