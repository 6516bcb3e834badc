package dev.blueprint.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.format.Formatter;
import dev.blueprint.lang.syntax.Limits;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Every input is bounded: nesting, file size, line length and the number of diagnostics. Past a
 * bound a file gets one diagnostic and the rest of its program is analysed as usual; within the
 * bounds nothing recurses past what a small thread stack holds.
 */
class LimitsTest {
    private static final Path MAIN = Path.of("/project/main.blueprint").toAbsolutePath();
    private static final Path PART = Path.of("/project/part.blueprint").toAbsolutePath();
    private static final String SERVICE =
            "service S { }\nentity E { id: uuid @key }\napi \"/\" { resource \"/e\" E }\n";

    /** Analyses on a thread with a small stack (256 KB), as a pool thread of a frugal JVM may have. */
    private static Analysis analyze(Map<Path, String> files) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(
                null,
                () -> {
                    try {
                        result.set(new Analyzer().analyze(MAIN, p -> Optional.ofNullable(files.get(p))));
                    } catch (Throwable e) {
                        result.set(e);
                    }
                },
                "small-stack",
                256 * 1024);
        t.start();
        t.join();
        if (result.get() instanceof Throwable e) {
            throw new AssertionError("the analysis failed", e);
        }
        return (Analysis) result.get();
    }

    private static List<Diagnostic> in(Analysis a, Path file) {
        return a.diagnosticsIn(file);
    }

    private static String nestedBlocks(int depth) {
        return "service S {\n" + "a {\n".repeat(depth) + "}\n".repeat(depth) + "}\n";
    }

    @Test
    void deepNestingIsOneDiagnosticNamingItsLine() throws Exception {
        for (String deep : List.of(
                nestedBlocks(20_000),
                "service S {\n  x " + "[\n".repeat(50_000) + "]\n".repeat(50_000) + "}\n",
                "service S {\n  x " + "[[[[[[[[[[\n".repeat(5_000),
                "service S {\n  x [" + "{ a [\n".repeat(20_000),
                "entity E {\n  f: int @a" + "(\n".repeat(50_000) + ")\n".repeat(50_000) + "}\n",
                "service S {\n  x " + "{ ] \n".repeat(20_000) + "}\n",
                "service S {\n  x " + "[ { ] } \n".repeat(20_000) + "}\n")) {
            Analysis a = analyze(Map.of(MAIN, "import \"part.blueprint\"\n" + SERVICE, PART, deep));
            assertThat(in(a, PART)).singleElement().satisfies(d -> {
                assertThat(d.code()).isEqualTo(Code.NESTED_TOO_DEEPLY);
                assertThat(d.message()).startsWith("nested too deeply at line ");
            });
            assertThat(in(a, MAIN)).isEmpty();
        }
    }

    @Test
    void theLineNamedIsWhereTheBoundIsPassed() throws Exception {
        String text =
                "service S {\n" + "a {\n".repeat(Limits.MAX_DEPTH + 10) + "}\n".repeat(Limits.MAX_DEPTH + 10) + "}\n";
        Analysis a = analyze(Map.of(MAIN, text));
        // the service's block is level 1, so the line opening level MAX_DEPTH + 1 is line MAX_DEPTH + 1
        assertThat(a.diagnostics())
                .singleElement()
                .satisfies(d -> assertThat(d.message())
                        .startsWith("nested too deeply at line " + (Limits.MAX_DEPTH + 1) + ":"));
    }

    @Test
    void nestingAtTheBoundIsAnalysedAndFormattedOnASmallStack() throws Exception {
        String text = SERVICE.replace(
                "service S { }",
                "service S {\n  x [" + "[".repeat(Limits.MAX_DEPTH - 2)
                        + "]".repeat(Limits.MAX_DEPTH - 2) + "]\n  y " + "{ a ".repeat(Limits.MAX_DEPTH - 1)
                        + "}".repeat(Limits.MAX_DEPTH - 1) + "\n}");
        Analysis a = analyze(Map.of(MAIN, text));
        assertThat(a.diagnostics()).extracting(Diagnostic::code).doesNotContain(Code.NESTED_TOO_DEEPLY);
        assertThat(a.diagnostics()).extracting(Diagnostic::code).contains(Code.UNKNOWN_SETTING);
        AtomicReference<Object> formatted = new AtomicReference<>();
        Thread t = new Thread(
                null,
                () -> {
                    try {
                        formatted.set(Formatter.format(a.program().files().get(MAIN)));
                    } catch (Throwable e) {
                        formatted.set(e);
                    }
                },
                "small-stack",
                256 * 1024);
        t.start();
        t.join();
        assertThat(formatted.get()).isInstanceOf(Optional.class);
    }

    @Test
    void aFileTooLargeIsNotAnalysed() throws Exception {
        String big =
                SERVICE + ("entity Big" + "x".repeat(80) + " { id: uuid @key }\n").repeat(Limits.MAX_FILE_CHARS / 90);
        Analysis a = analyze(Map.of(MAIN, "import \"part.blueprint\"\n" + SERVICE, PART, big));
        assertThat(in(a, PART)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Code.FILE_TOO_LARGE);
            assertThat(d.message()).startsWith("file larger than " + Limits.MAX_FILE_CHARS + " characters");
        });
        assertThat(in(a, MAIN)).isEmpty();
        assertThat(a.program().entities()).hasSize(1);
    }

    @Test
    void aLineTooLongIsNotAnalysed() throws Exception {
        String text = SERVICE + "// " + "x".repeat(Limits.MAX_LINE_CHARS) + "\n";
        Analysis a = analyze(Map.of(MAIN, text));
        assertThat(a.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Code.LINE_TOO_LONG);
            assertThat(d.message()).startsWith("line 4 is longer than " + Limits.MAX_LINE_CHARS + " characters");
            assertThat(d.span().start()).isEqualTo(SERVICE.length());
        });
        assertThat(analyze(Map.of(MAIN, SERVICE + "// " + "x".repeat(Limits.MAX_LINE_CHARS - 3) + "\r\n"))
                        .diagnostics())
                .isEmpty();
    }

    @Test
    void diagnosticsPerFileAreCapped() throws Exception {
        String text = SERVICE + "~".repeat(3 * Limits.MAX_DIAGNOSTICS_PER_FILE) + "\n";
        Analysis a = analyze(Map.of(MAIN, text));
        assertThat(a.diagnostics()).hasSize(Limits.MAX_DIAGNOSTICS_PER_FILE + 1);
        Diagnostic last = a.diagnostics().get(Limits.MAX_DIAGNOSTICS_PER_FILE);
        assertThat(last.code()).isEqualTo(Code.TOO_MANY_DIAGNOSTICS);
        assertThat(last.message())
                .isEqualTo("more than " + Limits.MAX_DIAGNOSTICS_PER_FILE + " diagnostics in this file: only the first "
                        + Limits.MAX_DIAGNOSTICS_PER_FILE + " are shown");
        assertThat(last.span().start()).isEqualTo(SERVICE.length() + Limits.MAX_DIAGNOSTICS_PER_FILE);
        assertThat(a.diagnostics().subList(0, Limits.MAX_DIAGNOSTICS_PER_FILE))
                .extracting(Diagnostic::code)
                .containsOnly(Code.SYNTAX);
    }
}
