package dev.blueprint.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blueprint.build.DiskSources;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.codegen.spec.ServiceSpec.FieldSpec;
import dev.blueprint.codegen.spec.Specs;
import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.Analyzer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies built from the schema keep every rule of every field; a broken body breaks exactly the rule it names. */
class SamplesTest {

    static ServiceSpec spec(String example) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("examples"))) root = root.getParent();
        Analysis analysis = new Analyzer().analyze(root.resolve("examples").resolve(example), new DiskSources());
        assertThat(analysis.hasErrors()).isFalse();
        return Specs.from(analysis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto-shop.blueprint", "library.blueprint", "tasks.blueprint"})
    void validBodiesKeepEveryRule(String example) throws Exception {
        ServiceSpec spec = spec(example);
        Samples samples = new Samples(spec);
        Random random = new Random(42);
        JsonNode someKey = JsonNodeFactory.instance.textNode(UUID.randomUUID().toString());
        for (EntitySpec entity : spec.entities()) {
            for (int i = 0; i < 300; i++) {
                ObjectNode body = samples.valid(entity, e -> Optional.of(someKey), random);
                for (FieldSpec f : entity.fields()) {
                    if (!f.writable()) {
                        assertThat(body.has(f.name()))
                                .as(f.name() + " is set by the server")
                                .isFalse();
                        continue;
                    }
                    assertThat(body.has(f.name()))
                            .as(entity.name() + "." + f.name())
                            .isTrue();
                    assertKeepsRules(spec, f, body.get(f.name()));
                }
            }
        }
    }

    private static void assertKeepsRules(ServiceSpec spec, FieldSpec f, JsonNode v) {
        String what = f.name() + " = " + v;
        switch (f.kind()) {
            case STRING -> {
                assertThat(v.isTextual()).as(what).isTrue();
                String s = v.asText();
                assertThat(s.length()).as(what).isBetween(1, f.length());
                f.lengthRange()
                        .ifPresent(r -> assertThat(s.length())
                                .as(what)
                                .isBetween(r.low().intValue(), r.high().intValue()));
                f.pattern()
                        .ifPresent(p -> assertThat(Pattern.compile(p).matcher(s).matches())
                                .as(what)
                                .isTrue());
            }
            case INT, LONG -> {
                assertThat(v.isIntegralNumber()).as(what).isTrue();
                f.range().ifPresent(r -> assertThat(v.decimalValue()).as(what).isBetween(r.low(), r.high()));
            }
            case DECIMAL -> {
                BigDecimal d = v.decimalValue();
                assertThat(d.scale()).as(what).isLessThanOrEqualTo(f.scale());
                assertThat(d.precision() - d.scale()).as(what).isLessThanOrEqualTo(f.precision() - f.scale());
                f.range().ifPresent(r -> assertThat(d).as(what).isBetween(r.low(), r.high()));
            }
            case ENUM ->
                assertThat(spec.enumNamed(f.typeName()).orElseThrow().members())
                        .as(what)
                        .contains(v.asText());
            case TIMESTAMP -> assertThat(Instant.parse(v.asText())).as(what).isNotNull();
            case DATE -> assertThat(LocalDate.parse(v.asText())).as(what).isNotNull();
            case UUID -> assertThat(UUID.fromString(v.asText())).as(what).isNotNull();
            case BOOL -> assertThat(v.isBoolean()).as(what).isTrue();
            case TEXT -> assertThat(v.isTextual()).as(what).isTrue();
            case REFERENCE -> assertThat(v.asText()).as(what).isNotEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void uniqueValuesAreNotHandedOutTwiceEvenWhenShort(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("short.blueprint");
        Files.writeString(
                file,
                "service S {}\nentity E {\n  id: uuid @key\n  code: string(3) @unique\n  n: int @range(1..5000) @unique\n}\n"
                        + "api \"/a\" { resource \"/e\" E }\n");
        Analysis analysis = new Analyzer().analyze(file, new DiskSources());
        assertThat(analysis.hasErrors()).as(analysis.diagnostics().toString()).isFalse();
        ServiceSpec spec = Specs.from(analysis);
        EntitySpec entity = spec.entity("E").orElseThrow();
        Samples samples = new Samples(spec);
        Random random = new Random(1);
        java.util.Set<String> codes = new java.util.HashSet<>();
        java.util.Set<Integer> numbers = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ObjectNode body = samples.valid(entity, e -> Optional.empty(), random);
            assertThat(codes.add(body.get("code").asText()))
                    .as("code " + body.get("code"))
                    .isTrue();
            assertThat(body.get("code").asText()).hasSize(3);
            assertThat(numbers.add(body.get("n").asInt()))
                    .as("n " + body.get("n"))
                    .isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto-shop.blueprint", "library.blueprint"})
    void aBrokenBodyBreaksTheRuleOfTheFieldItNames(String example) throws Exception {
        ServiceSpec spec = spec(example);
        Samples samples = new Samples(spec);
        Random random = new Random(7);
        JsonNode someKey = JsonNodeFactory.instance.textNode(UUID.randomUUID().toString());
        for (EntitySpec entity : spec.entities()) {
            ObjectNode valid = samples.valid(entity, e -> Optional.of(someKey), random);
            Optional<Map.Entry<String, ObjectNode>> broken = samples.breakingOneRule(entity, valid, random);
            assertThat(broken).as(entity.name()).isPresent();
            FieldSpec f = entity.field(broken.get().getKey()).orElseThrow();
            JsonNode bad = broken.get().getValue().get(f.name());
            assertThat(bad).isNotEqualTo(valid.get(f.name()));
            boolean breaks = switch (f.kind()) {
                case STRING ->
                    bad.asText().length() > f.length()
                            || f.pattern()
                                    .map(p -> !Pattern.compile(p)
                                            .matcher(bad.asText())
                                            .matches())
                                    .orElse(false);
                case INT, LONG, DECIMAL ->
                    !bad.isNumber()
                            || f.range()
                                    .map(r -> bad.decimalValue().compareTo(r.high()) > 0)
                                    .orElse(false);
                case ENUM ->
                    !spec.enumNamed(f.typeName()).orElseThrow().members().contains(bad.asText());
                default -> bad.isTextual() && bad.asText().startsWith("not a ");
            };
            assertThat(breaks).as(entity.name() + "." + f.name() + " = " + bad).isTrue();
            // every other field is as valid as before
            broken.get().getValue().fieldNames().forEachRemaining(n -> {
                if (!n.equals(f.name()))
                    assertThat(broken.get().getValue().get(n)).isEqualTo(valid.get(n));
            });
        }
    }
}
