package dev.blueprint.lang.model;

import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.source.Span;

/**
 * A lexical or syntax error found while parsing, or the one error of a file past a bound of the language
 * ({@link Code#NESTED_TOO_DEEPLY}, {@link Code#FILE_TOO_LARGE}, {@link Code#LINE_TOO_LONG}).
 */
public record SyntaxError(String message, Span span, Code code) {
    /** A syntax error ({@link Code#SYNTAX}). */
    public SyntaxError(String message, Span span) {
        this(message, span, Code.SYNTAX);
    }
}
