package dev.blueprint.lsp.ide;

import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every feature of the IDE layer at random offsets of randomly mutated blueprints (valid and
 * garbage): none may throw. The LSP layer would answer a throwing request empty, so this is
 * where such bugs must be caught.
 */
class RobustnessTest {
    static final String[] FRAGMENTS = {
        "{",
        "}",
        "\"",
        "/*",
        "//",
        "@",
        "$",
        "->",
        ":",
        "=",
        "(",
        ")",
        "[",
        "]",
        ",",
        "..",
        "\n",
        " ",
        "?",
        "entity X { id: uuid @key }",
        "route GET \"/a/{p}\" -> Customer[] where name == $p order by name limit 3",
        "resource \"/x\" Customer { list, get }",
        "pool { min_idle 9 max_size 2 }",
        "import \"common.blueprint\"",
        "env(\"A\", 1)",
        "@range(1..",
        "@pattern(\"[\")",
        "string(",
        "decimal(1,",
        "Status",
        "OPEN",
        "Customer",
        "main",
        "probes { checks [main] }",
        "\uD83D\uDE00",
        "é",
        "\u0000",
        "-",
        "1.5",
        "30s",
        "off",
        "true",
        "import \"a\u0000b.blueprint\"\n",
        // security-shaped text
        "security {",
        "security { roles [\"clerk\", \"\"] }",
        "roles [",
        "roles [\"\"]",
        "\"\"",
        "\"clerk\"",
        "requires role(\"clerk\")",
        "requires role()",
        "requires role(\"\", \"a\\\"b\")",
        "requires",
        "role(",
        "public",
        "requires rol(\"x\")",
        "api_keys { clients { x { key \"k\" roles [\"clerk\", \"nope\"] } } }",
        "clients {",
        "clients { { } }",
        "desk { key env(\"K\") }",
        "jwt { algorithms [RS256, HS256] }",
        "cors { origins [\"*\"] credentials true }",
        "rate_limit { per_second 0 by user }",
        "{ list public, delete requires role(\"admin\") }",
        "management_port 1",
    };

    @Test
    void anImportThatNamesNoPossibleFile() {
        Path main = Fixture.path("main.blueprint");
        String text = "import \"a\u0000b.blueprint\"\n" + FeaturesTest.SHOP;
        Snapshot snap = Snapshot.of(Map.of(main, text));
        FileContext ctx = snap.context(main).orElseThrow();
        org.assertj.core.api.Assertions.assertThat(snap.diagnostics(main)).isNotEmpty();
        org.assertj.core.api.Assertions.assertThat(DocumentLinks.links(ctx.file()))
                .isEmpty();
        org.assertj.core.api.Assertions.assertThat(Navigation.definition(ctx, 9))
                .isEmpty();
    }

    @Test
    void noFeatureThrowsOnAnyText() {
        noFeatureThrows(FeaturesTest.SHOP, 4242);
    }

    @Test
    void noFeatureThrowsOnSecurityText() {
        noFeatureThrows(SecurityFeaturesTest.SHOP, 7007);
    }

    private static void noFeatureThrows(String start, long seed) {
        Random random = new Random(seed);
        String text = start;
        Path common = Fixture.path("common.blueprint");
        Path main = Fixture.path("main.blueprint");
        for (int round = 0; round < 400; round++) {
            int a = random.nextInt(text.length() + 1);
            int b = Math.min(text.length(), a + random.nextInt(8));
            text = text.substring(0, a)
                    + (random.nextInt(3) == 0 ? "" : FRAGMENTS[random.nextInt(FRAGMENTS.length)])
                    + text.substring(b);
            if (text.length() > 3000) {
                text = start;
            }
            Snapshot snap = Snapshot.of(Map.of(main, text, common, "entity Shared { id: long @key }\n"));
            FileContext ctx = snap.context(main).orElseThrow();
            Span all = new Span(0, text.length());
            for (int k = 0; k < 5; k++) {
                int at = random.nextInt(text.length() + 1);
                String where = "round " + round + " offset " + at + " in:\n" + text;
                try {
                    Completion.complete(ctx, at);
                    Hover.hover(ctx, at);
                    Navigation.definition(ctx, at);
                    Navigation.references(ctx, at, true);
                    Navigation.highlights(ctx, at);
                    Navigation.prepareRename(ctx, at);
                    Navigation.rename(ctx, at, "Renamed");
                    Navigation.rename(ctx, at, "front-desk:eu");
                    Structure.selection(ctx.file(), at);
                    SignatureHelp.at(ctx, at);
                    CallHierarchy.prepare(ctx, at).ifPresent(i -> {
                        CallHierarchy.incoming(snap, i);
                        CallHierarchy.outgoing(snap, i);
                    });
                    CodeActions.actions(ctx, new Span(Math.min(at, text.length()), Math.min(text.length(), at + 5)));
                } catch (RuntimeException e) {
                    throw new AssertionError(where, e);
                }
            }
            try {
                Symbols.outline(ctx.file());
                Symbols.workspace(snap, "c");
                Structure.folding(ctx.file());
                Structure.format(ctx.file());
                SemanticTokens.tokens(ctx, all);
                InlayHints.hints(ctx, all);
                InlayHints.lenses(ctx);
                DocumentLinks.links(ctx.file());
                CodeActions.actions(ctx, all);
                snap.diagnostics(main);
            } catch (RuntimeException e) {
                throw new AssertionError("round " + round + " in:\n" + text, e);
            }
        }
    }
}
