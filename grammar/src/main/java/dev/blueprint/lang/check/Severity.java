package dev.blueprint.lang.check;

/** How serious a diagnostic is; the names are the ones the CLI prints. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    INFO("info"),
    HINT("hint");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
