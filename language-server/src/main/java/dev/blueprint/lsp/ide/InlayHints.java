package dev.blueprint.lsp.ide;

import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.ServiceDecl;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.lang.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Inlay hints: the generated routes after each resource (who may call each, in the tooltip),
 * and the effective defaults of the keys a settings block leaves out (after its opening brace).
 */
public final class InlayHints {
    private InlayHints() {}

    /** A hint shown at {@code offset}; {@code tooltip} may be null. */
    public record Hint(int offset, String label, String tooltip) {}

    public static List<Hint> hints(FileContext ctx, Span range) {
        List<Hint> out = new ArrayList<>();
        boolean authenticates = Endpoint.authenticates(ctx.program());
        for (ApiDecl api : ctx.file().decls(ApiDecl.class)) {
            List<Endpoint> endpoints = Endpoint.of(api);
            for (var m : api.members()) {
                if (m instanceof Resource r && range.touches(r.span().end())) {
                    List<Endpoint> mine =
                            endpoints.stream().filter(e -> e.member() == r).toList();
                    if (!mine.isEmpty()) {
                        out.add(new Hint(
                                r.span().end(),
                                " " + mine.stream().map(Endpoint::toString).collect(Collectors.joining(", ")),
                                mine.stream()
                                        .map(e -> e.operation().keyword() + ": " + e + access(e, authenticates))
                                        .collect(Collectors.joining("\n"))));
                    }
                }
            }
        }
        for (Nodes.SchemaBlock b : Nodes.blocks(ctx.file())) {
            int at = b.block().span().start() + 1;
            if (!range.touches(at) || b.block().span().length() == 0) {
                continue;
            }
            List<Key> missing = b.schema().keys().stream()
                    .filter(k ->
                            b.block().find(k.name()).isEmpty() && k.kind() != dev.blueprint.lang.settings.Kind.BLOCK)
                    .toList();
            if (missing.isEmpty()) {
                continue;
            }
            // short inline (three keys), the whole list in the tooltip
            String label = " defaults: "
                    + missing.stream()
                            .limit(3)
                            .map(k -> k.name() + " " + k.defaultText())
                            .collect(Collectors.joining(", "))
                    + (missing.size() > 3 ? ", +" + (missing.size() - 3) + " more" : "");
            String tooltip = missing.stream()
                    .map(k -> k.name() + " " + k.defaultText() + " — " + k.doc())
                    .collect(Collectors.joining("\n"));
            out.add(new Hint(at, label, tooltip));
        }
        out.sort(java.util.Comparator.comparingInt(Hint::offset));
        return out;
    }

    /** Who may call, when the service authenticates or a rule is written; nothing for an open service without rules. */
    private static String access(Endpoint e, boolean authenticates) {
        return authenticates || e.access().kind() != Endpoint.Access.Kind.DEFAULT
                ? " — " + Rules.describe(e.access(), authenticates)
                : "";
    }

    /** Code lens over the service: how many endpoints the program exposes. */
    public record Lens(Span span, String title) {}

    public static List<Lens> lenses(FileContext ctx) {
        List<Lens> out = new ArrayList<>();
        for (ServiceDecl s : ctx.file().decls(ServiceDecl.class)) {
            int n = ctx.program().apis().stream()
                    .mapToInt(a -> Endpoint.of(a).size())
                    .sum();
            int entities = ctx.program().entities().size();
            out.add(new Lens(
                    s.name().isMissing() ? s.span() : s.name().span(),
                    n + (n == 1 ? " endpoint" : " endpoints") + " · " + entities
                            + (entities == 1 ? " entity" : " entities")));
        }
        for (ApiDecl api : ctx.file().decls(ApiDecl.class)) {
            int n = Endpoint.of(api).size();
            out.add(new Lens(api.prefixSpan(), n + (n == 1 ? " endpoint" : " endpoints")));
        }
        return out;
    }
}
