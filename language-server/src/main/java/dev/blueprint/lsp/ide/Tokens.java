package dev.blueprint.lsp.ide;

import dev.blueprint.lang.source.Span;
import dev.blueprint.lang.syntax.BlueprintLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/** The tokens of a text (without whitespace), for features that look at the surface: completion, semantic tokens. */
public final class Tokens {
    private Tokens() {}

    /** One token: its lexer type, where it stands and its text. */
    public record Tok(int type, int start, int end, String text) {
        public Span span() {
            return new Span(start, end);
        }

        public boolean isComment() {
            return type == BlueprintLexer.LINE_COMMENT
                    || type == BlueprintLexer.DOC_COMMENT
                    || type == BlueprintLexer.BLOCK_COMMENT;
        }

        /** An identifier or a keyword: something that reads as a word. */
        public boolean isWord() {
            return !text.isEmpty()
                    && (Character.isLetter(text.charAt(0)) || text.charAt(0) == '_')
                    && type != BlueprintLexer.QUANTITY
                    && type != BlueprintLexer.STRING
                    && !isComment();
        }
    }

    /** The tokens that are not comments. */
    public static List<Tok> code(List<Tok> tokens) {
        return tokens.stream().filter(t -> !t.isComment()).toList();
    }

    /** Every token but whitespace, comments included. Never fails. */
    public static List<Tok> lex(String text) {
        BlueprintLexer lexer = new BlueprintLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Tok> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getType() == BlueprintLexer.WS) {
                continue;
            }
            int start = t.getStartIndex();
            int end = t.getStopIndex() + 1;
            out.add(new Tok(t.getType(), start, end, text.substring(start, end)));
        }
        return out;
    }

    /** How many of {@code tokens} (in text order) start before {@code offset}. */
    public static int startingBefore(List<Tok> tokens, int offset) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).start() < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
