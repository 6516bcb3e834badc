package dev.blueprint.lsp.ide;

import dev.blueprint.lang.model.ImportDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.List;

/** Links from each import's path to the file it names. */
public final class DocumentLinks {
    private DocumentLinks() {}

    public record Link(Span span, Path target) {}

    public static List<Link> links(SourceFile file) {
        return file.decls(ImportDecl.class).stream()
                .flatMap(i -> Imports.target(file.path(), i).map(t -> new Link(i.targetSpan(), t)).stream())
                .toList();
    }
}
