package dev.blueprint.validate;

import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EndpointSpec;
import dev.blueprint.lang.check.Endpoint.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step 3: the {@link Functional} pass, every check one by one; passes when every check got what it must. */
final class FunctionalStep implements Step {
    private final ServiceUnderTest service;
    private final Workload workload;
    private final Credentials credentials;
    private List<Report.Check> checks = List.of();

    FunctionalStep(ServiceUnderTest service, Workload workload, Credentials credentials) {
        this.service = service;
        this.workload = workload;
        this.credentials = credentials;
    }

    @Override
    public String id() {
        return "functional";
    }

    /** The checks the pass made, once it ran. */
    List<Report.Check> checks() {
        return checks;
    }

    @Override
    public StepResult run(Context context) {
        ServiceSpec spec = context.spec();
        Functional pass = new Functional(service.client(), workload, context.random());
        List<Report.Check> done = pass.run(entity -> context.progress().accept("requests for " + entity));
        checks = done;
        long failed = done.stream().filter(c -> !c.passed()).count();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("checks", done.size());
        figures.put("failed", failed);
        figures.put(
                "resources",
                spec.endpoints().stream()
                        .filter(e -> e.operation() == Operation.LIST || e.operation() == Operation.CREATE)
                        .map(EndpointSpec::entity)
                        .distinct()
                        .count());
        figures.put(
                "routes",
                spec.endpoints().stream()
                        .filter(e -> e.operation() == Operation.ROUTE)
                        .count());
        if (spec.config().security().enforced()) {
            figures.put(
                    "security checks",
                    done.stream().filter(Report.Check::security).count());
            figures.put(
                    "credentials",
                    credentials.used().stream()
                            .filter(u -> !u.source().startsWith("none"))
                            .map(u -> u.kind() + " " + u.name())
                            .reduce((a, b) -> a + ", " + b)
                            .orElse("none"));
        }
        if (pass.rateLimited() > 0) figures.put("429 waited out", pass.rateLimited());
        if (failed == 0) return StepResult.passed(figures);
        StringBuilder reason = new StringBuilder(failed + " of " + done.size() + " checks failed:");
        done.stream()
                .filter(c -> !c.passed())
                .limit(10)
                .forEach(c -> reason.append("\n")
                        .append(c.what())
                        .append(": ")
                        .append(c.method())
                        .append(' ')
                        .append(c.path())
                        .append(" expected ")
                        .append(c.expected())
                        .append(", got ")
                        .append(c.actual()));
        return StepResult.failed(reason.toString(), figures);
    }
}
