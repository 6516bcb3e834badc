package dev.blueprint.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EndpointSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.codegen.spec.ServiceSpec.FieldSpec;
import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.check.Endpoint.Operation;
import dev.blueprint.lang.settings.ServiceConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The functional pass: for every resource and route, requests built from the schema and the status each must
 * get. Parents are created before children; rows created here seed the load.
 */
final class Functional {

    private final Http http;
    private final Workload workload;
    private final ServiceSpec spec;
    private final Random random;
    private final List<Report.Check> checks = new ArrayList<>();
    private final Credentials credentials;
    private int rateLimited;
    /** Whether the checks made now are security checks. */
    private boolean securityPart;

    Functional(Http http, Workload workload, Random random) {
        this.http = http;
        this.workload = workload;
        this.credentials = workload.credentials();
        this.spec = workload.spec();
        this.random = random;
    }

    List<Report.Check> run(java.util.function.Consumer<String> progress) {
        List<EntitySpec> order = parentsFirst();
        for (EntitySpec entity : order) {
            progress.accept(entity.name());
            Map<Operation, EndpointSpec> ops = operations(entity);
            if (ops.containsKey(Operation.CREATE)) creates(entity, ops.get(Operation.CREATE));
            if (ops.containsKey(Operation.GET)) gets(entity, ops.get(Operation.GET));
            if (ops.containsKey(Operation.LIST)) {
                Http.Answer a = send(
                        ops.get(Operation.LIST), "GET", ops.get(Operation.LIST).path(), Optional.empty());
                check(
                        "list " + entity.name(),
                        "GET",
                        ops.get(Operation.LIST).path(),
                        200,
                        a,
                        a.json().path("items").isArray() ? "" : "the page has no items array");
            }
            if (ops.containsKey(Operation.UPDATE)) updates(entity, ops.get(Operation.UPDATE));
        }
        for (EndpointSpec endpoint : spec.endpoints()) {
            if (endpoint.operation() == Operation.ROUTE) route(endpoint);
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            EntitySpec entity = order.get(i);
            Map<Operation, EndpointSpec> ops = operations(entity);
            if (ops.containsKey(Operation.DELETE)) deletes(entity, ops);
        }
        if (spec.config().security().enforced()) {
            progress.accept("security");
            securityPart = true;
            security();
            securityPart = false;
        }
        Http.Answer unknown = http.get("/no-such-path-" + UUID.randomUUID());
        check("an unknown path", "GET", "/no-such-path-…", 404, unknown, problemJson(unknown));
        spec.endpoints().stream()
                .filter(e -> e.operation() == Operation.LIST || e.operation() == Operation.CREATE)
                .findFirst()
                .ifPresent(collection -> {
                    Http.Answer wrong = http.call("DELETE", collection.path(), Optional.empty());
                    String allow = wrong.header("Allow").orElse("");
                    check(
                            "a method the path does not have",
                            "DELETE",
                            collection.path(),
                            405,
                            wrong,
                            allow.isEmpty() ? "no Allow header" : problemJson(wrong));
                });
        spec.endpoints().stream()
                .filter(e -> e.operation() == Operation.CREATE)
                .findFirst()
                .ifPresent(create -> {
                    long limit = spec.config().server().maxBodyBytes();
                    String big = "{\"padding\": \"" + "x".repeat((int) Math.min(Integer.MAX_VALUE - 64, limit + 1024))
                            + "\"}";
                    Http.Answer tooBig = send(create, "POST", create.path(), Optional.of(big));
                    check(
                            "a body over max_body (" + limit + " bytes)",
                            "POST",
                            create.path(),
                            413,
                            tooBig,
                            problemJson(tooBig));
                });
        return checks;
    }

    /**
     * The security checks: every protected endpoint refuses a request without a credential (401 with
     * {@code WWW-Authenticate}); the first refuses bad credentials (401); an endpoint that requires roles refuses a
     * credential without them (403) when validate can make one; public GET endpoints answer without a credential;
     * CORS preflights from an allowed origin get 204, from another 403. An endpoint no credential of validate's may
     * call is a failed check naming why.
     */
    private void security() {
        boolean badDone = false;
        for (EndpointSpec endpoint : spec.endpoints()) {
            String path = anyPath(endpoint);
            Optional<String> body =
                    endpoint.method().equals("POST") || endpoint.method().equals("PUT")
                            ? Optional.of("{}")
                            : Optional.empty();
            String rule = rule(endpoint.access());
            if (endpoint.access().kind() == Endpoint.Access.Kind.PUBLIC) {
                if (credentials.authenticates()) publicCheck(endpoint);
                continue;
            }
            if (!credentials.authenticates()) continue;
            if (credentials.forAccess(endpoint.access()).isEmpty()) {
                checks.add(new Report.Check(
                        "call " + endpoint.method() + " " + endpoint.path() + " (" + rule + ")",
                        endpoint.method(),
                        endpoint.path(),
                        200,
                        credentials.whyNone(endpoint.access()),
                        false,
                        0,
                        true));
            }
            // refused credentials count against the address's rate limit too: a 429 is waited out like any other
            Http.Answer none = paced(endpoint.method(), path, body, Map.of());
            check(
                    "no credential for " + endpoint.method() + " " + endpoint.path() + " (" + rule + ")",
                    endpoint.method(),
                    path,
                    401,
                    none,
                    unauthorized(none));
            if (!badDone) {
                badDone = true;
                for (Credentials.Credential bad : credentials.bad()) {
                    Http.Answer a = paced(endpoint.method(), path, body, bad.headers());
                    check(
                            bad.description() + " for " + endpoint.method() + " " + endpoint.path(),
                            endpoint.method(),
                            path,
                            401,
                            a,
                            unauthorized(a));
                }
            }
            Optional<Credentials.Credential> lacking = credentials.lacking(endpoint.access());
            if (lacking.isPresent()) {
                Http.Answer a =
                        paced(endpoint.method(), path, body, lacking.get().headers());
                check(
                        lacking.get().description() + " for " + endpoint.method() + " " + endpoint.path() + " (" + rule
                                + ")",
                        endpoint.method(),
                        path,
                        403,
                        a,
                        problemJson(a));
            }
        }
        apiKeys();
        spec.config().security().cors().ifPresent(this::cors);
    }

    /**
     * Each API client's key once: on the first GET it may call (200), and on the first
     * endpoint requiring roles it holds none of (403).
     */
    private void apiKeys() {
        for (Map.Entry<ServiceConfig.ApiClient, Credentials.Credential> client : credentials.apiClients()) {
            List<String> roles = client.getKey().roles();
            Credentials.Credential key = client.getValue();
            spec.endpoints().stream()
                    .filter(e -> e.method().equals("GET") && e.access().kind() != Endpoint.Access.Kind.PUBLIC)
                    .filter(e -> e.access().kind() == Endpoint.Access.Kind.DEFAULT
                            || e.access().roles().stream().anyMatch(roles::contains))
                    .map(e -> Map.entry(e, readPath(e)))
                    .filter(e -> e.getValue().isPresent())
                    .findFirst()
                    .ifPresent(e -> {
                        String path = e.getValue().get();
                        Http.Answer a = paced("GET", path, Optional.empty(), key.headers());
                        check(
                                key.description() + " for GET " + e.getKey().path() + " ("
                                        + rule(e.getKey().access()) + ")",
                                "GET",
                                path,
                                200,
                                a,
                                "");
                    });
            spec.endpoints().stream()
                    .filter(e -> e.access().kind() == Endpoint.Access.Kind.ROLES
                            && e.access().roles().stream().noneMatch(roles::contains))
                    .findFirst()
                    .ifPresent(e -> {
                        String path = anyPath(e);
                        Optional<String> body =
                                e.method().equals("POST") || e.method().equals("PUT")
                                        ? Optional.of("{}")
                                        : Optional.empty();
                        Http.Answer a = paced(e.method(), path, body, key.headers());
                        check(
                                key.description() + " for " + e.method() + " " + e.path() + " (" + rule(e.access())
                                        + ")",
                                e.method(),
                                path,
                                403,
                                a,
                                problemJson(a));
                    });
        }
    }

    /** A path that reads a row (or a page) through a GET endpoint, when there is a row to read. */
    private Optional<String> readPath(EndpointSpec endpoint) {
        EntitySpec entity = spec.entity(endpoint.entity()).orElseThrow();
        Optional<ObjectNode> row = workload.anyRow(entity.name(), random);
        return switch (endpoint.operation()) {
            case LIST -> Optional.of(endpoint.path());
            case GET -> row.map(r -> item(endpoint, r.get(entity.key().name())));
            case ROUTE -> row.map(r -> workload.routePath(endpoint, entity, r));
            default -> Optional.empty();
        };
    }

    private void publicCheck(EndpointSpec endpoint) {
        if (!endpoint.method().equals("GET")) return;
        Optional<String> read = readPath(endpoint);
        if (read.isEmpty()) return;
        String path = read.get();
        Http.Answer a = paced("GET", path, Optional.empty(), Map.of());
        check("public " + endpoint.method() + " " + endpoint.path() + " without a credential", "GET", path, 200, a, "");
    }

    private void cors(ServiceConfig.Cors cors) {
        EndpointSpec endpoint = spec.endpoints().get(0);
        String path = anyPath(endpoint);
        boolean any = cors.origins().contains("*");
        String allowed = any ? "https://validate.example" : cors.origins().get(0);
        String method =
                cors.methods().contains(endpoint.method()) || cors.methods().isEmpty()
                        ? endpoint.method()
                        : cors.methods().get(0);
        Http.Answer ok = http.call(
                "OPTIONS", path, Optional.empty(), Map.of("Origin", allowed, "Access-Control-Request-Method", method));
        String allowOrigin = ok.header("Access-Control-Allow-Origin").orElse("");
        check(
                "CORS preflight from the allowed origin " + allowed,
                "OPTIONS",
                path,
                204,
                ok,
                allowOrigin.equals(allowed) || (any && allowOrigin.equals("*"))
                        ? ""
                        : "Access-Control-Allow-Origin is '" + allowOrigin + "', not " + allowed);
        if (!any) {
            String other = "https://not-allowed.validate.invalid";
            Http.Answer refused = http.call(
                    "OPTIONS",
                    path,
                    Optional.empty(),
                    Map.of("Origin", other, "Access-Control-Request-Method", method));
            check(
                    "CORS preflight from another origin " + other,
                    "OPTIONS",
                    path,
                    403,
                    refused,
                    refused.header("Access-Control-Allow-Origin").isPresent()
                            ? "it carries Access-Control-Allow-Origin"
                            : problemJson(refused));
        }
    }

    /** A path that matches {@code endpoint}'s template (for checks answered before the handler runs). */
    private String anyPath(EndpointSpec endpoint) {
        if (endpoint.operation() == Operation.ROUTE) return endpoint.path().replaceAll("\\{[^}]*}", "validate");
        if (!endpoint.path().contains("{")) return endpoint.path();
        return item(endpoint, missingKey(spec.entity(endpoint.entity()).orElseThrow()));
    }

    private static String rule(Endpoint.Access access) {
        return switch (access.kind()) {
            case PUBLIC -> "public";
            case DEFAULT -> "any authenticated caller";
            case ROLES -> "requires role(\"" + String.join("\", \"", access.roles()) + "\")";
        };
    }

    /** Empty when a 401 is problem+json with a WWW-Authenticate challenge. */
    private static String unauthorized(Http.Answer a) {
        if (a.failed() || a.status() != 401) return "";
        if (a.header("WWW-Authenticate").isEmpty()) return "no WWW-Authenticate header";
        return problemJson(a);
    }

    private void creates(EntitySpec entity, EndpointSpec create) {
        String path = create.path();
        if (!workload.canCreate(entity)) {
            checks.add(new Report.Check(
                    "create " + entity.name()
                            + ": skipped, a required reference has no row (its entity cannot be created through the API)",
                    "POST",
                    path,
                    201,
                    "skipped",
                    true,
                    0,
                    false));
            return;
        }
        ObjectNode first = body(entity);
        Http.Answer a = post(create, path, first);
        String stored = keyed(entity, a);
        if (stored.isEmpty() && a.status() == 201) stored = sameValues(entity, first, a.json());
        if (check(
                "create a valid " + entity.name() + " (the row as stored has the values sent)",
                "POST",
                path,
                201,
                a,
                stored)) {
            workload.remember(entity.name(), a.json());
        }
        Http.Answer b = post(create, path, body(entity));
        if (check("create another valid " + entity.name(), "POST", path, 201, b, keyed(entity, b)))
            workload.remember(entity.name(), b.json());
        if (Samples.hasRequiredField(entity)) {
            Http.Answer empty = send(create, "POST", path, Optional.of("{}"));
            check(
                    "create " + entity.name() + " without its required fields",
                    "POST",
                    path,
                    422,
                    empty,
                    problemJson(empty));
        }
        Optional<Map.Entry<String, ObjectNode>> broken =
                workload.samples().breakingOneRule(entity, body(entity), random);
        if (broken.isPresent()) {
            Http.Answer bad = post(create, path, broken.get().getValue());
            String detail = problemJson(bad);
            if (detail.isEmpty()
                    && bad.status() == 422
                    && !bad.body().contains("\"" + broken.get().getKey() + "\"")) {
                detail = "the problem does not name the field " + broken.get().getKey();
            }
            check(
                    "create " + entity.name() + " with an invalid "
                            + broken.get().getKey(),
                    "POST",
                    path,
                    422,
                    bad,
                    detail);
        }
        Http.Answer malformed = send(create, "POST", path, Optional.of("{\"unterminated"));
        check("create " + entity.name() + " with malformed JSON", "POST", path, 400, malformed, problemJson(malformed));
        if (a.status() == 201) {
            for (FieldSpec f : entity.fields()) {
                if (!f.unique() || !f.writable() || !a.json().has(f.name())) continue;
                ObjectNode dup = body(entity);
                dup.set(f.name(), a.json().get(f.name()));
                Http.Answer conflict = post(create, path, dup);
                check(
                        "create " + entity.name() + " with a taken " + f.name(),
                        "POST",
                        path,
                        409,
                        conflict,
                        problemJson(conflict));
            }
        }
        for (FieldSpec f : entity.fields()) {
            if (f.kind() != ServiceSpec.Kind.REFERENCE || !f.writable()) continue;
            ObjectNode dangling = body(entity);
            dangling.set(f.name(), missingKey(spec.entity(f.typeName()).orElseThrow()));
            Http.Answer r = post(create, path, dangling);
            check(
                    "create " + entity.name() + " referring to a missing " + f.typeName(),
                    "POST",
                    path,
                    422,
                    r,
                    problemJson(r));
        }
    }

    private void gets(EntitySpec entity, EndpointSpec get) {
        Optional<ObjectNode> row = workload.anyRow(entity.name(), random);
        if (row.isPresent()) {
            String path = item(get, row.get().get(entity.key().name()));
            Http.Answer a = send(get, "GET", path, Optional.empty());
            String detail = a.status() == 200
                            && !a.json()
                                    .path(entity.key().name())
                                    .equals(row.get().get(entity.key().name()))
                    ? "the row returned has another key"
                    : "";
            check("get a " + entity.name() + " by key", "GET", path, 200, a, detail);
        }
        String missing = item(get, missingKey(entity));
        Http.Answer none = send(get, "GET", missing, Optional.empty());
        check("get a missing " + entity.name(), "GET", missing, 404, none, problemJson(none));
    }

    private void updates(EntitySpec entity, EndpointSpec update) {
        Optional<ObjectNode> row = workload.anyRow(entity.name(), random);
        if (row.isPresent() && workload.canCreate(entity)) {
            String path = item(update, row.get().get(entity.key().name()));
            ObjectNode body = body(entity);
            // unique values, references and route-compared values stay: other checks and the load rely on the rows
            // remembered so far
            for (String kept : workload.keptOnUpdate(entity.name())) {
                if (row.get().has(kept) && body.has(kept))
                    body.set(kept, row.get().get(kept));
            }
            Http.Answer a = send(update, "PUT", path, Optional.of(body.toString()));
            if (check("update a " + entity.name(), "PUT", path, 200, a, "")) workload.remember(entity.name(), a.json());
            Optional<Map.Entry<String, ObjectNode>> broken = workload.samples().breakingOneRule(entity, body, random);
            if (broken.isPresent()) {
                Http.Answer bad = send(
                        update, "PUT", path, Optional.of(broken.get().getValue().toString()));
                check(
                        "update " + entity.name() + " with an invalid "
                                + broken.get().getKey(),
                        "PUT",
                        path,
                        422,
                        bad,
                        problemJson(bad));
            }
        }
        if (workload.canCreate(entity)) {
            String missing = item(update, missingKey(entity));
            Http.Answer none =
                    send(update, "PUT", missing, Optional.of(body(entity).toString()));
            check("update a missing " + entity.name(), "PUT", missing, 404, none, problemJson(none));
        }
    }

    private void route(EndpointSpec route) {
        EntitySpec entity = spec.entity(route.entity()).orElseThrow();
        Optional<ObjectNode> row = workload.anyRow(entity.name(), random);
        if (row.isEmpty()) return;
        String path = workload.routePath(route, entity, row.get());
        Http.Answer a = send(route, "GET", path, Optional.empty());
        String detail = "";
        if (a.status() == 200 && route.many() && !a.json().path("items").isArray())
            detail = "the page has no items array";
        check("route " + route.path() + " matching a row", "GET", path, 200, a, detail);
        if (!route.many()) {
            ObjectNode other = row.get().deepCopy();
            for (ServiceSpec.Condition c : route.where()) {
                FieldSpec f = entity.field(c.field()).orElseThrow();
                other.set(
                        c.field(),
                        f.kind() == ServiceSpec.Kind.REFERENCE
                                ? missingKey(spec.entity(f.typeName()).orElseThrow())
                                : workload.samples().value(f, random));
            }
            String nowhere = workload.routePath(route, entity, other);
            Http.Answer none = send(route, "GET", nowhere, Optional.empty());
            check("route " + route.path() + " matching nothing", "GET", nowhere, 404, none, problemJson(none));
        }
    }

    private void deletes(EntitySpec entity, Map<Operation, EndpointSpec> ops) {
        EndpointSpec delete = ops.get(Operation.DELETE);
        if (ops.containsKey(Operation.CREATE) && workload.canCreate(entity)) {
            Http.Answer created =
                    post(ops.get(Operation.CREATE), ops.get(Operation.CREATE).path(), body(entity));
            if (created.status() == 201) {
                String path = item(delete, created.json().get(entity.key().name()));
                check(
                        "delete a " + entity.name(),
                        "DELETE",
                        path,
                        204,
                        send(delete, "DELETE", path, Optional.empty()),
                        "");
                if (ops.containsKey(Operation.GET)) {
                    Http.Answer gone = send(
                            ops.get(Operation.GET),
                            "GET",
                            item(
                                    ops.get(Operation.GET),
                                    created.json().get(entity.key().name())),
                            Optional.empty());
                    check("get a deleted " + entity.name(), "GET", path, 404, gone, "");
                }
                Http.Answer again = send(delete, "DELETE", path, Optional.empty());
                check("delete a missing " + entity.name(), "DELETE", path, 404, again, problemJson(again));
            }
        }
        // a row other rows refer to: the delete is refused
        for (EntitySpec child : spec.entities()) {
            for (FieldSpec f : child.fields()) {
                if (f.kind() != ServiceSpec.Kind.REFERENCE || !f.typeName().equals(entity.name())) continue;
                Optional<ObjectNode> childRow = workload.anyRow(child.name(), random);
                if (childRow.isEmpty()
                        || childRow.get().get(f.name()) == null
                        || childRow.get().get(f.name()).isNull()) continue;
                String path = item(delete, childRow.get().get(f.name()));
                Http.Answer refused = send(delete, "DELETE", path, Optional.empty());
                check(
                        "delete a " + entity.name() + " a " + child.name() + " refers to",
                        "DELETE",
                        path,
                        409,
                        refused,
                        problemJson(refused));
                return;
            }
        }
    }

    private boolean check(String what, String method, String path, int expected, Http.Answer answer, String detail) {
        if (detail.isEmpty()
                && !answer.failed()
                && answer.header("X-Request-Id").isEmpty()) detail = "no X-Request-Id header";
        if (detail.isEmpty()) detail = securityHeaders(answer);
        boolean passed = !answer.failed() && answer.status() == expected && detail.isEmpty();
        String actual = answer.describe();
        if (!detail.isEmpty() && answer.status() == expected) actual += " (" + detail + ")";
        else if (!passed && !answer.failed() && !answer.body().isEmpty()) {
            String body = answer.body().length() > 200 ? answer.body().substring(0, 200) + "…" : answer.body();
            actual += ": " + body;
        }
        checks.add(new Report.Check(what, method, path, expected, actual, passed, answer.millis(), securityPart));
        return passed;
    }

    /** Empty when an answer carries X-Content-Type-Options: nosniff and Cache-Control: no-store (every API answer must). */
    private static String securityHeaders(Http.Answer a) {
        if (a.failed()) return "";
        if (!a.header("X-Content-Type-Options").orElse("").equalsIgnoreCase("nosniff"))
            return "no X-Content-Type-Options: nosniff";
        if (!a.header("Cache-Control").orElse("").contains("no-store")) return "no Cache-Control: no-store";
        return "";
    }

    /** Empty when every field sent comes back with the same value (numbers and instants compared by value). */
    private static String sameValues(EntitySpec entity, ObjectNode sent, JsonNode stored) {
        for (FieldSpec f : entity.fields()) {
            JsonNode a = sent.get(f.name());
            if (a == null) continue;
            JsonNode b = stored.get(f.name());
            boolean same;
            if (b == null) {
                same = false;
            } else if (a.isNumber() && b.isNumber()) {
                same = a.decimalValue().compareTo(b.decimalValue()) == 0;
            } else if (f.kind() == ServiceSpec.Kind.TIMESTAMP && a.isTextual() && b.isTextual()) {
                same = java.time.Instant.parse(a.asText()).equals(java.time.Instant.parse(b.asText()));
            } else {
                same = a.equals(b);
            }
            if (!same) return "sent " + f.name() + " " + a + ", stored " + b;
        }
        return "";
    }

    private static String problemJson(Http.Answer a) {
        if (a.failed() || a.status() < 400) return "";
        return a.contentType()
                        .filter(t -> t.startsWith("application/problem+json"))
                        .isPresent()
                ? ""
                : "not application/problem+json";
    }

    private static String keyed(EntitySpec entity, Http.Answer a) {
        if (a.status() != 201) return "";
        JsonNode key = a.json().get(entity.key().name());
        return key == null || key.isNull()
                ? "the created row has no " + entity.key().name()
                : "";
    }

    private ObjectNode body(EntitySpec entity) {
        return workload.samples().valid(entity, t -> workload.anyKey(t, random), random);
    }

    private Http.Answer post(EndpointSpec endpoint, String path, ObjectNode body) {
        return send(endpoint, "POST", path, Optional.of(body.toString()));
    }

    /**
     * Sends a request to {@code endpoint} with a credential that satisfies its rule (none for a public one). A 429
     * is the rate limit at work: the request is sent again after its {@code Retry-After}, up to 5 times.
     */
    private Http.Answer send(EndpointSpec endpoint, String method, String path, Optional<String> body) {
        Map<String, String> headers = credentials
                .forAccess(endpoint.access())
                .map(Credentials.Credential::headers)
                .orElse(Map.of());
        return paced(method, path, body, headers);
    }

    private Http.Answer paced(String method, String path, Optional<String> body, Map<String, String> headers) {
        for (int attempt = 0; ; attempt++) {
            Http.Answer a = http.call(method, path, body, headers);
            if (a.failed() || a.status() != 429 || attempt == 5) return a;
            if (a.header("Retry-After").isEmpty()) {
                check("a 429 carries Retry-After", method, path, 429, a, "no Retry-After header");
                return a;
            }
            rateLimited++;
            try {
                Thread.sleep(Load.retryAfterMillis(a));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return a;
            }
        }
    }

    /** How many 429 answers the pass waited out. */
    int rateLimited() {
        return rateLimited;
    }

    private static String item(EndpointSpec endpoint, JsonNode key) {
        return endpoint.path().replaceFirst("\\{[^}]*}", Workload.encode(key));
    }

    private JsonNode missingKey(EntitySpec entity) {
        FieldSpec key = entity.key();
        return switch (key.kind()) {
            case UUID -> JsonNodeFactory.instance.textNode(UUID.randomUUID().toString());
            case LONG -> JsonNodeFactory.instance.numberNode(Long.MAX_VALUE - random.nextInt(1000));
            case INT -> JsonNodeFactory.instance.numberNode(Integer.MAX_VALUE - random.nextInt(1000));
            default -> workload.samples().value(key, random);
        };
    }

    private Map<Operation, EndpointSpec> operations(EntitySpec entity) {
        Map<Operation, EndpointSpec> ops = new EnumMap<>(Operation.class);
        for (EndpointSpec e : spec.endpoints()) {
            if (e.entity().equals(entity.name()) && e.operation() != Operation.ROUTE) ops.putIfAbsent(e.operation(), e);
        }
        return ops;
    }

    /** Entities with the entities they refer to first (a reference cycle keeps written order). */
    private List<EntitySpec> parentsFirst() {
        Set<String> placed = new LinkedHashSet<>();
        List<EntitySpec> order = new ArrayList<>();
        boolean progress = true;
        while (order.size() < spec.entities().size() && progress) {
            progress = false;
            for (EntitySpec e : spec.entities()) {
                if (placed.contains(e.name())) continue;
                boolean ready = e.fields().stream()
                        .filter(f -> f.kind() == ServiceSpec.Kind.REFERENCE)
                        .allMatch(f ->
                                placed.contains(f.typeName()) || f.typeName().equals(e.name()));
                if (ready) {
                    placed.add(e.name());
                    order.add(e);
                    progress = true;
                }
            }
        }
        for (EntitySpec e : spec.entities()) if (placed.add(e.name())) order.add(e);
        return order;
    }
}
