package dev.blueprint.validate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Step} found: passed, failed or skipped, the reason (empty when it passed) and its figures (name to
 * value, in order).
 */
record StepResult(Report.Status status, String reason, Map<String, Object> figures) {

    StepResult {
        figures = new LinkedHashMap<>(figures);
    }

    static StepResult passed(Map<String, Object> figures) {
        return new StepResult(Report.Status.PASSED, "", figures);
    }

    static StepResult failed(String reason, Map<String, Object> figures) {
        return new StepResult(Report.Status.FAILED, reason, figures);
    }

    /** Not run, because {@code why} (an earlier step failed). */
    static StepResult skipped(String why) {
        return new StepResult(Report.Status.SKIPPED, "not run: " + why, Map.of());
    }

    /** Passed when there are no problems, else failed with one problem a line. */
    static StepResult of(List<String> problems, Map<String, Object> figures) {
        return problems.isEmpty() ? passed(figures) : failed(String.join("\n", problems), figures);
    }

    boolean passed() {
        return status == Report.Status.PASSED;
    }
}
