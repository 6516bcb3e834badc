package dev.blueprint.lang;

import static org.junit.jupiter.api.Assertions.fail;

import dev.blueprint.lang.check.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one helper behind the data-driven checker tests. A fixture is a blueprint whose lines
 * may end in {@code // expect: SEVERITY word…}: that line must carry exactly one diagnostic of
 * that severity, and each word must appear in "message [code]" (case-insensitive). Any other
 * diagnostic of any severity fails the fixture (hints and infos are expected explicitly too,
 * unlike the shared conformance rules, which ignore them).
 */
public final class Fixtures {
    private static final Pattern EXPECT = Pattern.compile("//\\s*expect:\\s*(error|warning|info|hint)\\b(.*)$");

    private Fixtures() {}

    /** The folder of test resources named {@code name}. */
    public static Path resources(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared conformance folder beside the project's root. */
    public static Path sharedConformance() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("conformance");
            if (Files.isDirectory(candidate) && Files.exists(p.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared/conformance not found above " + here);
    }

    /** Every fixture program (a file declaring a service) below {@code root}. */
    public static List<Path> programs(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".blueprint"))
                    .sorted()
                    .filter(p -> read(p).lines().anyMatch(l -> l.stripLeading().startsWith("service ")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Analyses {@code program} from disk and asserts its diagnostics match the expect lines. */
    public static Analysis assertMatches(Path program, boolean strictAboutHintsAndInfos) throws Exception {
        Analysis analysis =
                new Analyzer().analyze(program, p -> Files.isRegularFile(p) ? Optional.of(read(p)) : Optional.empty());
        Map<String, Expectation> expected = new HashMap<>();
        for (Path file : analysis.program().files().keySet()) {
            List<String> lines = read(file).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = EXPECT.matcher(lines.get(i));
                if (m.find()) {
                    expected.put(
                            file + ":" + (i + 1),
                            new Expectation(
                                    m.group(1), List.of(m.group(2).trim().split("\\s+"))));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> used = new HashMap<>();
        for (Diagnostic d : analysis.diagnostics()) {
            String severity = d.severity().label();
            if (!strictAboutHintsAndInfos && (severity.equals("hint") || severity.equals("info"))) {
                continue;
            }
            var file = analysis.program().files().get(d.file());
            int line = file.lines().line(d.span().start()) + 1;
            String key = d.file() + ":" + line;
            String shown = d.file().getFileName() + ":" + line + ": " + severity + ": " + d.message() + " ["
                    + d.code().id() + "]";
            Expectation e = expected.get(key);
            if (e == null || !e.severity.equals(severity) || used.containsKey(key)) {
                problems.add("unexpected " + shown);
                continue;
            }
            used.put(key, true);
            String haystack = (d.message() + " [" + d.code().id() + "]").toLowerCase(Locale.ROOT);
            for (String word : e.words) {
                if (!word.isEmpty() && !haystack.contains(word.toLowerCase(Locale.ROOT))) {
                    problems.add(shown + " (lacks '" + word + "')");
                }
            }
        }
        expected.forEach((key, e) -> {
            if (!used.containsKey(key)) {
                problems.add("missing " + e.severity + " at "
                        + Path.of(key.substring(0, key.lastIndexOf(':'))).getFileName()
                        + key.substring(key.lastIndexOf(':')));
            }
        });
        if (!problems.isEmpty()) {
            fail(program.getFileName() + ":\n  " + String.join("\n  ", problems));
        }
        return analysis;
    }

    private record Expectation(String severity, List<String> words) {}
}
