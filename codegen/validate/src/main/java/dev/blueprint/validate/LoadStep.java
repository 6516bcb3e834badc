package dev.blueprint.validate;

import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.lang.settings.ServiceConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Step 4: the closed-loop {@link Load} of {@link ValidateOptions#connections()} users for
 * {@link ValidateOptions#duration()}; passes with every answer the expected status and no client timeout.
 */
final class LoadStep implements Step {
    private final ServiceUnderTest service;
    private final Workload workload;
    private Load.Figures figures;

    LoadStep(ServiceUnderTest service, Workload workload) {
        this.service = service;
        this.workload = workload;
    }

    @Override
    public String id() {
        return "load";
    }

    /** The run's figures (histogram and time series for the report), once it ran; else null. */
    Load.Figures figures() {
        return figures;
    }

    @Override
    public StepResult run(Context context) throws InterruptedException {
        ServiceSpec spec = context.spec();
        ValidateOptions options = context.options();
        try (Http client = new Http(service.base(), options.requestTimeout(), 2)) {
            Load load = new Load(client, workload, options.connections());
            Load.Figures f = load.runFor(
                    options.duration(),
                    s -> context.progress()
                            .accept(String.format(
                                    Locale.ROOT,
                                    "%3.0fs/%.0fs  %,d requests  %,.0f/s  %d failed%s  p99 %.1f ms",
                                    s.seconds(),
                                    options.duration().toMillis() / 1000.0,
                                    s.requests(),
                                    s.throughput(),
                                    s.failed(),
                                    s.rateLimited() > 0 ? "  " + s.rateLimited() + " rate limited (429)" : "",
                                    s.p99Ms())));
            figures = f;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("connections", f.users());
            out.put("requests", f.requests());
            if (spec.config().security().rateLimit().isPresent()) out.put("429 rate limited", f.rateLimited());
            out.put("success %", Validation.round(100 * f.successRate()));
            out.put("req/s", Validation.round(f.throughput()));
            out.put("p50 ms", Validation.round(f.p50Ms()));
            out.put("p90 ms", Validation.round(f.p90Ms()));
            out.put("p99 ms", Validation.round(f.p99Ms()));
            out.put("max ms", Validation.round(f.maxMs()));
            out.put("timeouts", f.timeouts());
            if (f.requests() == 0) {
                return StepResult.failed("no request could be sent (no resource can be created or read)", out);
            }
            if (f.requests() == f.rateLimited()) {
                return StepResult.failed("every request was refused with 429: the rate limit let nothing through", out);
            }
            if (f.failed() == 0 && f.timeouts() == 0) return StepResult.passed(out);
            StringBuilder reason = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%,d of %,d requests failed (%.2f%% success, %d timeouts) with %d connections",
                    f.failed(),
                    f.requests() - f.rateLimited(),
                    100 * f.successRate(),
                    f.timeouts(),
                    f.users()));
            if (f.rateLimited() > 0)
                reason.append(String.format(
                        Locale.ROOT, " (and %,d answered 429 by the rate limit, not counted)", f.rateLimited()));
            reason.append("\noutcomes: ").append(f.outcomes());
            f.failureSamples().stream()
                    .limit(3)
                    .forEach(s -> reason.append("\n").append(s));
            String hint = hint(spec, f);
            if (!hint.isEmpty()) reason.append("\n").append(hint);
            if (!service.process().isAlive())
                reason.append("\nthe service process exited; the end of its log:\n")
                        .append(service.process().tail(15));
            return StepResult.failed(reason.toString(), out);
        }
    }

    /** What the failures of a load run most likely mean, in the blueprint's terms. */
    private static String hint(ServiceSpec spec, Load.Figures f) {
        boolean unavailable = f.failureSamples().stream().anyMatch(s -> s.contains(", got 503"));
        if (!unavailable) return "";
        ServiceConfig.Pool pool = spec.config().defaultStore().pool();
        return "503 under load while the database is up: the pool (max_size " + pool.maxSize() + ", connect_timeout "
                + Validation.human(pool.connectTimeout())
                + ") ran out of connections; raise max_size or connect_timeout";
    }
}
