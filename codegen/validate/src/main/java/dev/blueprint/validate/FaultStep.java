package dev.blueprint.validate;

import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EndpointSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.lang.check.Endpoint.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 5: every store's proxy is cut under a small background load. Ready must answer 503 (or not answer within
 * the probe timeout, as an orchestrator counts it) within two probe timeouts, live 200 throughout, data requests
 * 503 within the pool's connect timeout + 1 s; once restored, ready 200 again and a read and a create succeed, in
 * the same process.
 */
final class FaultStep implements Step {
    private final ServiceUnderTest service;
    private final Workload workload;
    private final Credentials credentials;
    private final Databases databases;

    FaultStep(ServiceUnderTest service, Workload workload, Credentials credentials, Databases databases) {
        this.service = service;
        this.workload = workload;
        this.credentials = credentials;
        this.databases = databases;
    }

    @Override
    public String id() {
        return "fault";
    }

    @Override
    public StepResult run(Context context) throws InterruptedException {
        ServiceSpec spec = context.spec();
        ValidateOptions options = context.options();
        Http probes = service.probes();
        Http client = service.client();
        Map<String, Object> figures = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Duration probeTimeout = spec.config().probes().timeout();
        Duration connectTimeout = spec.config().defaultStore().pool().connectTimeout();
        // a data endpoint validate has a credential for (with none, the 401 would come before the database)
        Optional<EndpointSpec> dataEndpoint = spec.endpoints().stream()
                .filter(e -> e.operation() == Operation.LIST)
                .filter(e -> credentials.forAccess(e.access()).isPresent())
                .findFirst()
                .or(() -> spec.endpoints().stream()
                        .filter(e -> e.operation() == Operation.GET)
                        .filter(e -> credentials.forAccess(e.access()).isPresent())
                        .findFirst());
        Optional<String> dataPath = dataEndpoint.map(e -> e.operation() == Operation.LIST
                ? e.path()
                : e.path().replaceFirst("\\{[^}]*}", "00000000-0000-0000-0000-000000000000"));
        Map<String, String> dataHeaders = dataEndpoint
                .flatMap(e -> credentials.forAccess(e.access()))
                .map(Credentials.Credential::headers)
                .orElse(Map.of());
        // under load, but fewer requests than worker threads: the probes and the timed data requests must find a worker
        int users = Math.min(options.connections(), Validation.FAULT_USERS);
        try (Http loadClient = new Http(service.base(), options.requestTimeout(), 2);
                Http kubelet = new Http(service.probeBase(), probeTimeout, 1)) {
            Load background = new Load(loadClient, workload, users);
            background.start();
            Thread.sleep(1000);
            int before = probes.get(spec.config().probes().ready()).status();
            if (before != 200) problems.add("ready answered " + before + " under load before the cut (must be 200)");
            context.progress().accept("database cut");
            databases.cut();
            long cut = System.nanoTime();
            Duration bound = probeTimeout.multipliedBy(2);
            int ready = 0;
            List<Integer> live = new ArrayList<>();
            int unanswered = 0;
            while (System.nanoTime() - cut < bound.toNanos()) {
                // as an orchestrator probes, with the probe timeout; the probe must answer, and answer 503
                Http.Answer r = kubelet.get(spec.config().probes().ready());
                ready = r.status();
                if (r.timedOut()) unanswered++;
                live.add(probes.get(spec.config().probes().live()).status());
                if (ready == 503) break;
                Thread.sleep(Validation.PROBE_POLL.toMillis());
            }
            long notReadyMs = (System.nanoTime() - cut) / 1_000_000;
            if (unanswered > 0) figures.put("ready probes unanswered", unanswered);
            if (ready == 503) {
                figures.put("ready 503 after ms", notReadyMs);
            } else if (unanswered > 0) {
                problems.add("the readiness probe did not answer within its timeout " + Validation.human(probeTimeout)
                        + " during the cut (" + unanswered + " times) and never answered 503 within "
                        + Validation.human(bound)
                        + " (two probe timeouts)");
            } else {
                problems.add("ready still answered " + (ready == 0 ? "nothing" : ready) + " " + Validation.human(bound)
                        + " (two probe timeouts) after the database was cut: the readiness probe does not notice the store is gone"
                        + (spec.config().probes().checks().isEmpty() ? " (probes { checks [] } checks no store)" : ""));
            }
            for (int i = 0; i < 3; i++)
                live.add(probes.get(spec.config().probes().live()).status());
            figures.put("live during cut", live.stream().allMatch(s -> s == 200) ? "200" : live.toString());
            if (!live.stream().allMatch(s -> s == 200))
                problems.add("live answered " + live + " during the cut (must stay 200)");
            if (dataPath.isPresent()) {
                long worst = 0;
                List<String> statuses = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Http.Answer a = paced(client, "GET", dataPath.get(), Optional.empty(), dataHeaders);
                    worst = Math.max(worst, a.millis());
                    statuses.add(a.describe());
                    if (a.status() != 503) {
                        problems.add("GET " + dataPath.get() + " answered " + a.describe()
                                + " during the cut (must be 503)");
                        break;
                    }
                }
                figures.put("data during cut", String.join(" ", statuses));
                figures.put("data worst ms", worst);
                long allowed = connectTimeout.toMillis() + 1000;
                if (worst > allowed) {
                    problems.add("a data request took " + worst
                            + " ms during the cut (must fail within the pool's connect_timeout "
                            + Validation.human(connectTimeout)
                            + " + 1 s)");
                }
            }
            context.progress().accept("database restored");
            databases.restore();
            long restored = System.nanoTime();
            int back = 0;
            while (System.nanoTime() - restored < Duration.ofSeconds(30).toNanos()) {
                back = probes.get(spec.config().probes().ready()).status();
                if (back == 200) break;
                Thread.sleep(Validation.PROBE_POLL.toMillis());
            }
            if (back == 200) figures.put("ready 200 after restore ms", (System.nanoTime() - restored) / 1_000_000);
            else
                problems.add(
                        "ready did not return to 200 within 30 s of the database coming back (last: " + back + ")");
            Thread.sleep(500);
            if (dataPath.isPresent()) {
                Http.Answer a = paced(client, "GET", dataPath.get(), Optional.empty(), dataHeaders);
                boolean expectedOk = a.status() == 200
                        || (a.status() == 404
                                && !dataPath.get()
                                        .equals(spec.endpoints().stream()
                                                .filter(e -> e.operation() == Operation.LIST)
                                                .map(EndpointSpec::path)
                                                .findFirst()
                                                .orElse("")));
                if (!expectedOk)
                    problems.add("GET " + dataPath.get() + " answered " + a.describe()
                            + " after the restore (must succeed)");
            }
            Optional<EndpointSpec> create = spec.endpoints().stream()
                    .filter(x -> x.operation() == Operation.CREATE)
                    .filter(x -> workload.canCreate(spec.entity(x.entity()).orElseThrow()))
                    .filter(x -> credentials.forAccess(x.access()).isPresent())
                    .findFirst();
            if (create.isPresent()) {
                Optional<EntitySpec> creatable = spec.entity(create.get().entity());
                String path = create.get().path();
                Http.Answer a = paced(
                        client,
                        "POST",
                        path,
                        Optional.of(workload.samples()
                                .valid(creatable.get(), e -> workload.anyKey(e, context.random()), context.random())
                                .toString()),
                        credentials
                                .forAccess(create.get().access())
                                .orElseThrow()
                                .headers());
                if (a.status() != 201)
                    problems.add("POST " + path + " answered " + a.describe() + " after the restore (must be 201)");
                else workload.remember(creatable.get().name(), a.json());
            }
            Load.Figures f = background.awaitFinished(Duration.ofSeconds(30));
            figures.put("background requests", f.requests());
            figures.put("background failed", f.failed());
            if (f.rateLimited() > 0) figures.put("background 429", f.rateLimited());
            if (!service.process().isAlive()) problems.add("the service process exited during the fault");
            else figures.put("restarted", false);
        }
        return StepResult.of(problems, figures);
    }

    /**
     * A request that a 429 does not fail: sent again after its Retry-After (a rate limit is the service doing its
     * job), up to 5 times; the answer that was not a 429, with its own latency.
     */
    private static Http.Answer paced(
            Http client, String method, String path, Optional<String> body, Map<String, String> headers)
            throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Http.Answer a = client.call(method, path, body, headers);
            if (a.failed() || a.status() != 429 || attempt == 5) return a;
            Thread.sleep(Load.retryAfterMillis(a));
        }
    }
}
