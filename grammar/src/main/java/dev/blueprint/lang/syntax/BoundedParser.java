package dev.blueprint.lang.syntax;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

/**
 * The generated parser with a ceiling on its recursion. {@link Parsing} refuses a text whose brackets nest past
 * {@link Limits#MAX_DEPTH} before parsing it; error recovery can still leave rules open that the brackets closed
 * (it deletes a stray closer), so the parser also stops, with {@link TooDeep}, when more rules are open than any
 * text within the bound needs (a few per level of nesting).
 */
final class BoundedParser extends BlueprintParser {
    /** Rules open at once: block, setting, value and attribute per level, and the declaration around them. */
    static final int MAX_RULES = 4 * Limits.MAX_DEPTH + 8;

    /** Parsing stopped: too many rules open at {@code at}. */
    static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Token at;

        TooDeep(Token at) {
            super(null, null, false, false);
            this.at = at;
        }

        Token at() {
            return at;
        }
    }

    BoundedParser(TokenStream input) {
        super(input);
    }

    @Override
    public void enterRule(ParserRuleContext localctx, int state, int ruleIndex) {
        if (localctx.depth() > MAX_RULES) {
            throw new TooDeep(getCurrentToken());
        }
        super.enterRule(localctx, state, ruleIndex);
    }
}
