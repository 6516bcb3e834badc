package dev.blueprint.lsp.ide;

import static dev.blueprint.lang.syntax.BlueprintLexer.*;

import dev.blueprint.lang.check.Attributes;
import dev.blueprint.lsp.ide.Tokens.Tok;
import java.util.List;
import java.util.Optional;

/** Signature help inside an attribute's parentheses ({@code @range(|)}), inside {@code env(|)} and inside {@code requires role(|)}. */
public final class SignatureHelp {
    private SignatureHelp() {}

    /** The signature label, its doc, the parameter labels and which one is active. */
    public record Signature(String label, String doc, List<String> parameters, int active) {}

    /** The signature of the call around {@code offset} ({@link CursorContext#call()}), when it is one of those. */
    public static Optional<Signature> at(FileContext ctx, int offset) {
        Optional<CursorContext.Call> call = ctx.cursor(offset).call();
        if (call.isEmpty()) {
            return Optional.empty();
        }
        Tok name = call.get().name();
        int commas = call.get().argument();
        int precededBy = call.get().precededBy();
        if (name.type() == ENV) {
            return Optional.of(new Signature(
                    "env(name, fallback?)",
                    "Reads the value from an environment variable; the fallback is used when it is unset.",
                    List.of("name", "fallback?"),
                    Math.min(commas, 1)));
        }
        if (precededBy == REQUIRES && name.text().equals("role")) {
            return Optional.of(
                    new Signature("role(name, …)", Rules.REQUIRES_DOC, List.of("name", "…"), Math.min(commas, 1)));
        }
        if (precededBy == AT) {
            Optional<Attributes.Spec> spec = Attributes.spec(name.text());
            if (spec.isPresent()) {
                Attributes.Spec s = spec.get();
                String param = s.example().replaceAll("^@" + s.name() + "\\((.*)\\)$", "$1");
                String kind = s.name().equals("pattern") ? "regex" : "low..high";
                return Optional.of(new Signature(
                                "@" + s.name() + "(" + kind + ")",
                                s.doc() + " Example: " + s.example(),
                                List.of(kind),
                                0))
                        .filter(x -> !param.isEmpty());
            }
        }
        if (name.text().equals("string")) {
            return Optional.of(new Signature(
                    "string(length)",
                    "Text of at most length characters (default 255, at most 10,000).",
                    List.of("length"),
                    0));
        }
        if (name.text().equals("decimal")) {
            return Optional.of(new Signature(
                    "decimal(precision, scale)",
                    "An exact decimal; default (19, 4).",
                    List.of("precision", "scale"),
                    Math.min(commas, 1)));
        }
        return Optional.empty();
    }
}
