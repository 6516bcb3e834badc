package dev.blueprint.lang.syntax;

import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.model.Comment;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.SyntaxError;
import dev.blueprint.lang.source.LineMap;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Text to {@link SourceFile}. Never throws: syntax errors are collected, and a model is always built. A text past
 * one of the {@link Limits} is not parsed: its model is empty and its one error names the bound.
 */
public final class Parsing {
    private Parsing() {}

    public static SourceFile parse(Path path, String text) {
        LineMap lines = new LineMap(text);
        Optional<SyntaxError> tooBig = tooBig(text, lines);
        if (tooBig.isPresent()) {
            return refused(path, text, lines, tooBig.get());
        }
        List<SyntaxError> errors = new ArrayList<>();
        SourceLexer lexer = new SourceLexer(CharStreams.fromString(text, path.toString()), errors);
        lexer.setTokenFactory(new Utf16TokenFactory(text));
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        Optional<Token> tooDeep = firstTooDeep(tokens);
        if (tooDeep.isPresent()) {
            return refused(path, text, lines, nestedTooDeeply(tooDeep.get(), text, lines));
        }
        BlueprintParser parser = new BoundedParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new ErrorStrategy());
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(
                    Recognizer<?, ?> recognizer,
                    Object offending,
                    int line,
                    int col,
                    String msg,
                    RecognitionException e) {
                if (errors.size() > Limits.MAX_DIAGNOSTICS_PER_FILE) {
                    return; // enough to say there are too many
                }
                Token t = (Token) offending;
                Span at = placeOf(t, tokens, text);
                int expected = msg.indexOf(", expected ");
                if (at.start() != spanOf(t, text.length()).start() && msg.startsWith("unexpected ") && expected > 0) {
                    // Shown at the end of the line before: say what that line lacks.
                    msg = msg.substring(expected + 2) + " after "
                            + ErrorStrategy.describe(tokens.get(previousOnChannel(tokens, t)));
                }
                errors.add(new SyntaxError(msg, at));
            }
        });
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        BlueprintParser.FileContext tree;
        try {
            tree = parser.file();
        } catch (BoundedParser.TooDeep e) {
            return refused(path, text, lines, nestedTooDeeply(e.at(), text, lines));
        }
        List<Comment> comments = new ArrayList<>();
        for (Token t : tokens.getTokens()) {
            if (t.getChannel() == BlueprintLexer.COMMENTS) {
                comments.add(new Comment(t.getText(), new Span(t.getStartIndex(), t.getStopIndex() + 1)));
            }
        }
        ModelBuilder builder = new ModelBuilder(text, tokens);
        var decls = builder.file(tree);
        errors.sort(Comparator.comparingInt(e -> e.span().start()));
        return new SourceFile(path, text, lines, decls, dedupe(errors), comments);
    }

    /** The file's one error when it is larger, or holds a line longer, than the limits allow. */
    private static Optional<SyntaxError> tooBig(String text, LineMap lines) {
        if (text.length() > Limits.MAX_FILE_CHARS) {
            return Optional.of(new SyntaxError(
                    "file larger than " + Limits.MAX_FILE_CHARS
                            + " characters, not analysed: split it into files that import each other",
                    new Span(0, 0),
                    Code.FILE_TOO_LARGE));
        }
        for (int line = 0; line < lines.lineCount(); line++) {
            int start = lines.lineStart(line);
            int length = lines.lineEnd(line, text) - start;
            if (length > Limits.MAX_LINE_CHARS) {
                return Optional.of(new SyntaxError(
                        "line " + (line + 1) + " is longer than " + Limits.MAX_LINE_CHARS + " characters (" + length
                                + "), the file is not analysed: break the line",
                        new Span(start, start),
                        Code.LINE_TOO_LONG));
            }
        }
        return Optional.empty();
    }

    /**
     * The opening bracket that first passes {@link Limits#MAX_DEPTH}, counting the brackets open at each token as
     * a stack: a closing bracket closes the innermost one when it matches it and is ignored when it does not, so
     * stray closers never hide the depth the parser would recurse to.
     */
    private static Optional<Token> firstTooDeep(CommonTokenStream tokens) {
        int[] open = new int[Limits.MAX_DEPTH];
        int depth = 0;
        for (Token t : tokens.getTokens()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            int type = t.getType();
            if (type == BlueprintLexer.LBRACE || type == BlueprintLexer.LBRACK || type == BlueprintLexer.LPAREN) {
                if (depth == Limits.MAX_DEPTH) {
                    return Optional.of(t);
                }
                open[depth++] = type;
            } else if (depth > 0 && type == closerOf(open[depth - 1])) {
                depth--;
            }
        }
        return Optional.empty();
    }

    private static int closerOf(int opener) {
        return switch (opener) {
            case BlueprintLexer.LBRACE -> BlueprintLexer.RBRACE;
            case BlueprintLexer.LBRACK -> BlueprintLexer.RBRACK;
            default -> BlueprintLexer.RPAREN;
        };
    }

    private static SyntaxError nestedTooDeeply(Token at, String text, LineMap lines) {
        Span span = spanOf(at, text.length());
        return new SyntaxError(
                "nested too deeply at line " + (lines.line(span.start()) + 1) + ": more than " + Limits.MAX_DEPTH
                        + " blocks, lists and parentheses are open here; the file is not analysed",
                span,
                Code.NESTED_TOO_DEEPLY);
    }

    /** A file past a bound: nothing declared, one error, no comments (the formatter leaves it alone). */
    private static SourceFile refused(Path path, String text, LineMap lines, SyntaxError why) {
        return new SourceFile(path, text, lines, List.of(), List.of(why), List.of());
    }

    /** One error per place: recovery can report the same token twice. */
    private static List<SyntaxError> dedupe(List<SyntaxError> errors) {
        List<SyntaxError> out = new ArrayList<>();
        int lastStart = -1;
        for (SyntaxError e : errors) {
            if (e.span().start() != lastStart) {
                out.add(e);
                lastStart = e.span().start();
            }
        }
        return out;
    }

    /**
     * Where to show an error about {@code t}: on the token itself, or, when the token stands on
     * a later line than the code before it (something is missing at the end of a line), just
     * after that code, as compilers do.
     */
    private static Span placeOf(Token t, CommonTokenStream tokens, String text) {
        Span at = spanOf(t, text.length());
        int previous = previousOnChannel(tokens, t);
        if (previous >= 0) {
            int end = tokens.get(previous).getStopIndex() + 1;
            if (end <= at.start() && text.substring(end, at.start()).indexOf('\n') >= 0) {
                return new Span(end, end);
            }
        }
        return at;
    }

    /** The index of the last parser-visible token before {@code t}, or -1. */
    private static int previousOnChannel(CommonTokenStream tokens, Token t) {
        int index = t == null ? -1 : t.getTokenIndex();
        for (int i = index - 1; i >= 0; i--) {
            if (tokens.get(i).getChannel() == Token.DEFAULT_CHANNEL) {
                return i;
            }
        }
        return -1;
    }

    static Span spanOf(Token t, int textLength) {
        if (t == null || t.getType() == Token.EOF) {
            int at = t == null ? textLength : Math.min(t.getStartIndex(), textLength);
            return new Span(Math.max(0, at), Math.max(0, at));
        }
        int start = t.getStartIndex();
        int stop = t.getStopIndex();
        if (start < 0) {
            return new Span(textLength, textLength);
        }
        return new Span(start, Math.max(start, stop + 1));
    }
}
