package dev.blueprint.lang.model;

import dev.blueprint.lang.source.LineMap;
import java.nio.file.Path;
import java.util.List;

/** One parsed file: its declarations in order, the syntax errors found and its comments. */
public record SourceFile(
        Path path,
        String text,
        LineMap lines,
        List<Decl> decls,
        List<SyntaxError> syntaxErrors,
        List<Comment> comments) {
    public SourceFile {
        decls = List.copyOf(decls);
        syntaxErrors = List.copyOf(syntaxErrors);
        comments = List.copyOf(comments);
    }

    public <T extends Decl> List<T> decls(Class<T> kind) {
        return decls.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
