package dev.blueprint.lsp;

import dev.blueprint.cli.BlueprintCli;

/** The entry point of {@code blueprint.jar}: the command line, with the language server as {@code blueprint lsp}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(BlueprintCli.commandLine(new LspCommand()).execute(args));
    }
}
