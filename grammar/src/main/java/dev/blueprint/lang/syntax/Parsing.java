package dev.blueprint.lang.syntax;

import dev.blueprint.lang.model.Comment;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.SyntaxError;
import dev.blueprint.lang.source.LineMap;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/** Text to {@link SourceFile}. Never throws: syntax errors are collected, and a model is always built. */
public final class Parsing {
    private Parsing() {}

    public static SourceFile parse(Path path, String text) {
        List<SyntaxError> errors = new ArrayList<>();
        SourceLexer lexer = new SourceLexer(CharStreams.fromString(text, path.toString()), errors);
        lexer.setTokenFactory(new Utf16TokenFactory(text));
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        BlueprintParser parser = new BlueprintParser(tokens);
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
        BlueprintParser.FileContext tree = parser.file();
        tokens.fill();
        List<Comment> comments = new ArrayList<>();
        for (Token t : tokens.getTokens()) {
            if (t.getChannel() == BlueprintLexer.COMMENTS) {
                comments.add(new Comment(t.getText(), new Span(t.getStartIndex(), t.getStopIndex() + 1)));
            }
        }
        ModelBuilder builder = new ModelBuilder(text, tokens);
        var decls = builder.file(tree);
        errors.sort(Comparator.comparingInt(e -> e.span().start()));
        return new SourceFile(path, text, new LineMap(text), decls, dedupe(errors), comments);
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
