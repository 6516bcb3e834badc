package dev.blueprint.lang;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every checker fixture, and every shared conformance file, checks exactly as its expect lines say. */
class CheckFixturesTest {

    @TestFactory
    Stream<DynamicTest> fixtures() {
        Path root = Fixtures.resources("fixtures/check");
        return Fixtures.programs(root).stream()
                .map(p ->
                        DynamicTest.dynamicTest(root.relativize(p).toString(), () -> Fixtures.assertMatches(p, true)));
    }

    @TestFactory
    Stream<DynamicTest> conformance() {
        Path root = Fixtures.sharedConformance();
        return Fixtures.programs(root).stream()
                .map(p ->
                        DynamicTest.dynamicTest(root.relativize(p).toString(), () -> Fixtures.assertMatches(p, false)));
    }
}
