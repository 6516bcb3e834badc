package dev.blueprint.lang.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.check.Severity;
import dev.blueprint.lang.model.Access;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.resolve.Reference;
import dev.blueprint.lang.resolve.Symbol;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every program the generator writes is valid: it checks with no error and no warning. */
class GeneratedProgramPropertiesTest {

    @Provide
    Arbitrary<String> programs() {
        return Arbitraries.longs().map(seed -> ProgramGenerator.generate(seed, false));
    }

    @Provide
    Arbitrary<String> commentedPrograms() {
        return Arbitraries.longs().map(seed -> ProgramGenerator.generate(seed, true));
    }

    @Property(tries = 300)
    void generatedProgramsCheckClean(@ForAll("programs") String text) {
        assertClean(text);
    }

    @Property(tries = 200)
    void commentsChangeNothing(@ForAll("commentedPrograms") String text) {
        assertClean(text);
    }

    static void assertClean(String text) {
        Analysis analysis = Support.analyze(text, Map.of());
        List<Diagnostic> problems = analysis.diagnostics().stream()
                .filter(d -> d.severity() == Severity.ERROR || d.severity() == Severity.WARNING)
                .toList();
        assertThat(problems)
                .withFailMessage(() -> "expected a clean check of\n" + Support.numbered(text) + "\nbut got\n"
                        + Support.describe(problems, text))
                .isEmpty();
        assertThat(analysis.program().entities()).isNotEmpty();
        // every reference stands on its target's name as written (a role: the string's inside)
        for (Symbol role : analysis.program().roleSymbols().values()) {
            assertThat(analysis.program().references().isReferencedOutsideDeclaration(role))
                    .isTrue();
        }
        for (Path file : analysis.program().files().keySet()) {
            for (Reference r : analysis.program().references().inFile(file)) {
                assertThat(text.substring(r.span().start(), r.span().end()))
                        .isEqualTo(r.target().name());
            }
        }
        // in a clean program every role a rule names is declared, so each binds
        long ruleRoles = analysis.program().apis().stream()
                .flatMap(api -> api.members().stream())
                .flatMap(m -> {
                    List<Access> rules = new java.util.ArrayList<>();
                    if (m instanceof Resource r) {
                        rules.add(r.access());
                        r.operations().forEach(o -> rules.add(o.access()));
                    } else if (m instanceof Route route) {
                        rules.add(route.access());
                    }
                    return rules.stream().filter(java.util.Objects::nonNull);
                })
                .mapToLong(a -> a.roles().size())
                .sum();
        long boundInRules = analysis.program().references().inFile(Support.ROOT).stream()
                .filter(r -> r.target().kind() == Symbol.Kind.ROLE)
                .filter(r -> analysis.program().apis().stream()
                        .anyMatch(api -> api.span().covers(r.span())))
                .count();
        assertThat(boundInRules).isEqualTo(ruleRoles);
    }
}
