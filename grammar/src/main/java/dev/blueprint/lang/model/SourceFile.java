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

    /**
     * Whether the file was past a bound of the language and not parsed: it declares nothing and its one error
     * says which bound (see {@link SyntaxError#code()}).
     */
    public boolean refused() {
        return syntaxErrors.size() == 1 && syntaxErrors.get(0).code() != dev.blueprint.lang.check.Code.SYNTAX;
    }

    public <T extends Decl> List<T> decls(Class<T> kind) {
        return decls.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
