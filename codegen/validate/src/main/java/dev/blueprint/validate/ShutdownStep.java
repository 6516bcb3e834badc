package dev.blueprint.validate;

import dev.blueprint.codegen.spec.ServiceSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 6: SIGTERM under a small load. Readiness must answer 503 before the port closes, no request may fail, and
 * the process must exit (0 or 143) within the blueprint's {@code shutdown_grace}, its port closed.
 */
final class ShutdownStep implements Step {
    private final ServiceUnderTest service;
    private final Workload workload;

    ShutdownStep(ServiceUnderTest service, Workload workload) {
        this.service = service;
        this.workload = workload;
    }

    @Override
    public String id() {
        return "shutdown";
    }

    @Override
    public StepResult run(Context context) throws InterruptedException {
        ServiceSpec spec = context.spec();
        ValidateOptions options = context.options();
        ServiceProcess process = service.process();
        Http probes = service.probes();
        Map<String, Object> figures = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Duration grace = spec.config().server().shutdownGrace();
        int users = Math.min(options.connections(), Validation.FAULT_USERS);
        try (Http loadClient = new Http(service.base(), options.requestTimeout(), 2)) {
            Load background = new Load(loadClient, workload, users);
            background.start();
            Thread.sleep(1000);
            long okBefore = background.succeeded();
            context.progress().accept("SIGTERM");
            process.terminate();
            long signalled = System.nanoTime();
            boolean sawNotReady = false;
            boolean refusedFirst = false;
            while (process.isAlive()
                    && System.nanoTime() - signalled < grace.plusSeconds(10).toNanos()) {
                Http.Answer a = probes.get(spec.config().probes().ready());
                if (a.status() == 503) {
                    if (!sawNotReady) figures.put("ready 503 after ms", (System.nanoTime() - signalled) / 1_000_000);
                    sawNotReady = true;
                    // a load balancer stops sending new requests once readiness fails
                    background.stop();
                } else if (a.failed() && !sawNotReady) {
                    refusedFirst = true;
                    background.stop();
                    break;
                } else if (a.failed()) {
                    break;
                }
                Thread.sleep(50);
            }
            Optional<Integer> exit = process.awaitExit(grace.plusSeconds(10));
            long exitMs = (System.nanoTime() - signalled) / 1_000_000;
            Load.Figures f = background.awaitFinished(Duration.ofSeconds(30));
            figures.put("requests", f.requests());
            figures.put("failed", f.failed());
            figures.put("served after SIGTERM", f.succeeded() - okBefore);
            if (spec.config().security().rateLimit().isPresent()) figures.put("429 rate limited", f.rateLimited());
            if (refusedFirst) problems.add("the port closed before readiness answered 503");
            else if (!sawNotReady) problems.add("readiness never answered 503 after SIGTERM");
            if (f.failed() > 0) {
                problems.add(f.failed() + " of " + f.requests() + " requests failed during shutdown: "
                        + String.join("; ", f.failureSamples().stream().limit(3).toList()));
            }
            if (exit.isEmpty()) {
                problems.add("the process still ran " + Validation.human(grace.plusSeconds(10))
                        + " after SIGTERM (shutdown_grace " + Validation.human(grace) + ")");
            } else {
                figures.put("exit code", exit.get());
                figures.put("exited after ms", exitMs);
                if (exitMs > grace.toMillis()) {
                    problems.add("the process exited " + exitMs + " ms after SIGTERM, beyond shutdown_grace "
                            + Validation.human(grace));
                }
                if (exit.get() != 0 && exit.get() != 143)
                    problems.add("the process exited with code " + exit.get() + " (0 or 143 expected)");
            }
            if (portOpen(service.port()))
                problems.add("port " + service.port() + " still accepts connections after the exit");
        }
        return StepResult.of(problems, figures);
    }

    private static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
