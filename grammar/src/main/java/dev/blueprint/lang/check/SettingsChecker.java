package dev.blueprint.lang.check;

import dev.blueprint.lang.model.Block;
import dev.blueprint.lang.model.Setting;
import dev.blueprint.lang.model.Value;
import dev.blueprint.lang.settings.BlockSchema;
import dev.blueprint.lang.settings.Configured;
import dev.blueprint.lang.settings.Format;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.lang.settings.Kind;
import dev.blueprint.lang.source.Span;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Checks a settings block against its {@link BlockSchema}: keys, kinds, units, bounds, duplicates. */
final class SettingsChecker {
    private static final Pattern JAVA_PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");
    private final List<Diagnostic> out;

    SettingsChecker(List<Diagnostic> out) {
        this.out = out;
    }

    CheckedBlock check(Path file, Block block, BlockSchema schema) {
        CheckedBlock checked = new CheckedBlock();
        for (Setting s : block.settings()) {
            String keyName = s.key().text();
            if (keyName.isEmpty()) {
                continue;
            }
            Optional<Key> key = schema.key(keyName);
            if (key.isEmpty()) {
                Optional<String> close = Suggest.closest(
                        keyName, schema.keys().stream().map(Key::name).toList());
                Diagnostic d = Diagnostic.of(
                        Code.UNKNOWN_SETTING,
                        file,
                        s.key().span(),
                        "unknown setting '" + keyName + "' in " + schema.name() + Suggest.didYouMean(close));
                out.add(close.map(d::withFix).orElse(d));
                continue;
            }
            if (checked.isWritten(key.get())) {
                Setting first = checked.setting(key.get()).orElseThrow();
                out.add(Diagnostic.of(
                                Code.DUPLICATE_SETTING,
                                file,
                                s.key().span(),
                                "'" + keyName + "' is already set in this " + schema.name() + " block")
                        .withRelated(file, first.key().span(), "first set here"));
                continue;
            }
            checked.put(key.get(), s, convert(file, key.get(), s.value()));
        }
        return checked;
    }

    /** The typed value of {@code v} for {@code key}, or null after reporting why it does not fit. */
    Object convert(Path file, Key key, Value v) {
        if (v instanceof Value.Missing) {
            return null;
        }
        if (v instanceof Value.Env env) {
            if (!key.envAllowed()) {
                return wrong(file, key, v);
            }
            String fallback = null;
            if (env.fallback() != null) {
                if (!(env.fallback() instanceof Value.Str s)) {
                    return wrong(file, key, env.fallback());
                }
                fallback = s.value();
            }
            if (env.variable().isBlank()) {
                out.add(Diagnostic.of(
                        Code.WRONG_VALUE_TYPE,
                        file,
                        env.variableSpan(),
                        "env(…) needs the name of an environment variable"));
                return null;
            }
            return Configured.env(env.variable(), Optional.ofNullable(fallback));
        }
        if (key.offAllowed() && v instanceof Value.Ident id && id.name().text().equals("off")) {
            return CheckedBlock.OFF;
        }
        return switch (key.kind()) {
            case INT ->
                v instanceof Value.Num n && n.integral() ? bounded(file, key, v, n.value()) : wrong(file, key, v);
            case DURATION, SIZE, PERCENT -> quantity(file, key, v);
            case CPU ->
                v instanceof Value.Num n
                        ? bounded(file, key, v, n.value().multiply(BigDecimal.valueOf(1000)))
                        : quantity(file, key, v);
            case BOOL -> v instanceof Value.Bool b ? b.value() : wrong(file, key, v);
            case STRING ->
                v instanceof Value.Str s
                        ? (key.envAllowed() ? Configured.literal(s.value()) : s.value())
                        : wrong(file, key, v);
            case STRING_LIST ->
                listOf(file, key, v, "strings", item -> item instanceof Value.Str str ? str.value() : null);
            case CHOICE_LIST -> choiceList(file, key, v);
            case PATH -> path(file, key, v);
            case PACKAGE -> javaPackage(file, key, v);
            case CHOICE -> choice(file, key, v);
            case STORE_LIST ->
                listOf(
                        file,
                        key,
                        v,
                        "store names",
                        item -> item instanceof Value.Ident id ? id.name().text() : null);
            case INT_RANGE -> intRange(file, key, v);
            case BLOCK -> v instanceof Value.Nested n ? check(file, n.block(), key.block()) : wrong(file, key, v);
            case MAP -> v instanceof Value.Nested n ? entries(file, key, n.block()) : wrong(file, key, v);
        };
    }

    /** A {@link Kind#MAP}: each entry, by its name, checked against the key's entry schema. */
    private Entries entries(Path file, Key key, Block block) {
        Entries entries = new Entries(new LinkedHashMap<>(), new LinkedHashMap<>());
        for (Setting s : block.settings()) {
            String name = s.key().text();
            if (name.isEmpty()) {
                continue;
            }
            Setting first = entries.settings().get(name);
            if (first != null) {
                out.add(Diagnostic.of(
                                Code.DUPLICATE_SETTING,
                                file,
                                s.key().span(),
                                "'" + name + "' is already listed in " + key.name())
                        .withRelated(file, first.key().span(), "first listed here"));
                continue;
            }
            entries.settings().put(name, s);
            if (s.value() instanceof Value.Nested n) {
                entries.blocks().put(name, check(file, n.block(), key.block()));
            } else if (!(s.value() instanceof Value.Missing)) {
                out.add(Diagnostic.of(
                        Code.WRONG_VALUE_TYPE,
                        file,
                        s.value().span(),
                        "each entry of '" + key.name() + "' is a block: " + name + " { "
                                + key.block().keys().get(0).name() + " … }, not " + Value.describe(s.value())));
            }
        }
        return entries;
    }

    /**
     * The entries of a {@link Kind#MAP} in written order: the setting that names each, and the
     * checked block of each entry written as a block.
     */
    record Entries(Map<String, Setting> settings, Map<String, CheckedBlock> blocks) {}

    /**
     * A list whose every item {@code text} reads (it gives null for an item that does not fit),
     * or null after reporting the first item that does not fit.
     */
    private Object listOf(Path file, Key key, Value v, String items, Function<Value, String> text) {
        if (!(v instanceof Value.ListOf list)) {
            return wrong(file, key, v);
        }
        List<String> read = new ArrayList<>();
        for (Value item : list.items()) {
            if (item instanceof Value.Missing) {
                continue;
            }
            String one = text.apply(item);
            if (one == null) {
                out.add(Diagnostic.of(
                        Code.WRONG_VALUE_TYPE,
                        file,
                        item.span(),
                        "'" + key.name() + "' lists " + items + ", not " + Value.describe(item)));
                return null;
            }
            read.add(one);
        }
        return List.copyOf(read);
    }

    private Object choiceList(Path file, Key key, Value v) {
        if (!(v instanceof Value.ListOf list)) {
            return wrong(file, key, v);
        }
        List<String> items = new ArrayList<>();
        boolean ok = true;
        for (Value item : list.items()) {
            if (item instanceof Value.Missing) {
                continue;
            }
            Object one = item instanceof Value.Ident ? choice(file, key, item) : null;
            if (!(item instanceof Value.Ident)) {
                out.add(Diagnostic.of(
                        Code.WRONG_VALUE_TYPE,
                        file,
                        item.span(),
                        "'" + key.name() + "' lists names of " + String.join(", ", key.choices()) + ", not "
                                + Value.describe(item)));
            }
            if (one instanceof String name) {
                if (items.contains(name)) {
                    out.add(Diagnostic.of(
                                    Code.DUPLICATE_SETTING,
                                    file,
                                    item.span(),
                                    "'" + name + "' is already listed in " + key.name())
                            .markUnnecessary());
                } else {
                    items.add(name);
                }
            } else {
                ok = false;
            }
        }
        if (ok && items.isEmpty()) {
            out.add(Diagnostic.of(
                    Code.OUT_OF_RANGE,
                    file,
                    v.span(),
                    "'" + key.name() + "' needs at least one of " + String.join(", ", key.choices())));
            return null;
        }
        return ok ? List.copyOf(items) : null;
    }

    private Object quantity(Path file, Key key, Value v) {
        if (!(v instanceof Value.Quantity q)) {
            if (v instanceof Value.Num) {
                out.add(Diagnostic.of(
                        Code.WRONG_UNIT, file, v.span(), "'" + key.name() + "' needs a unit: " + key.expectation()));
                return null;
            }
            return wrong(file, key, v);
        }
        long factor = key.kind().factor(q.unit());
        if (factor == 0) {
            out.add(Diagnostic.of(
                    Code.WRONG_UNIT,
                    file,
                    v.span(),
                    "'" + key.name() + "' takes " + key.expectation() + ", not " + q.unit()));
            return null;
        }
        Object base = bounded(file, key, v, q.amount().multiply(BigDecimal.valueOf(factor)));
        if (base instanceof Long amount && key.kind() == Kind.DURATION) {
            return Duration.ofMillis(amount);
        }
        return base;
    }

    private Object bounded(Path file, Key key, Value v, BigDecimal amount) {
        BigDecimal rounded = amount.setScale(0, RoundingMode.HALF_UP);
        boolean low = key.min() != null && rounded.compareTo(BigDecimal.valueOf(key.min())) < 0;
        boolean high = key.max() != null && rounded.compareTo(BigDecimal.valueOf(key.max())) > 0;
        if (low || high) {
            out.add(Diagnostic.of(
                    Code.OUT_OF_RANGE,
                    file,
                    v.span(),
                    "'" + key.name() + "' must be " + (key.min() != null && key.max() != null ? "within " : "")
                            + key.boundsText() + ", not " + text(v)));
            return null;
        }
        return rounded.longValueExact();
    }

    private static String text(Value v) {
        if (v instanceof Value.Num n) {
            return n.value().toPlainString();
        } else if (v instanceof Value.Quantity q) {
            return q.amount().toPlainString() + q.unit();
        }
        return Value.describe(v);
    }

    private Object wrong(Path file, Key key, Value v) {
        out.add(Diagnostic.of(
                Code.WRONG_VALUE_TYPE,
                file,
                v.span(),
                "'" + key.name() + "' takes " + key.expectation() + ", not " + Value.describe(v)));
        return null;
    }

    private Object path(Path file, Key key, Value v) {
        if (!(v instanceof Value.Str s)) {
            return wrong(file, key, v);
        }
        if (!s.value().startsWith("/") || s.value().contains(" ") || s.value().contains("{")) {
            out.add(Diagnostic.of(
                    Code.BAD_PATH,
                    file,
                    v.span(),
                    "'" + key.name() + "' must be a plain path starting with '/', not \"" + s.value() + "\""));
            return null;
        }
        return s.value();
    }

    private Object javaPackage(Path file, Key key, Value v) {
        if (!(v instanceof Value.Str s)) {
            return wrong(file, key, v);
        }
        if (!JAVA_PACKAGE.matcher(s.value()).matches()) {
            out.add(Diagnostic.of(
                    Code.WRONG_VALUE_TYPE,
                    file,
                    v.span(),
                    "'" + key.name() + "' must be a Java package name in lower case, like \"com.example.shop\", not \""
                            + s.value() + "\""));
            return null;
        }
        return s.value();
    }

    private Object choice(Path file, Key key, Value v) {
        if (!(v instanceof Value.Ident id)) {
            return wrong(file, key, v);
        }
        if (key.choices().contains(id.name().text())) {
            return id.name().text();
        }
        Optional<String> close = Suggest.closest(id.name().text(), key.choices());
        String takes = key.kind() == Kind.CHOICE_LIST
                ? "lists " + String.join(", ", key.choices())
                : "takes " + key.expectation();
        Diagnostic d = Diagnostic.of(
                Code.WRONG_VALUE_TYPE,
                file,
                v.span(),
                "'" + key.name() + "' " + takes + ", not '" + id.name() + "'" + Suggest.didYouMean(close));
        out.add(close.map(d::withFix).orElse(d));
        return null;
    }

    private Object intRange(Path file, Key key, Value v) {
        if (!(v instanceof Value.Range r)) {
            return wrong(file, key, v);
        }
        if (!(r.low() instanceof Value.Num lo && lo.integral())
                || !(r.high() instanceof Value.Num hi && hi.integral())) {
            if (r.low() instanceof Value.Missing || r.high() instanceof Value.Missing) {
                return null;
            }
            out.add(Diagnostic.of(
                    Code.WRONG_VALUE_TYPE,
                    file,
                    v.span(),
                    "'" + key.name() + "' takes a range of whole numbers, like 2..10"));
            return null;
        }
        Object low = bounded(file, key, r.low(), lo.value());
        Object high = bounded(file, key, r.high(), hi.value());
        if (low == null || high == null) {
            return null;
        }
        if ((Long) low > (Long) high) {
            out.add(Diagnostic.of(
                    Code.BAD_RANGE,
                    file,
                    v.span(),
                    "'" + key.name() + "' range " + low + ".." + high + " has its low end above its high end"));
            return null;
        }
        return new long[] {(Long) low, (Long) high};
    }

    static String show(Key key, long base) {
        return Format.base(key.kind(), base);
    }

    static Span spanOf(CheckedBlock block, Key key) {
        return block.setting(key).map(Setting::span).orElse(Span.EMPTY);
    }
}
