package dev.blueprint.cli;

import dev.blueprint.build.DiskSources;
import dev.blueprint.build.Display;
import dev.blueprint.build.Inputs;
import dev.blueprint.lang.format.Formatter;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.SyntaxError;
import dev.blueprint.lang.naming.BlueprintFiles;
import dev.blueprint.lang.syntax.Parsing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code blueprint fmt FILE…}: rewrite files in the canonical layout, or with --check only report. */
@Command(
        name = "fmt",
        mixinStandardHelpOptions = true,
        description = "Rewrite blueprints in the canonical layout, keeping every comment. "
                + "With --check, change nothing and exit 1 when a file is not formatted.")
public final class FmtCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Blueprint files, or folders to search for them.")
    List<Path> files;

    @Option(names = "--check", description = "Only report files that are not formatted.")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<List<Path>> expanded = Inputs.expand(files, err);
        if (expanded.isEmpty()) {
            return BlueprintCli.USAGE;
        }
        DiskSources sources = new DiskSources();
        int status = BlueprintCli.OK;
        for (Path path : expanded.get()) {
            Optional<String> text = sources.read(path);
            if (text.isEmpty()) {
                err.println("blueprint: " + Display.path(path) + ": "
                        + sources.problem(path).orElse("cannot be read"));
                return BlueprintCli.USAGE;
            }
            SourceFile parsed = Parsing.parse(path, text.get());
            Optional<String> formatted = Formatter.format(parsed);
            if (formatted.isEmpty()) {
                SyntaxError first = parsed.syntaxErrors().get(0);
                int line = parsed.lines().line(first.span().start()) + 1;
                int column = parsed.lines().column(first.span().start()) + 1;
                err.printf(
                        "blueprint: %s:%d:%d: not formatted: fix the syntax error first (%s)%n",
                        Display.path(path), line, column, first.message());
                status = BlueprintCli.ERRORS;
                continue;
            }
            if (formatted.get().equals(text.get())) {
                continue;
            }
            if (check) {
                out.println(Display.path(path) + ": not formatted");
                status = BlueprintCli.ERRORS;
            } else {
                Path temp = Files.createTempFile(path.toAbsolutePath().getParent(), ".fmt-", BlueprintFiles.SUFFIX);
                Files.writeString(temp, formatted.get(), StandardCharsets.UTF_8);
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                out.println("formatted " + Display.path(path));
            }
        }
        out.flush();
        return status;
    }
}
