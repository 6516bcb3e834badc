package dev.blueprint.lang.syntax;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovering strategy with messages written for people: "expected ':' after 'name'"
 * rather than token-set dumps.
 */
final class ErrorStrategy extends DefaultErrorStrategy {

    @Override
    protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
        Token t = e.getOffendingToken();
        recognizer.notifyErrorListeners(
                t, "unexpected " + describe(t) + expecting(recognizer, e.getExpectedTokens()), e);
    }

    @Override
    protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
        Token t = e.getOffendingToken();
        recognizer.notifyErrorListeners(
                t, "unexpected " + describe(t) + expecting(recognizer, e.getExpectedTokens()), e);
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) {
            return;
        }
        beginErrorCondition(recognizer);
        Token t = recognizer.getCurrentToken();
        recognizer.notifyErrorListeners(
                t, "unexpected " + describe(t) + expecting(recognizer, getExpectedTokens(recognizer)), null);
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) {
            return;
        }
        beginErrorCondition(recognizer);
        Token t = recognizer.getCurrentToken();
        Token before = recognizer.getInputStream().LT(-1);
        String where = before == null ? "" : " after " + describe(before);
        recognizer.notifyErrorListeners(
                t, "missing " + names(getExpectedTokens(recognizer)) + where + ", before " + describe(t), null);
    }

    private static String expecting(Parser recognizer, IntervalSet expected) {
        if (expected == null || expected.isNil()) {
            return "";
        }
        String names = names(expected);
        return names.isEmpty() ? "" : ", expected " + names;
    }

    /** A short human list of the expected tokens; keywords usable as names fold into "a name". */
    static String names(IntervalSet expected) {
        List<String> out = new ArrayList<>();
        boolean name = expected.contains(BlueprintLexer.IDENT);
        for (int type : expected.toArray()) {
            if (name && type != BlueprintLexer.IDENT && isSoftKeyword(type)) {
                continue;
            }
            out.add(tokenName(type));
        }
        if (out.size() > 6) {
            return "";
        }
        if (out.size() <= 1) {
            return String.join("", out);
        }
        return String.join(", ", out.subList(0, out.size() - 1)) + " or " + out.get(out.size() - 1);
    }

    private static boolean isSoftKeyword(int type) {
        return switch (type) {
            case BlueprintLexer.SERVER,
                    BlueprintLexer.STORE,
                    BlueprintLexer.RESOURCE,
                    BlueprintLexer.ROUTE,
                    BlueprintLexer.WHERE,
                    BlueprintLexer.AND,
                    BlueprintLexer.ORDER,
                    BlueprintLexer.BY,
                    BlueprintLexer.ASC,
                    BlueprintLexer.DESC,
                    BlueprintLexer.LIMIT,
                    BlueprintLexer.ENV -> true;
            default -> false;
        };
    }

    static String tokenName(int type) {
        return switch (type) {
            case Token.EOF -> "the end of the file";
            case BlueprintLexer.IDENT -> "a name";
            case BlueprintLexer.STRING -> "a string";
            case BlueprintLexer.INT -> "a whole number";
            case BlueprintLexer.DECIMAL -> "a decimal number";
            case BlueprintLexer.QUANTITY -> "a quantity";
            default -> {
                String literal = BlueprintLexer.VOCABULARY.getLiteralName(type);
                yield literal != null ? literal : BlueprintLexer.VOCABULARY.getDisplayName(type);
            }
        };
    }

    static String describe(Token t) {
        if (t == null || t.getType() == Token.EOF) {
            return "end of file";
        }
        String text = t.getText();
        if (text.length() > 30) {
            text = text.substring(0, 27) + "...";
        }
        return "'" + text + "'";
    }
}
