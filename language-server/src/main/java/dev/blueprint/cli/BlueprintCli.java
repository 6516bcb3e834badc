package dev.blueprint.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code blueprint} command and the entry point of {@code blueprint.jar}: every command, the language server's
 * {@code lsp} included. Exit codes are a contract: 0 success, 1 the input has errors, 2 bad usage or unreadable
 * input.
 */
@Command(
        name = "blueprint",
        mixinStandardHelpOptions = true,
        versionProvider = BlueprintCli.Version.class,
        description = "Check, format and generate production-grade services from .blueprint files.",
        subcommands = {
            CheckCommand.class,
            FmtCommand.class,
            CompileCommand.class,
            RunCommand.class,
            ValidateCommand.class,
            LspCommand.class
        })
public final class BlueprintCli implements Runnable {
    public static final int OK = 0;
    public static final int ERRORS = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "name a command: check, fmt, compile, run, validate or lsp");
    }

    /** The command line with every command, printing to this process's standard output and error. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BlueprintCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("blueprint: internal error: " + e);
            e.printStackTrace(commandLine.getErr());
            return 3;
        });
        cli.setOut(new PrintWriter(System.out, true));
        cli.setErr(new PrintWriter(System.err, true));
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The toolchain's version, from the jar manifest when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BlueprintCli.class.getPackage().getImplementationVersion();
            return new String[] {"blueprint " + (v == null ? "development build" : v)};
        }
    }
}
