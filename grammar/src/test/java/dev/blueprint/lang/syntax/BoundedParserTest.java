package dev.blueprint.lang.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.junit.jupiter.api.Test;

/** The parser's own ceiling, behind the bracket count Parsing makes first: it stops before the stack runs out. */
class BoundedParserTest {
    private static BlueprintParser parser(String text) {
        BlueprintParser parser =
                new BoundedParser(new CommonTokenStream(new BlueprintLexer(CharStreams.fromString(text))));
        parser.removeErrorListeners();
        return parser;
    }

    @Test
    void moreRulesOpenThanTheCeilingStopTheParseAtTheTokenReached() {
        String text = "service S {\n" + "a {\n".repeat(10_000);
        assertThatThrownBy(() -> parser(text).file())
                .isInstanceOfSatisfying(
                        BoundedParser.TooDeep.class,
                        e -> assertThat(e.at().getLine())
                                .isBetween(BoundedParser.MAX_RULES / 3 - 2, BoundedParser.MAX_RULES / 3 + 2));
    }

    @Test
    void nestingWithinTheBoundParses() {
        String text = "service S {\n" + "a {\n".repeat(Limits.MAX_DEPTH - 1) + "}\n".repeat(Limits.MAX_DEPTH) + "\n";
        BlueprintParser parser = parser(text);
        parser.file();
        assertThat(parser.getNumberOfSyntaxErrors()).isZero();
    }
}
