package dev.blueprint.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.curiousoddman.rgxgen.RgxGen;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.Bounds;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.codegen.spec.ServiceSpec.FieldSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Request bodies built from an entity's fields: valid ones (types, lengths, ranges, enum members, {@code @pattern}
 * through RgxGen, references to rows that exist) and invalid ones (a broken rule, missing required fields).
 * Thread-safe: the load generator calls it from many threads, each with its own {@link Random}.
 */
final class Samples {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private final ServiceSpec spec;
    private final Map<String, RgxGen> generators = new ConcurrentHashMap<>();
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> used = new ConcurrentHashMap<>();

    Samples(ServiceSpec spec) {
        this.spec = spec;
    }

    /**
     * A valid body for {@code entity}; {@code keyOf} gives the key of an existing row of a referenced entity (as
     * JSON), empty when there is none yet.
     */
    ObjectNode valid(EntitySpec entity, Function<String, Optional<JsonNode>> keyOf, Random random) {
        ObjectNode body = JSON.objectNode();
        for (FieldSpec field : entity.fields()) {
            if (!field.writable()) continue;
            if (field.kind() == ServiceSpec.Kind.REFERENCE) {
                Optional<JsonNode> key = keyOf.apply(field.typeName());
                if (key.isPresent()) body.set(field.name(), key.get());
                else if (!field.optional())
                    throw new IllegalStateException("no " + field.typeName() + " row to refer to");
                continue;
            }
            body.set(field.name(), field.unique() ? unused(entity, field, random) : value(field, random));
        }
        return body;
    }

    /** A value of a {@code @unique} field not handed out before (a taken value is a legitimate 409, not a fault). */
    private JsonNode unused(EntitySpec entity, FieldSpec field, Random random) {
        java.util.Set<String> taken =
                used.computeIfAbsent(entity.name() + "." + field.name(), k -> ConcurrentHashMap.newKeySet());
        JsonNode v = value(field, random);
        for (int attempt = 0; attempt < 100 && !taken.add(v.toString()); attempt++) v = value(field, random);
        return v;
    }

    /** A valid value for a field that is not a reference. */
    JsonNode value(FieldSpec field, Random random) {
        return switch (field.kind()) {
            case STRING -> JSON.textNode(string(field, random));
            case TEXT -> JSON.textNode(words(random, 3 + random.nextInt(8)));
            case INT ->
                JSON.numberNode(integer(field, random, Integer.MIN_VALUE, Integer.MAX_VALUE, 1_000_000)
                        .intValue());
            case LONG ->
                JSON.numberNode(integer(field, random, Long.MIN_VALUE, Long.MAX_VALUE, 1_000_000_000)
                        .longValue());
            case DECIMAL -> JSON.numberNode(decimal(field, random));
            case BOOL -> JSON.booleanNode(random.nextBoolean());
            case UUID -> JSON.textNode(new UUID(random.nextLong(), random.nextLong()).toString());
            case TIMESTAMP ->
                JSON.textNode(Instant.now()
                        .truncatedTo(ChronoUnit.SECONDS)
                        .minusSeconds(random.nextInt(86_400 * 365))
                        .toString());
            case DATE ->
                JSON.textNode(
                        LocalDate.now().plusDays(random.nextInt(730) - 365L).toString());
            case ENUM -> {
                List<String> members =
                        spec.enumNamed(field.typeName()).orElseThrow().members();
                yield JSON.textNode(members.get(random.nextInt(members.size())));
            }
            case REFERENCE -> throw new IllegalArgumentException("a reference has no value of its own");
        };
    }

    /**
     * A body that breaks one rule of one field, and that field's name, when the entity has a field with a rule a
     * value can break (length, range, pattern, enum member, type).
     */
    Optional<Map.Entry<String, ObjectNode>> breakingOneRule(EntitySpec entity, ObjectNode valid, Random random) {
        for (FieldSpec field : entity.fields()) {
            if (!field.writable() || field.kind() == ServiceSpec.Kind.REFERENCE) continue;
            Optional<JsonNode> bad = invalidValue(field, random);
            if (bad.isPresent()) {
                ObjectNode body = valid.deepCopy();
                body.set(field.name(), bad.get());
                return Optional.of(Map.entry(field.name(), body));
            }
        }
        return Optional.empty();
    }

    private Optional<JsonNode> invalidValue(FieldSpec field, Random random) {
        switch (field.kind()) {
            case STRING -> {
                if (field.pattern().isPresent()) {
                    Pattern p = pattern(field.pattern().get());
                    for (String candidate : List.of(
                            "!",
                            "",
                            "not a match ~",
                            generator(field.pattern().get()).generateNotMatching(random))) {
                        if (!p.matcher(candidate).matches() && candidate.length() <= field.length())
                            return Optional.of(JSON.textNode(candidate));
                    }
                }
                return Optional.of(JSON.textNode("x".repeat(field.length() + 1)));
            }
            case INT, LONG, DECIMAL -> {
                if (field.range().isPresent())
                    return Optional.of(
                            JSON.numberNode(field.range().get().high().add(BigDecimal.ONE)));
                return Optional.of(JSON.textNode("not a number"));
            }
            case ENUM -> {
                return Optional.of(JSON.textNode("NOT_A_MEMBER"));
            }
            case BOOL, UUID, TIMESTAMP, DATE -> {
                return Optional.of(JSON.textNode("not a " + field.kind().name().toLowerCase(java.util.Locale.ROOT)));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** Whether the entity has a required field a client must send (so that {@code {}} is a 422). */
    static boolean hasRequiredField(EntitySpec entity) {
        return entity.fields().stream()
                .anyMatch(f -> f.writable() && !f.optional() && f.defaultValue().isEmpty());
    }

    private String string(FieldSpec field, Random random) {
        int max = field.length();
        int min = 1;
        if (field.lengthRange().isPresent()) {
            min = Math.max(min, field.lengthRange().get().low().intValue());
            max = Math.min(max, field.lengthRange().get().high().intValue());
        }
        if (field.pattern().isPresent()) {
            String regex = field.pattern().get();
            RgxGen generator = generator(regex);
            Pattern check = pattern(regex);
            for (int attempt = 0; attempt < 200; attempt++) {
                String s = generator.generate(random);
                if (s.length() >= min
                        && s.length() <= max
                        && check.matcher(s).matches()
                        && s.strip().equals(s)) return s;
            }
            throw new IllegalStateException("field " + field.name() + ": no string of " + min + ".." + max
                    + " characters matching @pattern(\"" + regex + "\") was found in 200 attempts");
        }
        int high = Math.max(min, Math.min(max, min + 23));
        // a unique value takes the longest length allowed (up to 24 letters), so that collisions stay rare
        int length = field.unique() ? high : min + random.nextInt(high - min + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) s.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        return s.toString();
    }

    private static String words(Random random, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) s.append(' ');
            int n = 2 + random.nextInt(8);
            for (int j = 0; j < n; j++) s.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return s.toString();
    }

    private static BigInteger integer(FieldSpec field, Random random, long typeLow, long typeHigh, long spread) {
        long low = field.range()
                .map(b -> clamp(b.low().setScale(0, RoundingMode.CEILING).longValue(), typeLow, typeHigh))
                .orElse(1L);
        long high = field.range()
                .map(b -> clamp(b.high().setScale(0, RoundingMode.FLOOR).longValue(), typeLow, typeHigh))
                .orElse(field.unique() ? typeHigh : spread);
        if (high < low) high = low;
        BigInteger width =
                BigInteger.valueOf(high).subtract(BigInteger.valueOf(low)).add(BigInteger.ONE);
        BigInteger offset = new BigInteger(width.bitLength() + 8, random).mod(width);
        return BigInteger.valueOf(low).add(offset);
    }

    private static long clamp(long v, long low, long high) {
        return Math.max(low, Math.min(high, v));
    }

    private static BigDecimal decimal(FieldSpec field, Random random) {
        int scale = field.scale();
        BigDecimal typeMax =
                BigDecimal.TEN.pow(field.precision() - scale).subtract(BigDecimal.ONE.movePointLeft(scale));
        Bounds bounds = field.range().orElse(new Bounds(BigDecimal.ZERO, typeMax.min(BigDecimal.valueOf(10_000))));
        BigDecimal low = bounds.low().max(typeMax.negate()).setScale(scale, RoundingMode.CEILING);
        BigDecimal high = bounds.high().min(typeMax).setScale(scale, RoundingMode.FLOOR);
        BigInteger lowUnits = low.unscaledValue();
        BigInteger width = high.unscaledValue().subtract(lowUnits).add(BigInteger.ONE);
        if (width.signum() <= 0) return low;
        BigInteger offset = new BigInteger(width.bitLength() + 8, random).mod(width);
        return new BigDecimal(lowUnits.add(offset), scale);
    }

    private RgxGen generator(String regex) {
        return generators.computeIfAbsent(regex, RgxGen::parse);
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }
}
