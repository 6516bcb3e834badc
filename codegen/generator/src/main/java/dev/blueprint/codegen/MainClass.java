package dev.blueprint.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.lang.check.Defaults;
import dev.blueprint.lang.settings.Configured;
import dev.blueprint.lang.settings.Schema;
import dev.blueprint.lang.settings.ServiceConfig;
import java.time.Duration;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Writes {@code Main}: the service's settings, stores, probes and security as runtime calls, and its APIs registered. */
final class MainClass {

    private static final ClassName SERVICE = ClassName.get(JavaContext.RUNTIME, "Service");
    private static final ClassName ENVIRONMENT = ClassName.get(JavaContext.RUNTIME, "Environment");
    private static final ClassName SERVER_CONFIG = ClassName.get(JavaContext.RUNTIME, "ServerConfig");
    private static final ClassName STORE_CONFIG = ClassName.get(JavaContext.RUNTIME, "StoreConfig");
    private static final ClassName POOL_CONFIG = ClassName.get(JavaContext.RUNTIME, "PoolConfig");
    private static final ClassName PROBE_CONFIG = ClassName.get(JavaContext.RUNTIME, "ProbeConfig");
    private static final ClassName DATABASE = ClassName.get(JavaContext.RUNTIME, "Database");
    private static final ClassName SECURITY_CONFIG = ClassName.get(JavaContext.RUNTIME, "SecurityConfig");
    private static final ClassName API_KEY_CONFIG = ClassName.get(JavaContext.RUNTIME, "ApiKeyConfig");
    private static final ClassName JWT_CONFIG = ClassName.get(JavaContext.RUNTIME, "JwtConfig");
    private static final ClassName RATE_LIMIT_CONFIG = ClassName.get(JavaContext.RUNTIME, "RateLimitConfig");
    private static final ClassName CORS_CONFIG = ClassName.get(JavaContext.RUNTIME, "CorsConfig");

    private final JavaContext context;
    private final ServiceSpec spec;
    private final Naming names;
    private final String pkg;

    MainClass(JavaContext context) {
        this.context = context;
        this.spec = context.spec();
        this.names = context.names();
        this.pkg = context.pkg();
    }

    /** The {@code Main} class. */
    TypeSpec main() {
        ServiceConfig.Server server = spec.config().server();
        CodeBlock.Builder serverConfig =
                CodeBlock.builder().add("$T.defaults()", SERVER_CONFIG).indent();
        serverConfig.add("\n.port($L)", server.port());
        server.managementPort().ifPresent(n -> serverConfig.add("\n.managementPort($L)", n));
        server.ioThreads().ifPresent(n -> serverConfig.add("\n.ioThreads($L)", n));
        server.workerThreads().ifPresent(n -> serverConfig.add("\n.workerThreads($L)", n));
        serverConfig.add("\n.maxBodyBytes($LL)", server.maxBodyBytes());
        serverConfig.add("\n.requestTimeout($L)", duration(server.requestTimeout()));
        serverConfig.add("\n.headerTimeout($L)", duration(server.headerTimeout()));
        serverConfig.add("\n.bodyTimeout($L)", duration(server.bodyTimeout()));
        serverConfig.add("\n.idleTimeout($L)", duration(server.idleTimeout()));
        serverConfig.add("\n.shutdownGrace($L)", duration(server.shutdownGrace()));
        serverConfig.add("\n.maxPageSize($L)", server.maxPageSize());
        serverConfig.add("\n.pageSize($L)", server.pageSize());
        serverConfig.unindent();

        CodeBlock.Builder build = CodeBlock.builder()
                .add(
                        "$T service = $T.builder($S, $S)\n",
                        SERVICE,
                        SERVICE,
                        spec.config().name(),
                        spec.config().version())
                .indent()
                .indent()
                .add(".environment(environment)\n")
                .add(".server($L)\n", serverConfig.build());
        boolean first = true;
        for (ServiceConfig.Store store : spec.config().stores()) {
            build.add(".store($L)\n", store(store, first));
            first = false;
        }
        ServiceConfig.Probes probes = spec.config().probes();
        CodeBlock.Builder probeConfig = CodeBlock.builder().add("$T.defaults()", PROBE_CONFIG);
        // ProbeConfig.defaults() has the schema's paths (RuntimeDefaultsTest): only other paths are written
        if (!probes.live().equals(Defaults.of(Schema.LIVE, String.class))) probeConfig.add(".live($S)", probes.live());
        if (!probes.ready().equals(Defaults.of(Schema.READY, String.class)))
            probeConfig.add(".ready($S)", probes.ready());
        if (!probes.startup().equals(Defaults.of(Schema.STARTUP, String.class)))
            probeConfig.add(".startup($S)", probes.startup());
        if (probes.checks().isEmpty()) {
            // .checks() with no argument would be the record's accessor
            probeConfig.add(".checks(new String[0])");
        } else {
            probeConfig.add(
                    ".checks($L)",
                    CodeBlock.join(
                            probes.checks().stream()
                                    .map(c -> CodeBlock.of("$S", c))
                                    .toList(),
                            ", "));
        }
        probeConfig.add(".timeout($L)", duration(probes.timeout()));
        build.add(".probes($L)\n", probeConfig.build());
        if (spec.config().security().enforced())
            build.add(".security($L)\n", security(spec.config().security()));
        build.add(".openApi($S)\n", "openapi.json")
                .add(".build();\n")
                .unindent()
                .unindent();

        List<String> required = Secrets.of(spec).stream()
                .filter(s -> s.required() && !s.database())
                .map(Secrets.Secret::variable)
                .toList();
        MethodSpec.Builder create = MethodSpec.methodBuilder("create")
                .addJavadoc("The service as the blueprint describes it; {@code environment} overrides its settings.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(SERVICE)
                .addParameter(ENVIRONMENT, "environment")
                .addCode(build.build());
        if (!required.isEmpty()) {
            create.addJavadoc("\n@throws IllegalStateException when the environment lacks $L\n", or(required));
        }
        List<EntitySpec> exposed = spec.entities().stream()
                .filter(e -> !context.endpointsOf(e).isEmpty())
                .toList();
        if (!exposed.isEmpty()) {
            create.addStatement("$T db = service.database()", DATABASE);
            CodeBlock.Builder register = CodeBlock.builder().add("return service");
            for (EntitySpec e : exposed) {
                register.add(
                        "\n.register(new $T(new $T(db)))",
                        ClassName.get(pkg, names.apiClass(e.name())),
                        ClassName.get(pkg, names.repositoryClass(e.name())));
            }
            create.addStatement("$L", register.build());
        } else {
            create.addStatement("return service");
        }
        return TypeSpec.classBuilder("Main")
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(
                        "Starts $L $L. Environment variables such as PORT and DATABASE_URL override the blueprint's settings.\n",
                        spec.config().name(),
                        spec.config().version())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build())
                .addMethod(MethodSpec.methodBuilder("main")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addParameter(String[].class, "args")
                        .addStatement("create($T.system()).run()", ENVIRONMENT)
                        .build())
                .addMethod(create.build())
                .build();
    }

    private CodeBlock store(ServiceConfig.Store store, boolean isDefault) {
        CodeBlock.Builder code = CodeBlock.builder();
        if (store.engine() == ServiceConfig.Engine.H2 && store.url().isEmpty()) {
            code.add("$T.h2($S)", STORE_CONFIG, store.name());
        } else if (store.engine() == ServiceConfig.Engine.H2) {
            code.add(
                    "$T.h2($S).url($L)",
                    STORE_CONFIG,
                    store.name(),
                    text(store.url().get()));
        } else {
            code.add(
                    "$T.postgres($S, $L)",
                    STORE_CONFIG,
                    store.name(),
                    text(store.url().orElseThrow()));
        }
        code.indent();
        store.user().ifPresent(user -> code.add("\n.user($L)", text(user)));
        store.password().ifPresent(password -> code.add("\n.password($L)", text(password)));
        ServiceConfig.Pool pool = store.pool();
        code.add("\n.pool($T.defaults()$>", POOL_CONFIG)
                .add("\n.maxSize($L)", pool.maxSize())
                .add("\n.minIdle($L)", pool.minIdle())
                .add("\n.connectTimeout($L)", duration(pool.connectTimeout()))
                .add("\n.idleTimeout($L)", duration(pool.idleTimeout()))
                .add("\n.maxLifetime($L)", duration(pool.maxLifetime()));
        pool.leakDetection().ifPresent(d -> code.add("\n.leakDetection($L)", duration(d)));
        code.add(")$<");
        if (isDefault && !spec.entities().isEmpty()) code.add("\n.migrations($S)", "db/migration");
        code.unindent();
        return code.build();
    }

    /**
     * {@code SecurityConfig.none().apiKeys(…).jwt(…).rateLimit(…).cors(…)}: the parts the blueprint configures, every
     * value written out (defaults included), so that Main states the whole policy.
     */
    private static CodeBlock security(ServiceConfig.Security security) {
        CodeBlock.Builder code =
                CodeBlock.builder().add("$T.none()", SECURITY_CONFIG).indent();
        security.apiKeys().ifPresent(keys -> {
            code.add("\n.apiKeys($T.header($S)$>", API_KEY_CONFIG, keys.header());
            for (ServiceConfig.ApiClient client : keys.clients()) {
                code.add("\n.client($S, $L", client.name(), secret(client.key()));
                if (!client.roles().isEmpty()) code.add(", $L", JavaContext.strings(client.roles()));
                code.add(")");
            }
            code.add(")$<");
        });
        security.jwt().ifPresent(jwt -> {
            code.add("\n.jwt($T.issuer($S)$>", JWT_CONFIG, jwt.issuer());
            jwt.audience().ifPresent(audience -> code.add("\n.audience($S)", audience));
            jwt.jwksUrl().ifPresent(url -> code.add("\n.jwksUrl($S)", url));
            jwt.publicKey().ifPresent(pem -> code.add("\n.publicKeyPem($L)", secret(pem)));
            code.add("\n.algorithms($L)", JavaContext.strings(jwt.algorithms()))
                    .add("\n.clockSkew($L)", duration(jwt.clockSkew()))
                    .add("\n.rolesClaim($S))$<", jwt.rolesClaim());
        });
        security.rateLimit()
                .ifPresent(limit -> code.add(
                        "\n.rateLimit($T.perSecond($L).burst($L).$L())",
                        RATE_LIMIT_CONFIG,
                        limit.perSecond(),
                        limit.burst(),
                        limit.by() == ServiceConfig.RateKey.ADDRESS ? "byAddress" : "byClient"));
        security.cors().ifPresent(cors -> {
            code.add("\n.cors($T.origins($L)$>", CORS_CONFIG, JavaContext.strings(cors.origins()));
            // an empty list is left out: .methods() with no argument would be the record's accessor
            if (!cors.methods().isEmpty()) code.add("\n.methods($L)", JavaContext.strings(cors.methods()));
            if (!cors.headers().isEmpty()) code.add("\n.headers($L)", JavaContext.strings(cors.headers()));
            if (cors.credentials()) code.add("\n.credentials(true)");
            code.add("\n.maxAge($L))$<", duration(cors.maxAge()));
        });
        return code.unindent().build();
    }

    /**
     * A secret (an API key, a PEM): a literal, {@code environment.get("NAME", "fallback")}, or
     * {@code environment.require("NAME")}, which fails at start with a message naming the variable when it is unset.
     */
    private static CodeBlock secret(Configured text) {
        if (text.env().isPresent() && text.fallback().isEmpty())
            return CodeBlock.of("environment.require($S)", text.env().get());
        return text(text);
    }

    /** A string setting: a literal, or {@code environment.get("NAME", "fallback")}. */
    private static CodeBlock text(Configured text) {
        if (text.literal().isPresent()) return CodeBlock.of("$S", text.literal().get());
        return CodeBlock.of(
                "environment.get($S, $S)",
                text.env().orElseThrow(),
                text.fallback().orElse(""));
    }

    /** {@code A}, {@code A or B}, {@code A, B or C}. */
    private static String or(List<String> words) {
        if (words.size() == 1) return words.get(0);
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static CodeBlock duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) return CodeBlock.of("$T.ofHours($L)", Duration.class, ms / 3_600_000);
        if (ms % 60_000 == 0 && ms > 0) return CodeBlock.of("$T.ofMinutes($L)", Duration.class, ms / 60_000);
        if (ms % 1_000 == 0) return CodeBlock.of("$T.ofSeconds($L)", Duration.class, ms / 1_000);
        return CodeBlock.of("$T.ofMillis($L)", Duration.class, ms);
    }
}
