package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Request-body fields: each type's decoding and every rule, failures collected rather than thrown one by one. */
class FieldTest {

    enum Colour {
        RED,
        GREEN
    }

    private static JsonInput input(String json) throws Exception {
        return new JsonInput((ObjectNode) Json.mapper().readTree(json));
    }

    private static List<FieldError> failures(JsonInput in) {
        try {
            in.validate();
            return List.of();
        } catch (Problem p) {
            assertThat(p.status()).isEqualTo(422);
            return p.errors();
        }
    }

    @Test
    void everyTypeDecodes() throws Exception {
        UUID id = UUID.randomUUID();
        JsonInput in = input(
                "{\"s\": \"abc\", \"i\": 42, \"l\": 9007199254740993, \"d\": 12.50, \"b\": true, \"u\": \"" + id
                        + "\", \"t\": \"2026-01-31T09:30:00Z\", \"day\": \"2026-01-31\", \"e\": \"GREEN\", \"whole\": 3.0}");
        assertThat(Field.string("s", 5).read(in)).isEqualTo("abc");
        assertThat(Field.integer("i").read(in)).isEqualTo(42);
        assertThat(Field.longInteger("l").read(in)).isEqualTo(9007199254740993L);
        assertThat(Field.decimal("d", 5, 2).read(in)).isEqualByComparingTo(new BigDecimal("12.5"));
        assertThat(Field.bool("b").read(in)).isTrue();
        assertThat(Field.uuid("u").read(in)).isEqualTo(id);
        assertThat(Field.timestamp("t").read(in)).isEqualTo(Instant.parse("2026-01-31T09:30:00Z"));
        assertThat(Field.date("day").read(in)).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(Field.enumeration("e", Colour.class).read(in)).isEqualTo(Colour.GREEN);
        assertThat(Field.integer("whole").read(in)).isEqualTo(3);
        assertThat(failures(in)).isEmpty();
    }

    @Test
    void wrongTypesAndBrokenRulesAreAllReported() throws Exception {
        JsonInput in =
                input("{\"s\": 5, \"i\": 1.5, \"big\": 3000000000, \"d\": 1.234, \"digits\": 1234.5, \"b\": \"yes\","
                        + " \"u\": \"nope\", \"t\": \"2026-01-31\", \"day\": \"31/01/2026\", \"e\": \"BLUE\", \"long\": \"abcdef\","
                        + " \"short\": \"\", \"year\": 1800, \"code\": \"ab1\"}");
        Field.string("s", 5).read(in);
        Field.integer("i").read(in);
        Field.integer("big").read(in);
        Field.decimal("d", 5, 2).read(in);
        Field.decimal("digits", 5, 2).read(in);
        Field.bool("b").read(in);
        Field.uuid("u").read(in);
        Field.timestamp("t").read(in);
        Field.date("day").read(in);
        Field.enumeration("e", Colour.class).read(in);
        Field.string("long", 5).read(in);
        Field.string("short", 5).length(1, 5).read(in);
        Field.integer("year").range("1900", "2100").read(in);
        Field.string("code", 5).pattern("[a-z]+").read(in);
        Field.text("missing").read(in);
        assertThat(failures(in))
                .extracting(FieldError::field)
                .containsExactly(
                        "s", "i", "big", "d", "digits", "b", "u", "t", "day", "e", "long", "short", "year", "code",
                        "missing");
        assertThat(failures(in))
                .extracting(FieldError::message)
                .contains(
                        "is required",
                        "must be one of RED, GREEN",
                        "must be within 1900..2100",
                        "must have at most 2 decimal places",
                        "must have at most 3 digits before the point");
    }

    @Test
    void optionalAndDefaultFields() throws Exception {
        JsonInput in = input("{\"nothing\": null}");
        assertThat(Field.string("nothing", 5).optional().read(in)).isNull();
        assertThat(Field.integer("absent").orElse(7).read(in)).isEqualTo(7);
        assertThat(Field.enumeration("colour", Colour.class).orElse(Colour.RED).read(in))
                .isEqualTo(Colour.RED);
        assertThat(failures(in)).isEmpty();
    }

    @Test
    void pathAndQueryParametersAnswer400() {
        assertThat(Param.UUID.parse("path", "id", "00000000-0000-0000-0000-000000000001"))
                .isNotNull();
        assertThatThrownBy(() -> Param.UUID.parse("path", "id", "1-1-1-1-1"))
                .isInstanceOfSatisfying(
                        Problem.class, p -> assertThat(p.status()).isEqualTo(400));
        assertThatThrownBy(() -> Param.INT.parse("query", "limit", "ten")).hasMessageContaining("'limit'");
        assertThat(Param.enumeration(Colour.class).parse("query", "c", "RED")).isEqualTo(Colour.RED);
        assertThatThrownBy(() -> Param.enumeration(Colour.class).parse("query", "c", "red"))
                .hasMessageContaining("RED, GREEN");
        assertThat(Param.BOOL.parse("query", "b", "TRUE")).isTrue();
    }

    @Test
    void pagesWithinARouteLimit() {
        assertThat(new Page(50, 0).within(100)).isEqualTo(new Page(50, 0, 100));
        assertThat(new Page(50, 80).within(100)).isEqualTo(new Page(20, 80, 100));
        assertThat(new Page(50, 120).within(100).limit()).isZero();
        assertThat(new Page(10, 90).within(100).mayContinue()).isFalse();
        assertThat(new Page(10, 0).mayContinue()).isTrue();
    }

    @Test
    void valuesNoDatabaseStoresAsGivenAreRejectedNamingTheRule() throws Exception {
        JsonInput in = input("{\"nul\": \"a\\u0000b\", \"lone\": \"\\udc00\", \"pair\": \"\\ud83d\\ude00\","
                + " \"astral\": \"\\ud83d\\ude00\\ud83d\\ude00\", \"far\": \"+10000-01-01T00:00:00Z\","
                + " \"first\": \"0001-01-01T00:00:00Z\", \"bc\": \"-0001-01-01\", \"wide\": 1e1001}");
        assertThat(Field.text("nul").read(in)).isNull();
        assertThat(Field.string("lone", 5).read(in)).isNull();
        assertThat(Field.string("pair", 2).read(in)).isEqualTo("\ud83d\ude00");
        assertThat(Field.string("astral", 3).read(in)).isNull();
        assertThat(Field.timestamp("far").read(in)).isNull();
        assertThat(Field.timestamp("first").read(in)).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(Field.date("bc").read(in)).isNull();
        assertThat(Field.decimal("wide", 10, 2).read(in)).isNull();
        assertThat(failures(in))
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("nul", Storable.TEXT),
                        org.assertj.core.api.Assertions.tuple("lone", Storable.TEXT),
                        org.assertj.core.api.Assertions.tuple(
                                "astral",
                                "must be at most 3 characters (a character beyond U+FFFF, such as an emoji, counts as two)"),
                        org.assertj.core.api.Assertions.tuple("far", Storable.INSTANT_RANGE),
                        org.assertj.core.api.Assertions.tuple("bc", Storable.DATE_RANGE),
                        org.assertj.core.api.Assertions.tuple("wide", Storable.DIGITS));
    }

    @Test
    void parametersNoDatabaseTakesAre400() {
        assertThatThrownBy(() -> Param.STRING.parse("path", "name", "a\u0000"))
                .isInstanceOf(Problem.class)
                .hasMessageContaining("path parameter 'name'");
        assertThatThrownBy(() -> Param.DATE.parse("query", "on", "+10000-01-01"))
                .isInstanceOf(Problem.class);
        assertThatThrownBy(() -> Param.DECIMAL.parse("query", "min", "1e2147483647"))
                .isInstanceOf(Problem.class);
        assertThat(Param.TIMESTAMP.parse("query", "at", "9999-12-31T23:59:59Z"))
                .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
    }
}
