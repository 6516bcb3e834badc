package dev.blueprint.validate;

import dev.blueprint.codegen.spec.ServiceSpec;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One step of a validation: compile, start, functional, load, fault or shutdown. {@link Validation} runs them in
 * that order, times them, records each {@link StepResult} in the report and owns everything they use that must be
 * closed (the child JVM, the proxies, the H2 server); a step gets the service under test and the other step's
 * products through its constructor, and what every step shares through its {@link Context}.
 */
interface Step {

    /** What every step reads: the service's spec and project, the options, the run's randomness and its progress. */
    record Context(
            ServiceSpec spec,
            Map<String, String> files,
            ValidateOptions options,
            Random random,
            Consumer<String> progress) {}

    /** The step's id in the report (a key of {@link Report#TITLES}). */
    String id();

    /** Runs the step: passed, or failed with the reason; with its figures either way. */
    StepResult run(Context context) throws IOException, InterruptedException;
}
