package dev.blueprint.validate;

import dev.blueprint.codegen.spec.ServiceSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Step 2: the child JVM starts: its startup probe answers 200 within {@link ValidateOptions#startupTimeout()}, then
 * ready and live answer 200. Fails when the process exits first.
 */
final class StartStep implements Step {
    private final ServiceUnderTest service;

    StartStep(ServiceUnderTest service) {
        this.service = service;
    }

    @Override
    public String id() {
        return "start";
    }

    @Override
    public StepResult run(Context context) throws InterruptedException {
        ServiceSpec spec = context.spec();
        ServiceProcess process = service.process();
        Http probes = service.probes();
        long t = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("pid", process.pid());
        figures.put("port", service.port());
        long deadline = t + context.options().startupTimeout().toNanos();
        int startup = 0;
        boolean saw503 = false;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return StepResult.failed(
                        "the service exited during startup; the end of its log:\n" + process.tail(15), figures);
            }
            Http.Answer a = probes.get(spec.config().probes().startup());
            startup = a.status();
            if (startup == 503) saw503 = true;
            if (startup == 200) break;
            Thread.sleep(Validation.PROBE_POLL.toMillis());
        }
        if (startup != 200) {
            return StepResult.failed(
                    "the startup probe " + spec.config().probes().startup() + " did not answer 200 within "
                            + Validation.human(context.options().startupTimeout()) + " (last: "
                            + (startup == 0 ? "no answer" : startup) + "); the end of its log:\n"
                            + process.tail(15),
                    figures);
        }
        figures.put("startup ms", millis(t));
        figures.put("startup 503 seen", saw503);
        long readyDeadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int ready = 0;
        while (System.nanoTime() < readyDeadline) {
            ready = probes.get(spec.config().probes().ready()).status();
            if (ready == 200) break;
            Thread.sleep(Validation.PROBE_POLL.toMillis());
        }
        figures.put("ready ms", millis(t));
        int live = probes.get(spec.config().probes().live()).status();
        if (ready != 200 || live != 200) {
            return StepResult.failed(
                    "after startup, ready answered " + ready + " and live " + live + " (both must be 200)", figures);
        }
        return StepResult.passed(figures);
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
