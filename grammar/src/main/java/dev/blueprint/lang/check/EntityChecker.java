package dev.blueprint.lang.check;

import dev.blueprint.lang.model.Attribute;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.Value;
import dev.blueprint.lang.resolve.BuiltinType;
import dev.blueprint.lang.resolve.FieldType;
import dev.blueprint.lang.resolve.Program;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Entity rules: one {@code @key} of a generated type, type arguments, attributes, defaults. */
final class EntityChecker {

    private final Program program;
    private final List<Diagnostic> out;

    EntityChecker(Program program, List<Diagnostic> out) {
        this.program = program;
        this.out = out;
    }

    void check(EntityDecl entity) {
        Path file = program.fileOf(entity);
        Field key = null;
        for (Field f : entity.fields()) {
            FieldType type = program.typeOf(f);
            checkTypeArguments(file, f, type);
            Set<String> seen = new HashSet<>();
            for (Attribute a : f.attributes()) {
                if (a.name().isMissing()) {
                    continue;
                }
                if (!seen.add(a.name().text())) {
                    out.add(Diagnostic.of(
                            Code.DUPLICATE_ATTRIBUTE,
                            file,
                            a.span(),
                            "@" + a.name() + " is already written on '" + f.name() + "'"));
                    continue;
                }
                if (a.name().text().equals("key")) {
                    if (key != null) {
                        out.add(Diagnostic.of(
                                        Code.DUPLICATE_KEY,
                                        file,
                                        a.span(),
                                        "entity '" + entity.name() + "' already has a @key ('" + key.name()
                                                + "'); an entity has exactly one key")
                                .withRelated(file, key.name().span(), "the first key"));
                        continue;
                    }
                    key = f;
                    checkKey(file, f, type);
                    continue;
                }
                checkAttribute(file, f, type, a);
            }
            checkDefault(file, f, type);
        }
        if (key == null && !entity.name().isMissing()) {
            out.add(Diagnostic.of(
                    Code.MISSING_KEY,
                    file,
                    entity.name().span(),
                    "entity '" + entity.name() + "' has no @key field; add one, like 'id: uuid @key'"));
        }
    }

    private void checkTypeArguments(Path file, Field f, FieldType type) {
        List<Integer> args = f.type().args();
        if (args.isEmpty()) {
            return;
        }
        if (!(type instanceof FieldType.Builtin b)) {
            if (!(type instanceof FieldType.Unknown)) {
                out.add(Diagnostic.of(
                        Code.BAD_TYPE_ARGUMENTS,
                        file,
                        f.type().span(),
                        "'" + f.type().name() + "' takes no arguments"));
            }
            return;
        }
        if (args.size() > b.type().maxArguments()) {
            String takes = b.type().maxArguments() == 0
                    ? "takes no arguments"
                    : "takes at most " + b.type().maxArguments() + " argument"
                            + (b.type().maxArguments() > 1 ? "s" : "");
            out.add(Diagnostic.of(
                    Code.BAD_TYPE_ARGUMENTS,
                    file,
                    f.type().span(),
                    "'" + b.type().keyword() + "' " + takes));
        } else if (b.type() == BuiltinType.STRING && (b.length() < 1 || b.length() > BuiltinType.MAX_STRING_LENGTH)) {
            out.add(Diagnostic.of(
                    Code.BAD_TYPE_ARGUMENTS,
                    file,
                    f.type().span(),
                    "string length must be within 1..10000, not " + b.length() + "; use 'text' for longer text"));
        } else if (b.type() == BuiltinType.DECIMAL
                && (b.precision() < 1 || b.precision() > BuiltinType.MAX_PRECISION)) {
            out.add(Diagnostic.of(
                    Code.BAD_TYPE_ARGUMENTS,
                    file,
                    f.type().span(),
                    "decimal precision must be within 1..38, not " + b.precision()));
        } else if (b.type() == BuiltinType.DECIMAL && (b.scale() < 0 || b.scale() > b.precision())) {
            out.add(Diagnostic.of(
                    Code.BAD_TYPE_ARGUMENTS,
                    file,
                    f.type().span(),
                    "decimal scale must be within 0.." + b.precision() + " (the precision), not " + b.scale()));
        }
    }

    private void checkKey(Path file, Field f, FieldType type) {
        if (type instanceof FieldType.Unknown) {
            return;
        }
        boolean generated =
                type instanceof FieldType.Builtin b && (b.type() == BuiltinType.UUID || b.type() == BuiltinType.LONG);
        if (!generated) {
            out.add(Diagnostic.of(
                    Code.BAD_KEY_TYPE,
                    file,
                    f.type().span(),
                    "a @key is uuid (generated by the server) or long (generated by the database), not "
                            + type.display()));
        } else if (f.optional()) {
            out.add(Diagnostic.of(Code.BAD_KEY_TYPE, file, f.name().span(), "a @key cannot be optional"));
        } else if (f.defaultValue() != null) {
            out.add(Diagnostic.of(
                    Code.BAD_KEY_TYPE, file, f.defaultValue().span(), "a @key is generated and cannot have a default"));
        }
    }

    private void checkAttribute(Path file, Field f, FieldType type, Attribute a) {
        String name = a.name().text();
        Optional<Attributes.Spec> spec = Attributes.spec(name);
        if (spec.isEmpty()) {
            Optional<String> close = Suggest.closest(name, Attributes.NAMES);
            Diagnostic d = Diagnostic.of(
                    Code.UNKNOWN_ATTRIBUTE,
                    file,
                    a.name().span(),
                    "unknown attribute @" + name + Suggest.didYouMean(close));
            out.add(close.map(d::withFix).orElse(d));
            return;
        }
        int expectedArgs = spec.get().arguments();
        if (a.args().size() != expectedArgs) {
            out.add(Diagnostic.of(
                    Code.BAD_ATTRIBUTE_ARGUMENTS,
                    file,
                    a.span(),
                    "@" + name
                            + (expectedArgs == 0
                                    ? " takes no arguments"
                                    : " takes one argument, like " + spec.get().example())));
            return;
        }
        if (a.args().stream().anyMatch(EntityChecker::incomplete)) {
            return; // a syntax error was reported inside
        }
        if (type instanceof FieldType.Unknown) {
            return;
        }
        if (!spec.get().fits(type)) {
            out.add(Diagnostic.of(
                    Code.ATTRIBUTE_MISMATCH,
                    file,
                    a.span(),
                    "@" + name + " applies to " + spec.get().appliesTo() + ", not to '" + f.name() + "' of type "
                            + type.display()));
            return;
        }
        switch (name) {
            case "range" -> rangeArgument(file, a, type);
            case "length" -> lengthArgument(file, a, type);
            case "pattern" -> pattern(file, a);
            default -> {}
        }
    }

    private static boolean incomplete(Value v) {
        return v instanceof Value.Missing
                || v instanceof Value.Range r && (incomplete(r.low()) || incomplete(r.high()));
    }

    private void rangeArgument(Path file, Attribute a, FieldType type) {
        if (!(a.args().get(0) instanceof Value.Range r)
                || !(r.low() instanceof Value.Num lo)
                || !(r.high() instanceof Value.Num hi)) {
            out.add(Diagnostic.of(
                    Code.BAD_ATTRIBUTE_ARGUMENTS,
                    file,
                    a.args().get(0).span(),
                    "@range takes a range of numbers, like @range(1..100)"));
            return;
        }
        boolean whole = ((FieldType.Builtin) type).type() != BuiltinType.DECIMAL;
        if (whole && (!lo.integral() || !hi.integral())) {
            out.add(Diagnostic.of(
                    Code.BAD_ATTRIBUTE_ARGUMENTS,
                    file,
                    r.span(),
                    "@range on " + type.display() + " takes whole numbers"));
        } else if (lo.value().compareTo(hi.value()) > 0) {
            out.add(Diagnostic.of(
                    Code.BAD_RANGE,
                    file,
                    r.span(),
                    "@range " + lo.value() + ".." + hi.value() + " has its low end above its high end"));
        }
    }

    private void lengthArgument(Path file, Attribute a, FieldType type) {
        if (!(a.args().get(0) instanceof Value.Range r)
                || !(r.low() instanceof Value.Num lo && lo.integral())
                || !(r.high() instanceof Value.Num hi && hi.integral())) {
            out.add(Diagnostic.of(
                    Code.BAD_ATTRIBUTE_ARGUMENTS,
                    file,
                    a.args().get(0).span(),
                    "@length takes a range of whole numbers, like @length(1..40)"));
            return;
        }
        FieldType.Builtin b = (FieldType.Builtin) type;
        if (lo.value().signum() < 0 || lo.value().compareTo(hi.value()) > 0) {
            out.add(Diagnostic.of(
                    Code.BAD_RANGE,
                    file,
                    r.span(),
                    "@length " + lo.value() + ".." + hi.value() + " is not a range of lengths from 0 up"));
        } else if (b.type() == BuiltinType.STRING && hi.value().compareTo(BigDecimal.valueOf(b.length())) > 0) {
            out.add(Diagnostic.of(
                    Code.BAD_ATTRIBUTE_ARGUMENTS,
                    file,
                    r.span(),
                    "@length allows " + hi.value() + " characters but the field holds at most " + b.length()));
        }
    }

    private void pattern(Path file, Attribute a) {
        if (!(a.args().get(0) instanceof Value.Str s)) {
            out.add(Diagnostic.of(
                    Code.BAD_ATTRIBUTE_ARGUMENTS,
                    file,
                    a.args().get(0).span(),
                    "@pattern takes a regular expression in a string"));
            return;
        }
        try {
            Pattern.compile(s.value());
        } catch (PatternSyntaxException e) {
            out.add(Diagnostic.of(
                    Code.BAD_PATTERN,
                    file,
                    s.span(),
                    "invalid @pattern: " + e.getDescription()
                            + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "")));
        }
    }

    private void checkDefault(Path file, Field f, FieldType type) {
        Value v = f.defaultValue();
        if (v == null
                || incomplete(v)
                || type instanceof FieldType.Unknown
                || f.attribute("key").isPresent()) {
            return;
        }
        String problem = defaultProblem(f, type, v);
        if (problem != null) {
            out.add(Diagnostic.of(
                    Code.BAD_DEFAULT,
                    file,
                    v.span(),
                    "default " + shown(v) + " does not fit '" + f.name() + "' of type " + type.display() + ": "
                            + problem));
        }
    }

    private static String shown(Value v) {
        if (v instanceof Value.Str s) {
            return "\"" + s.value() + "\"";
        } else if (v instanceof Value.Num n) {
            return n.value().toPlainString();
        } else if (v instanceof Value.Ident i) {
            return i.name().text();
        } else if (v instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        }
        return Value.describe(v);
    }

    /** Why {@code v} cannot be the default of {@code f}, or null when it can. */
    private static String defaultProblem(Field f, FieldType type, Value v) {
        if (type instanceof FieldType.EntityRef) {
            return "a reference cannot have a default";
        }
        if (type instanceof FieldType.EnumRef) {
            return v instanceof Value.Ident ? null : "expected one of its members";
        }
        FieldType.Builtin b = (FieldType.Builtin) type;
        switch (b.type()) {
            case STRING, TEXT -> {
                if (!(v instanceof Value.Str s)) {
                    return "expected a string";
                }
                if (b.type() == BuiltinType.STRING && s.value().length() > b.length()) {
                    return "longer than " + b.length() + " characters";
                }
                return null;
            }
            case INT, LONG -> {
                if (!(v instanceof Value.Num n) || !n.integral()) {
                    return "expected a whole number";
                }
                BigDecimal max = BigDecimal.valueOf(b.type() == BuiltinType.INT ? Integer.MAX_VALUE : Long.MAX_VALUE);
                BigDecimal min = BigDecimal.valueOf(b.type() == BuiltinType.INT ? Integer.MIN_VALUE : Long.MIN_VALUE);
                if (n.value().compareTo(max) > 0 || n.value().compareTo(min) < 0) {
                    return "out of the type's range";
                }
                return outsideRange(f, n.value());
            }
            case DECIMAL -> {
                if (!(v instanceof Value.Num n)) {
                    return "expected a number";
                }
                if (n.value().stripTrailingZeros().scale() > b.scale()) {
                    return "more than " + b.scale() + " decimal places";
                }
                return outsideRange(f, n.value());
            }
            case BOOL -> {
                return v instanceof Value.Bool ? null : "expected true or false";
            }
            case UUID -> {
                return v instanceof Value.Str s && parses(() -> UUID.fromString(s.value()))
                        ? null
                        : "expected a UUID in a string";
            }
            case TIMESTAMP -> {
                return v instanceof Value.Str s && parses(() -> Instant.parse(s.value()))
                        ? null
                        : "expected an ISO instant in a string, like \"2024-05-01T10:00:00Z\"";
            }
            case DATE -> {
                return v instanceof Value.Str s && parses(() -> LocalDate.parse(s.value()))
                        ? null
                        : "expected an ISO date in a string, like \"2024-05-01\"";
            }
            default -> {
                return null;
            }
        }
    }

    private static String outsideRange(Field f, BigDecimal value) {
        Optional<Attribute> range = f.attribute("range");
        if (range.isPresent()
                && range.get().args().size() == 1
                && range.get().args().get(0) instanceof Value.Range r
                && r.low() instanceof Value.Num lo
                && r.high() instanceof Value.Num hi
                && (value.compareTo(lo.value()) < 0 || value.compareTo(hi.value()) > 0)) {
            return "outside @range(" + lo.value().toPlainString() + ".."
                    + hi.value().toPlainString() + ")";
        }
        return null;
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return false;
        }
    }
}
