package dev.blueprint.lang.syntax;

import dev.blueprint.lang.model.SyntaxError;
import dev.blueprint.lang.source.Span;
import java.util.List;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;

/**
 * The generated lexer, with its lexical errors turned into {@link SyntaxError}s: a stray
 * character is reported and moved off the parser's channel, an unterminated string is
 * reported and handed to the parser as a string, an unterminated block comment is reported.
 * So the parser never sees a lexical error twice, and the lexer never fails. Past
 * {@link Limits#MAX_DIAGNOSTICS_PER_FILE} errors it stops collecting them.
 */
final class SourceLexer extends BlueprintLexer {
    private static final int ERRORS_CHANNEL = 3;
    private final List<SyntaxError> errors;

    SourceLexer(CharStream input, List<SyntaxError> errors) {
        super(input);
        this.errors = errors;
        removeErrorListeners();
    }

    @Override
    public Token nextToken() {
        Token token = super.nextToken();
        Span span = new Span(token.getStartIndex(), token.getStopIndex() + 1);
        switch (token.getType()) {
            case ERROR_CHAR -> {
                report(new SyntaxError("unexpected character '" + printable(token.getText()) + "'", span));
                ((WritableToken) token).setChannel(ERRORS_CHANNEL);
            }
            case UNTERMINATED_STRING -> {
                report(new SyntaxError("unterminated string: add the closing '\"'", span));
                ((WritableToken) token).setType(STRING);
            }
            case BLOCK_COMMENT -> {
                String text = token.getText();
                if (text.length() < 4 || !text.endsWith("*/")) {
                    report(new SyntaxError(
                            "unterminated comment: add the closing '*/'", new Span(span.start(), span.start() + 2)));
                }
            }
            default -> {}
        }
        return token;
    }

    private void report(SyntaxError error) {
        if (errors.size() <= Limits.MAX_DIAGNOSTICS_PER_FILE) { // past it, enough to say there are too many
            errors.add(error);
        }
    }

    private static String printable(String text) {
        int cp = text.codePointAt(0);
        return Character.isISOControl(cp) ? String.format("\\u%04X", cp) : text;
    }
}
