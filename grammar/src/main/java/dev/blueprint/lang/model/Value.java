package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;
import java.math.BigDecimal;
import java.util.List;

/** A value in a settings block, a default or an attribute argument. */
public sealed interface Value extends Node {

    /** {@code "text"}, unescaped. */
    record Str(String value, Span span) implements Value {}

    /** {@code 42}, {@code -3}, {@code 19.99}. */
    record Num(BigDecimal value, boolean integral, Span span) implements Value {}

    /** {@code 30s}, {@code 512MiB}, {@code 500m}, {@code 70%}: an amount glued to a unit. */
    record Quantity(BigDecimal amount, String unit, Span span) implements Value {}

    /** {@code true}, {@code false}. */
    record Bool(boolean value, Span span) implements Value {}

    /** {@code low..high}; each side a {@link Num} or {@link Quantity}. */
    record Range(Value low, Value high, Span span) implements Value {}

    /** A bare identifier: an enum member, a store name, {@code h2}, {@code off}. */
    record Ident(Name name, Span span) implements Value {}

    /** {@code [a, b]}. */
    record ListOf(List<Value> items, Span span) implements Value {
        public ListOf {
            items = List.copyOf(items);
        }
    }

    /** {@code env("NAME")} or {@code env("NAME", fallback)}; {@code fallback} may be null. */
    record Env(String variable, Span variableSpan, Value fallback, Span span) implements Value {}

    /** A nested settings block, {@code pool { … }}. */
    record Nested(Block block, Span span) implements Value {}

    /** What stands where the parser found no value; a syntax error was reported there. */
    record Missing(Span span) implements Value {}

    /** How this kind of value is called in messages. */
    static String describe(Value v) {
        if (v instanceof Str) {
            return "a string";
        } else if (v instanceof Num n) {
            return n.integral() ? "a whole number" : "a decimal number";
        } else if (v instanceof Quantity q) {
            return "a quantity in " + q.unit();
        } else if (v instanceof Bool) {
            return "a boolean";
        } else if (v instanceof Range) {
            return "a range";
        } else if (v instanceof Ident i) {
            return "the name '" + i.name().text() + "'";
        } else if (v instanceof ListOf) {
            return "a list";
        } else if (v instanceof Env e) {
            return "env(\"" + e.variable() + "\")";
        } else if (v instanceof Nested) {
            return "a block";
        }
        return "nothing";
    }
}
