package dev.blueprint.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EndpointSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.lang.check.Endpoint.Operation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The read/write mix the load, fault and shutdown steps send: creates (parents exist first), reads by key, list
 * pages, routes filled from stored rows, and updates that keep unique values, references and route-compared
 * values (so that concurrent reads of rows remembered earlier stay valid). No deletes under load: a delete racing a create that refers to the row would be a
 * legitimate 422, not a fault. Rows created anywhere (functional pass included) are remembered, a bounded number
 * per entity.
 */
final class Workload {

    /** One request to send, the headers it carries (a credential) and the status that counts as success. */
    record Request(
            String label,
            String method,
            String path,
            Optional<String> body,
            int expected,
            Optional<String> entity,
            Map<String, String> headers) {}

    private static final int REMEMBERED = 4096;

    private final ServiceSpec spec;
    private final Samples samples;
    private final Map<String, Rows> rows = new LinkedHashMap<>();
    private final Map<String, Set<String>> keptOnUpdate = new LinkedHashMap<>();
    private final List<EndpointSpec> endpoints;

    private final Credentials credentials;

    Workload(ServiceSpec spec, Samples samples, Credentials credentials) {
        this.spec = spec;
        this.samples = samples;
        this.credentials = credentials;
        this.endpoints = spec.endpoints();
        for (EntitySpec e : spec.entities()) {
            rows.put(e.name(), new Rows());
            Set<String> kept = new HashSet<>();
            e.fields().stream()
                    .filter(f -> f.unique() || f.kind() == ServiceSpec.Kind.REFERENCE)
                    .forEach(f -> kept.add(f.name()));
            keptOnUpdate.put(e.name(), kept);
        }
        for (EndpointSpec endpoint : endpoints) {
            if (endpoint.operation() == Operation.ROUTE) {
                endpoint.where()
                        .forEach(c -> keptOnUpdate.get(endpoint.entity()).add(c.field()));
                endpoint.orderBy()
                        .ifPresent(f -> keptOnUpdate.get(endpoint.entity()).add(f));
            }
        }
    }

    ServiceSpec spec() {
        return spec;
    }

    /** The fields an update keeps as they are: unique values, references, fields routes compare or order by. */
    Set<String> keptOnUpdate(String entity) {
        return Set.copyOf(keptOnUpdate.get(entity));
    }

    Credentials credentials() {
        return credentials;
    }

    Samples samples() {
        return samples;
    }

    /** Remembers a row the service returned (from a 201 or 200). */
    void remember(String entity, JsonNode row) {
        if (row instanceof ObjectNode object && rows.containsKey(entity))
            rows.get(entity).add(object);
    }

    Optional<ObjectNode> anyRow(String entity, Random random) {
        return rows.get(entity).any(random);
    }

    Optional<JsonNode> anyKey(String entity, Random random) {
        EntitySpec e = spec.entity(entity).orElseThrow();
        return anyRow(entity, random).map(r -> r.get(e.key().name()));
    }

    /** Whether a valid body for {@code entity} can be built now (every required reference has a row). */
    boolean canCreate(EntitySpec entity) {
        return entity.fields().stream()
                .filter(f -> f.writable() && f.kind() == ServiceSpec.Kind.REFERENCE && !f.optional())
                .allMatch(f -> !rows.get(f.typeName()).isEmpty());
    }

    /** The next request of the mix, or empty when nothing can be sent yet. */
    Optional<Request> next(Random random) {
        for (int attempt = 0; attempt < 8; attempt++) {
            EndpointSpec endpoint = endpoints.get(random.nextInt(endpoints.size()));
            boolean write = endpoint.operation() == Operation.CREATE || endpoint.operation() == Operation.UPDATE;
            // about one request in four writes, whatever the number of read and write endpoints
            if (write != (random.nextInt(4) == 0)) continue;
            Optional<Request> request = request(endpoint, random);
            if (request.isPresent()) return request;
        }
        return Optional.empty();
    }

    private Optional<Request> request(EndpointSpec endpoint, Random random) {
        // an endpoint no credential of validate's may call is left out (the functional pass reports it)
        Optional<Credentials.Credential> credential = credentials.forAccess(endpoint.access());
        if (credential.isEmpty()) return Optional.empty();
        Map<String, String> headers = credential.get().headers();
        EntitySpec entity = spec.entity(endpoint.entity()).orElseThrow();
        String label = endpoint.method() + " " + endpoint.path();
        Optional<String> name = Optional.of(entity.name());
        switch (endpoint.operation()) {
            case CREATE -> {
                if (!canCreate(entity)) return Optional.empty();
                ObjectNode body = samples.valid(entity, t -> anyKey(t, random), random);
                return Optional.of(
                        new Request(label, "POST", endpoint.path(), Optional.of(body.toString()), 201, name, headers));
            }
            case LIST -> {
                return Optional.of(new Request(
                        label,
                        "GET",
                        endpoint.path() + "?limit="
                                + Math.min(20, spec.config().server().maxPageSize()),
                        Optional.empty(),
                        200,
                        Optional.empty(),
                        headers));
            }
            case GET -> {
                return anyKey(entity.name(), random)
                        .map(key -> new Request(
                                label,
                                "GET",
                                endpoint.path().replaceFirst("\\{[^}]*}", encode(key)),
                                Optional.empty(),
                                200,
                                Optional.empty(),
                                headers));
            }
            case UPDATE -> {
                Optional<ObjectNode> row = anyRow(entity.name(), random);
                if (row.isEmpty() || !canCreate(entity)) return Optional.empty();
                ObjectNode body = samples.valid(entity, t -> anyKey(t, random), random);
                for (String kept : keptOnUpdate.get(entity.name())) {
                    if (body.has(kept) && row.get().has(kept))
                        body.set(kept, row.get().get(kept));
                }
                String path = endpoint.path()
                        .replaceFirst(
                                "\\{[^}]*}", encode(row.get().get(entity.key().name())));
                return Optional.of(new Request(label, "PUT", path, Optional.of(body.toString()), 200, name, headers));
            }
            case ROUTE -> {
                return anyRow(entity.name(), random)
                        .map(row -> new Request(
                                label,
                                "GET",
                                routePath(endpoint, entity, row),
                                Optional.empty(),
                                200,
                                Optional.empty(),
                                headers));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** A route's path with its parameters taken from {@code row}, so that it matches that row. */
    String routePath(EndpointSpec endpoint, EntitySpec entity, JsonNode row) {
        String path = endpoint.path();
        List<String> query = new ArrayList<>();
        for (ServiceSpec.Condition c : endpoint.where()) {
            JsonNode value = row.get(c.field());
            String text = encode(value);
            String placeholder = "{" + c.param() + "}";
            if (path.contains(placeholder)) path = path.replace(placeholder, text);
            else query.add(URLEncoder.encode(c.param(), StandardCharsets.UTF_8) + "=" + text);
        }
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    static String encode(JsonNode value) {
        String text = value == null || value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString();
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A bounded, lock-free set of rows: the newest {@value #REMEMBERED} overwrite the oldest. */
    private static final class Rows {
        private final AtomicReferenceArray<ObjectNode> slots = new AtomicReferenceArray<>(REMEMBERED);
        private final AtomicInteger count = new AtomicInteger();

        void add(ObjectNode row) {
            int i = count.getAndIncrement();
            slots.set(Math.floorMod(i, REMEMBERED), row);
        }

        boolean isEmpty() {
            return count.get() == 0;
        }

        Optional<ObjectNode> any(Random random) {
            int n = Math.min(count.get(), REMEMBERED);
            if (n == 0) return Optional.empty();
            return Optional.ofNullable(slots.get(random.nextInt(n)));
        }
    }
}
