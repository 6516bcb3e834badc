package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated projects of two examples, kept in {@code src/test/golden/NAME/} so that every change to the
 * generator's output shows in a diff and is reviewed like code. Each run generates the project in a fresh JVM (so
 * the check also covers determinism across processes, not only across two calls in one) and compares it with the
 * golden copy file by file.
 *
 * <p>Run with {@code -Dblueprint.updateGoldens=true} to rewrite the golden copies from the current output.
 */
class GoldenProjectsTest {

    private static final boolean UPDATE = Boolean.getBoolean("blueprint.updateGoldens");
    private static final Path GOLDEN = Path.of("src", "test", "golden");

    @ParameterizedTest
    @ValueSource(strings = {"auto-shop", "secure-shop"})
    void generatedProjectEqualsItsGoldenCopy(String example) throws IOException {
        SortedMap<String, String> files =
                Generator.generate(Blueprints.spec(Blueprints.example(example + ".blueprint")));
        Path folder = GOLDEN.resolve(example);
        if (UPDATE) {
            write(folder, files);
        }
        SortedMap<String, String> golden = read(folder);
        List<String> differences = new ArrayList<>();
        for (var file : files.entrySet()) {
            String expected = golden.get(file.getKey());
            if (expected == null) {
                differences.add("new file " + file.getKey());
            } else if (!expected.equals(file.getValue())) {
                differences.add("changed " + file.getKey());
            }
        }
        for (String path : golden.keySet()) {
            if (!files.containsKey(path)) {
                differences.add("no longer generated " + path);
            }
        }
        assertThat(differences)
                .as(
                        "the generated %s project differs from %s; review the change and rerun with"
                                + " -Dblueprint.updateGoldens=true to accept it",
                        example, folder)
                .isEmpty();
    }

    private static SortedMap<String, String> read(Path folder) throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String path = folder.relativize(p).toString().replace('\\', '/');
                files.put(path, Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static void write(Path folder, SortedMap<String, String> files) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (var file : files.entrySet()) {
            Path target = folder.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
    }
}
