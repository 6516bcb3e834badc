package dev.blueprint.lsp.ide;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.resolve.Program;
import java.nio.file.Path;

/** One file seen through the program it belongs to: what every feature starts from. */
public record FileContext(Snapshot snapshot, Analysis analysis, SourceFile file) {
    public Path path() {
        return file.path();
    }

    public String text() {
        return file.text();
    }

    /** The file's tokens (whitespace left out), shared by every request on this snapshot. */
    public java.util.List<Tokens.Tok> tokens() {
        return snapshot.text(path()).filter(t -> t.equals(text())).isPresent()
                ? snapshot.tokens(path())
                : Tokens.lex(text());
    }

    public Program program() {
        return analysis.program();
    }
}
