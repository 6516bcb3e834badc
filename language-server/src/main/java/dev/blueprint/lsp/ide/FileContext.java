package dev.blueprint.lsp.ide;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.resolve.Program;
import java.nio.file.Path;
import java.util.List;

/** One file seen through the program it belongs to: what every feature starts from. */
public record FileContext(Snapshot snapshot, Analysis analysis, SourceFile file) {
    public Path path() {
        return file.path();
    }

    public String text() {
        return file.text();
    }

    /** The file's tokens (whitespace left out), shared by every request on this snapshot. */
    public List<Tokens.Tok> tokens() {
        return current() ? snapshot.tokens(path()) : Tokens.lex(text());
    }

    /** The file's tokens without comments: the code. */
    public List<Tokens.Tok> codeTokens() {
        return current() ? snapshot.codeTokens(path()) : Tokens.code(tokens());
    }

    /** Where the cursor stands at {@code offset}: worked out once per snapshot and offset, shared by the features. */
    public CursorContext cursor(int offset) {
        return current() ? snapshot.cursor(this, offset) : new CursorContext(this, offset);
    }

    /** Whether the file reads here as in the snapshot (so the snapshot's memos hold for it). */
    private boolean current() {
        return snapshot.text(path()).filter(t -> t.equals(text())).isPresent();
    }

    public Program program() {
        return analysis.program();
    }
}
