package dev.blueprint.codegen;

import static dev.blueprint.lang.settings.Schema.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.check.CheckedBlock;
import dev.blueprint.lang.check.Defaults;
import dev.blueprint.lang.settings.BlockSchema;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.runtime.CorsConfig;
import dev.blueprint.runtime.JwtConfig;
import dev.blueprint.runtime.PoolConfig;
import dev.blueprint.runtime.ProbeConfig;
import dev.blueprint.runtime.RateLimitConfig;
import dev.blueprint.runtime.ServerConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The runtime's config records ({@link ServerConfig#defaults()}, {@link PoolConfig#defaults()}, …) restate the defaults
 * that the language's {@code Schema} holds, because the runtime knows nothing of the language. This test ties the two:
 * every runtime default of a key must equal the schema's, as the checker itself reads it ({@link Defaults}), and every
 * key of a block the runtime configures must be tied here or say why it has no runtime default. Changing a default on
 * one side only, or adding a key without deciding, fails here.
 */
class RuntimeDefaultsTest {

    /** A default that is "no value": {@code off}, {@code none}, an empty Optional. */
    private static final Object ABSENT = "(absent)";

    private static final ServerConfig SERVER_DEFAULTS = ServerConfig.defaults();
    private static final PoolConfig POOL_DEFAULTS = PoolConfig.defaults();
    private static final ProbeConfig PROBE_DEFAULTS = ProbeConfig.defaults();
    private static final JwtConfig JWT_DEFAULTS = JwtConfig.issuer("https://issuer.example/");
    private static final RateLimitConfig RATE_LIMIT_DEFAULTS = RateLimitConfig.perSecond(7);
    private static final CorsConfig CORS_DEFAULTS = CorsConfig.origins("https://shop.example");

    /** Each key whose default the runtime restates, and the runtime's value. */
    private static Map<Key, Object> tied() {
        Map<Key, Object> tied = new LinkedHashMap<>();
        tied.put(PORT, SERVER_DEFAULTS.port());
        tied.put(MAX_BODY, SERVER_DEFAULTS.maxBodyBytes());
        tied.put(REQUEST_TIMEOUT, SERVER_DEFAULTS.requestTimeout());
        tied.put(HEADER_TIMEOUT, SERVER_DEFAULTS.headerTimeout());
        tied.put(BODY_TIMEOUT, SERVER_DEFAULTS.bodyTimeout());
        tied.put(IDLE_TIMEOUT, SERVER_DEFAULTS.idleTimeout());
        tied.put(SHUTDOWN_GRACE, SERVER_DEFAULTS.shutdownGrace());
        tied.put(PAGE_SIZE, SERVER_DEFAULTS.pageSize());
        tied.put(MAX_PAGE_SIZE, SERVER_DEFAULTS.maxPageSize());
        tied.put(MANAGEMENT_PORT, SERVER_DEFAULTS.managementPort());

        tied.put(MAX_SIZE, POOL_DEFAULTS.maxSize());
        tied.put(CONNECT_TIMEOUT, POOL_DEFAULTS.connectTimeout());
        tied.put(POOL_IDLE_TIMEOUT, POOL_DEFAULTS.idleTimeout());
        tied.put(MAX_LIFETIME, POOL_DEFAULTS.maxLifetime());
        tied.put(LEAK_DETECTION, POOL_DEFAULTS.leakDetection());

        tied.put(LIVE, PROBE_DEFAULTS.live());
        tied.put(READY, PROBE_DEFAULTS.ready());
        tied.put(STARTUP, PROBE_DEFAULTS.startup());
        tied.put(PROBE_TIMEOUT, PROBE_DEFAULTS.timeout());

        tied.put(AUDIENCE, JWT_DEFAULTS.audience());
        tied.put(JWKS_URL, JWT_DEFAULTS.jwksUrl());
        tied.put(PUBLIC_KEY, JWT_DEFAULTS.publicKeyPem());
        tied.put(ALGORITHMS, JWT_DEFAULTS.algorithms());
        tied.put(CLOCK_SKEW, JWT_DEFAULTS.clockSkew());
        tied.put(ROLES_CLAIM, JWT_DEFAULTS.rolesClaim());

        tied.put(BY, RATE_LIMIT_DEFAULTS.key());

        tied.put(METHODS, CORS_DEFAULTS.methods());
        // the checker always adds Authorization to the written (or default) headers, as the runtime's default has it
        tied.put(
                HEADERS,
                CORS_DEFAULTS.headers().stream()
                        .filter(h -> !h.equals("Authorization"))
                        .toList());
        tied.put(CREDENTIALS, CORS_DEFAULTS.credentials());
        tied.put(MAX_AGE, CORS_DEFAULTS.maxAge());
        return tied;
    }

    /** The keys of those blocks that have no runtime default to tie, and why. */
    private static final Map<Key, String> UNTIED = Map.ofEntries(
            Map.entry(IO_THREADS, "the machine's cores: derived, by the runtime alone"),
            Map.entry(WORKER_THREADS, "cores × 8: derived, by the runtime alone"),
            Map.entry(MIN_IDLE, "= max_size: a rule, asserted by defaultsThatAreRulesAgree"),
            Map.entry(CHECKS, "all stores: the core lists them, the runtime's empty means every store"),
            Map.entry(HEADER, "the runtime has no default header; the generated Main always names it"),
            Map.entry(CLIENTS, "required"),
            Map.entry(ISSUER, "required"),
            Map.entry(PER_SECOND, "required"),
            Map.entry(BURST, "= per_second: a rule, asserted by defaultsThatAreRulesAgree"),
            Map.entry(ORIGINS, "required"));

    private static final List<BlockSchema> RUNTIME_BLOCKS =
            List.of(SERVER, POOL, PROBES, API_KEYS, JWT, RATE_LIMIT, CORS);

    @Test
    void everyRuntimeDefaultEqualsTheSchemasDefault() {
        SoftAssertions softly = new SoftAssertions();
        tied().forEach((key, runtime) -> softly.assertThat(runtime(runtime))
                .as("the runtime's default of %s (the schema says %s)", key.name(), key.defaultText())
                .isEqualTo(schema(key)));
        softly.assertAll();
    }

    @Test
    void everyKeyOfABlockTheRuntimeConfiguresIsTiedOrSaysWhyNot() {
        Map<Key, Object> tied = tied();
        for (BlockSchema block : RUNTIME_BLOCKS) {
            for (Key key : block.keys()) {
                assertThat(tied.containsKey(key) || UNTIED.containsKey(key))
                        .as(
                                "%s.%s: tie its runtime default in tied(), or say in UNTIED why it has none",
                                block.name(), key.name())
                        .isTrue();
                assertThat(tied.containsKey(key) && UNTIED.containsKey(key))
                        .as("%s.%s is both tied and untied", block.name(), key.name())
                        .isFalse();
            }
        }
    }

    @Test
    void defaultsThatAreRulesAgree() {
        assertThat(MIN_IDLE.defaultText()).isEqualTo("= max_size");
        assertThat(POOL_DEFAULTS.minIdle()).isEqualTo(POOL_DEFAULTS.maxSize());
        assertThat(BURST.defaultText()).isEqualTo("= per_second");
        assertThat(RATE_LIMIT_DEFAULTS.burst()).isEqualTo(RATE_LIMIT_DEFAULTS.perSecond());
    }

    @Test
    void theRuntimeAcceptsExactlyTheAlgorithmsTheSchemaOffers() {
        assertThat(JwtConfig.ALLOWED_ALGORITHMS).containsExactlyInAnyOrderElementsOf(ALGORITHMS.choices());
    }

    /** The schema's default as the checker reads it, with "no value" as {@link #ABSENT}. */
    private static Object schema(Key key) {
        if (key.defaultText().equals("none")) return ABSENT;
        Object value = Defaults.of(key)
                .orElseThrow(
                        () -> new AssertionError("the schema's default of " + key.name() + " is no value: untie it"));
        return value == CheckedBlock.OFF ? ABSENT : value;
    }

    /** A runtime value in the checker's terms: whole numbers as Long, enums by their lower-case name, empties absent. */
    private static Object runtime(Object value) {
        if (value instanceof Integer i) return (long) i;
        if (value instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT);
        if (value instanceof OptionalInt o) return o.isPresent() ? (long) o.getAsInt() : ABSENT;
        if (value instanceof Optional<?> o) return o.isPresent() ? runtime(o.get()) : ABSENT;
        return value;
    }
}
