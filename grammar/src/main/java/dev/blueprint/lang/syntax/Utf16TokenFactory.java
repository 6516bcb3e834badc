package dev.blueprint.lang.syntax;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.Pair;

/**
 * Makes tokens whose start and stop are offsets into the Java string (UTF-16 code units),
 * as every {@link dev.blueprint.lang.source.Span} is, rather than the code-point indices of
 * ANTLR's char stream; the two differ after any character outside the Basic Multilingual
 * Plane (an emoji in a string or comment). When they differ, token text is
 * copied from the stream first.
 */
final class Utf16TokenFactory implements TokenFactory<CommonToken> {
    /** {@code offsets[i]}: the UTF-16 offset of code point {@code i}; null when every character is in the BMP. */
    private final int[] offsets;

    Utf16TokenFactory(String text) {
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            offsets = null;
            return;
        }
        offsets = new int[codePoints + 1];
        int at = 0;
        for (int i = 0; i < codePoints; i++) {
            offsets[i] = at;
            at += Character.charCount(text.codePointAt(at));
        }
        offsets[codePoints] = text.length();
    }

    @Override
    public CommonToken create(
            Pair<TokenSource, CharStream> source,
            int type,
            String text,
            int channel,
            int start,
            int stop,
            int line,
            int charPositionInLine) {
        CommonToken t = new CommonToken(source, type, channel, start, stop);
        t.setLine(line);
        t.setCharPositionInLine(charPositionInLine);
        if (text != null) {
            t.setText(text);
        }
        if (offsets != null) {
            if (text == null && source.b != null && start >= 0 && stop >= start) {
                t.setText(source.b.getText(Interval.of(start, stop))); // before the indices stop matching the stream
            }
            if (start >= 0 && start < offsets.length) {
                t.setStartIndex(offsets[start]);
            }
            if (stop + 1 >= 0 && stop + 1 < offsets.length) {
                t.setStopIndex(offsets[stop + 1] - 1);
            }
        }
        return t;
    }

    @Override
    public CommonToken create(int type, String text) {
        return new CommonToken(type, text);
    }
}
