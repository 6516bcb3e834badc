package dev.blueprint.lang.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.format.Formatter;
import dev.blueprint.lang.model.Comment;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.SyntaxError;
import dev.blueprint.lang.source.Span;
import dev.blueprint.lang.syntax.BlueprintLexer;
import dev.blueprint.lang.syntax.Parsing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Random edits of valid files (tokens deleted, duplicated or swapped, truncation, random
 * characters and bytes inserted) never make the core throw: parsing always gives a model
 * and its errors, analysis always gives diagnostics with spans inside the text, and the
 * formatter either declines (syntax errors) or keeps the model and the comments, idempotently. The seeds are generated
 * programs and the shared conformance files.
 */
class RandomEditPropertiesTest {
    /** The shared conformance files, next to the project: {@code ../../shared/conformance} from this module. */
    private static final Path CONFORMANCE = Path.of(
                    System.getProperty("blueprint.conformance", "../../shared/conformance"))
            .toAbsolutePath()
            .normalize();

    /** A seed file and the other files of its directory, which it may import. */
    record Seed(Path path, String text, Map<Path, String> others) {
        @Override
        public String toString() {
            return path.toString();
        }
    }

    record Edited(Seed seed, String text, List<String> edits) {
        @Override
        public String toString() {
            return seed + " after " + edits + ":\n" + Support.numbered(text);
        }
    }

    private static final List<Seed> CONFORMANCE_SEEDS = conformanceSeeds();

    private static List<Seed> conformanceSeeds() {
        if (!Files.isDirectory(CONFORMANCE)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(CONFORMANCE)) {
            List<Path> paths = files.filter(p -> p.toString().endsWith(".blueprint"))
                    .sorted()
                    .toList();
            Map<Path, String> all = new HashMap<>();
            for (Path p : paths) {
                all.put(p, Files.readString(p));
            }
            return paths.stream().map(p -> new Seed(p, all.get(p), all)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<Edited> editedFiles() {
        Arbitrary<Seed> generated = Arbitraries.longs()
                .map(seed -> new Seed(Support.ROOT, ProgramGenerator.generate(seed, seed % 2 == 0), Map.of()));
        Arbitrary<Seed> seeds = CONFORMANCE_SEEDS.isEmpty()
                ? generated
                : Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(1, generated),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(CONFORMANCE_SEEDS)));
        return Combinators.combine(
                        seeds, Arbitraries.longs(), Arbitraries.integers().between(1, 4))
                .as((seed, editSeed, count) -> edit(seed, new Random(editSeed), count));
    }

    @Property(tries = 500)
    void randomEditsNeverBreakTheCore(@ForAll("editedFiles") Edited edited) {
        String text = edited.text();
        Path path = edited.seed().path();

        SourceFile file = Parsing.parse(path, text);
        assertThat(file).isNotNull();
        assertThat(file.decls()).isNotNull();
        for (SyntaxError e : file.syntaxErrors()) {
            assertInside(e.span(), text, "syntax error " + e.message());
            assertThat(e.message()).isNotBlank();
        }
        for (Comment c : file.comments()) {
            assertInside(c.span(), text, "comment");
            assertThat(text.substring(c.span().start(), c.span().end())).isEqualTo(c.text());
        }

        Map<Path, String> files = new HashMap<>(edited.seed().others());
        files.put(path, text);
        Analysis analysis;
        try {
            analysis = new Analyzer().analyze(path, p -> Optional.ofNullable(files.get(p)));
        } catch (Analyzer.UnreadableSourceException e) {
            throw new AssertionError(e);
        }
        for (Diagnostic d : analysis.diagnostics()) {
            String in = files.get(d.file());
            assertThat(in)
                    .withFailMessage("diagnostic %s names a file that was not read: %s", d.message(), d.file())
                    .isNotNull();
            assertInside(d.span(), in, d.code().id() + " " + d.message());
            assertThat(d.message()).isNotBlank();
        }
        if (!file.syntaxErrors().isEmpty()) {
            assertThat(analysis.diagnostics())
                    .anyMatch(d -> d.code() == Code.SYNTAX && d.file().equals(path));
            assertThat(Formatter.format(file)).isEmpty();
        } else {
            Optional<String> formatted = Formatter.format(file);
            assertThat(formatted).isPresent();
            SourceFile again = Parsing.parse(path, formatted.get());
            assertThat(again.syntaxErrors())
                    .withFailMessage(() -> "formatting an error-free edit gave syntax errors " + again.syntaxErrors()
                            + "\n" + Support.numbered(formatted.get()))
                    .isEmpty();
            assertThat(ModelShape.of(again))
                    .withFailMessage(
                            () -> "formatting changed the model; formatted:\n" + Support.numbered(formatted.get()))
                    .isEqualTo(ModelShape.of(file));
            assertThat(again.comments().stream()
                            .map(Comment::text)
                            .map(String::stripTrailing)
                            .toList())
                    .isEqualTo(file.comments().stream()
                            .map(Comment::text)
                            .map(String::stripTrailing)
                            .toList());
            assertThat(Formatter.format(again))
                    .withFailMessage(() ->
                            "formatting is not idempotent on\n" + Support.numbered(formatted.get()) + "\nsecond time\n"
                                    + Support.numbered(Formatter.format(again).orElse("")))
                    .contains(formatted.get());
        }
    }

    private static void assertInside(Span span, String text, String what) {
        assertThat(span.end())
                .withFailMessage("%s: span %s ends past the text (%d chars)", what, span, text.length())
                .isLessThanOrEqualTo(text.length());
    }

    // ---- edits --------------------------------------------------------------------------

    private static final String[] SNIPPETS = {
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        "\"",
        "\"unterminated",
        "/*",
        "*/",
        "//",
        "///",
        "..",
        "->",
        "==",
        "=",
        "@",
        "$",
        "?",
        ":",
        ",",
        "entity",
        "service",
        "api",
        "route",
        "where",
        "and",
        "order by",
        "env(",
        "10m",
        "512MiB",
        "70%",
        "-3",
        "1..",
        "..9",
        "\\u{",
        "\\",
        "\u0000",
        "\uFFFD",
        "\uD83D",
        "\uDE00",
        "😀",
        "\r",
        "\r\n",
        "\t",
        "é",
        "import \"missing.blueprint\"",
        "import \"../x/\u0000\"",
        "9999999999999999999999",
        "0.",
        ".5",
        "@key",
        "string(",
        "decimal(1,",
        // security-shaped text
        "security { roles [\"\"] }",
        "\"\"",
        "requires role(\"\")",
        "requires role()",
        "requires",
        "public",
        "role(\"x\", \"x\")",
        "api_keys { clients { c { key \"k\" roles [\"\", \"z\"] } } }",
        "clients { x { } }",
        "management_port 0",
        "jwt { algorithms [HS256] }",
        "cors { origins [\"*\", \"\"] credentials true }",
        "rate_limit { per_second 0 by x }"
    };

    static Edited edit(Seed seed, Random r, int count) {
        String text = seed.text();
        List<String> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Tok> tokens = tokens(text);
            int kind = r.nextInt(7);
            if (tokens.isEmpty() && kind < 3) {
                kind = 4;
            }
            switch (kind) {
                case 0 -> { // delete a token
                    Tok t = tokens.get(r.nextInt(tokens.size()));
                    text = text.substring(0, t.start()) + text.substring(t.stop() + 1);
                    done.add("delete " + t.text());
                }
                case 1 -> { // duplicate a token
                    Tok t = tokens.get(r.nextInt(tokens.size()));
                    text = text.substring(0, t.stop() + 1) + " " + t.text() + text.substring(t.stop() + 1);
                    done.add("duplicate " + t.text());
                }
                case 2 -> { // swap two tokens
                    Tok a = tokens.get(r.nextInt(tokens.size()));
                    Tok b = tokens.get(r.nextInt(tokens.size()));
                    if (a.start() > b.start()) {
                        Tok x = a;
                        a = b;
                        b = x;
                    }
                    if (a != b) {
                        text = text.substring(0, a.start())
                                + b.text()
                                + text.substring(a.stop() + 1, b.start())
                                + a.text()
                                + text.substring(b.stop() + 1);
                    }
                    done.add("swap " + a.text() + " " + b.text());
                }
                case 3 -> { // truncate
                    int at = r.nextInt(text.length() + 1);
                    text = text.substring(0, at);
                    done.add("truncate at " + at);
                }
                case 4 -> { // insert a snippet
                    int at = r.nextInt(text.length() + 1);
                    String s = SNIPPETS[r.nextInt(SNIPPETS.length)];
                    text = text.substring(0, at) + s + text.substring(at);
                    done.add("insert " + s + " at " + at);
                }
                case 5 -> { // insert random characters, any code unit
                    int at = r.nextInt(text.length() + 1);
                    StringBuilder s = new StringBuilder();
                    int n = 1 + r.nextInt(6);
                    for (int c = 0; c < n; c++) {
                        s.append(r.nextInt(3) == 0 ? (char) r.nextInt(0x10000) : (char) (r.nextInt(0x60) + 0x20));
                    }
                    text = text.substring(0, at) + s + text.substring(at);
                    done.add("insert chars at " + at);
                }
                default -> { // insert random bytes, decoded as a reader of a damaged file would
                    int at = r.nextInt(text.length() + 1);
                    byte[] bytes = new byte[1 + r.nextInt(8)];
                    r.nextBytes(bytes);
                    String s =
                            new String(bytes, r.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                    text = text.substring(0, at) + s + text.substring(at);
                    done.add("insert bytes at " + at);
                }
            }
        }
        return new Edited(seed, text, done);
    }

    /** A token's text and where it stands in the string (UTF-16 offsets; stop inclusive). */
    record Tok(String text, int start, int stop) {}

    /** Every token the lexer makes, comments and whitespace included, so edits can hit any of them. */
    private static List<Tok> tokens(String text) {
        BlueprintLexer lexer = new BlueprintLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Tok> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            int start = text.offsetByCodePoints(0, t.getStartIndex()); // the lexer counts code points
            out.add(new Tok(t.getText(), start, start + t.getText().length() - 1));
        }
        return out;
    }
}
