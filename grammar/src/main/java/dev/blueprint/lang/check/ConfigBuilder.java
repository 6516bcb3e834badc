package dev.blueprint.lang.check;

import static dev.blueprint.lang.settings.Schema.*;

import dev.blueprint.lang.model.Name;
import dev.blueprint.lang.model.ServiceDecl;
import dev.blueprint.lang.model.Setting;
import dev.blueprint.lang.model.SettingsDecl;
import dev.blueprint.lang.model.StoreDecl;
import dev.blueprint.lang.naming.Identifiers;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.settings.Configured;
import dev.blueprint.lang.settings.Format;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.lang.settings.ServiceConfig;
import dev.blueprint.lang.settings.ServiceConfig.Engine;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks every settings block, then builds the effective {@link ServiceConfig} (written
 * values over the schema's defaults) and makes the cross-block checks: pool bounds and the
 * production-readiness warnings of the reference, each at the setting given last.
 */
final class ConfigBuilder {
    private final Program program;
    private final List<Diagnostic> out;
    private final SettingsChecker settings;

    /** A checked block and the file it stands in. */
    private record Located(Path file, CheckedBlock block) {
        Optional<Span> at(Key key) {
            return block.setting(key).map(Setting::span);
        }

        Span keyAt(Key key) {
            return block.setting(key).map(s -> s.key().span()).orElse(Span.EMPTY);
        }
    }

    ConfigBuilder(Program program, List<Diagnostic> out) {
        this.program = program;
        this.out = out;
        this.settings = new SettingsChecker(out);
    }

    ServiceConfig build() {
        Optional<ServiceDecl> serviceDecl = program.service();
        Located service = serviceDecl
                .map(s -> new Located(program.fileOf(s), settings.check(program.fileOf(s), s.body(), SERVICE)))
                .orElse(new Located(program.root(), CheckedBlock.EMPTY));
        Located server = block(SettingsDecl.Kind.SERVER);
        Located probes = block(SettingsDecl.Kind.PROBES);
        Located deploy = block(SettingsDecl.Kind.DEPLOY);

        String name =
                serviceDecl.map(s -> s.name().text()).filter(n -> !n.isEmpty()).orElse("Service");
        List<ServiceConfig.Store> stores = new ArrayList<>();
        List<Located> storeBlocks = new ArrayList<>();
        for (StoreDecl decl : program.stores()) {
            if (decl.name().isMissing()) {
                continue;
            }
            Located store = new Located(program.fileOf(decl), settings.check(program.fileOf(decl), decl.body(), STORE));
            stores.add(store(decl.name(), store));
            storeBlocks.add(store);
        }
        if (stores.isEmpty()) {
            Located implicit = new Located(program.root(), CheckedBlock.EMPTY);
            stores.add(store(new Name("main", Span.EMPTY), implicit));
            storeBlocks.add(implicit);
        }

        ServiceConfig.Server serverConfig = new ServiceConfig.Server(
                intOf(server, PORT),
                server.block().value(MANAGEMENT_PORT, Long.class).map(Long::intValue),
                server.block().value(IO_THREADS, Long.class).map(Long::intValue),
                server.block().value(WORKER_THREADS, Long.class).map(Long::intValue),
                longOf(server, MAX_BODY),
                durationOf(server, REQUEST_TIMEOUT),
                durationOf(server, HEADER_TIMEOUT),
                durationOf(server, BODY_TIMEOUT),
                durationOf(server, IDLE_TIMEOUT),
                durationOf(server, SHUTDOWN_GRACE),
                intOf(server, PAGE_SIZE),
                intOf(server, MAX_PAGE_SIZE));
        if (serverConfig.managementPort().equals(Optional.of(serverConfig.port()))) {
            out.add(
                    Diagnostic.of(
                            Code.MANAGEMENT_PORT_CLASH,
                            server.file(),
                            server.keyAt(MANAGEMENT_PORT),
                            "management_port " + serverConfig.port()
                                    + " is the main port; choose another, or remove it to serve probes and metrics on the main port"));
        }
        if (serverConfig.pageSize() > serverConfig.maxPageSize()) {
            Key at = server.block().isWritten(PAGE_SIZE) ? PAGE_SIZE : MAX_PAGE_SIZE;
            out.add(Diagnostic.of(
                    Code.OUT_OF_RANGE,
                    server.file(),
                    server.at(at).orElse(Span.EMPTY),
                    "page_size " + serverConfig.pageSize() + " is above max_page_size " + serverConfig.maxPageSize()));
        }

        @SuppressWarnings("unchecked")
        List<String> checks = probes.block()
                .value(CHECKS, List.class)
                .map(l -> (List<String>) l)
                .orElse(stores.stream().map(ServiceConfig.Store::name).toList());
        ServiceConfig.Probes probeConfig = new ServiceConfig.Probes(
                stringOf(probes, LIVE),
                stringOf(probes, READY),
                stringOf(probes, STARTUP),
                checks,
                durationOf(probes, PROBE_TIMEOUT));
        checkProbePaths(probes, probeConfig);

        boolean allEmbedded = stores.stream().allMatch(s -> s.engine() == Engine.H2);
        int replicas = deploy.block()
                .value(REPLICAS, Long.class)
                .map(Long::intValue)
                .orElse(allEmbedded ? 1 : intOf(deploy, REPLICAS));
        long[] autoscale = deploy.block().value(AUTOSCALE, long[].class).orElse(null);
        String image = deploy.block()
                .value(IMAGE, Configured.class)
                .flatMap(Configured::written)
                .filter(s -> !s.isBlank())
                .orElse(Identifiers.kebab(name));
        ServiceConfig.Deploy deployConfig = new ServiceConfig.Deploy(
                image,
                replicas,
                (int) longOf(deploy, CPU),
                (int) longOf(deploy, CPU_LIMIT),
                longOf(deploy, MEMORY),
                longOf(deploy, MEMORY_LIMIT),
                autoscale == null ? Optional.empty() : Optional.of((int) autoscale[0]),
                autoscale == null ? Optional.empty() : Optional.of((int) autoscale[1]),
                intOf(deploy, TARGET_CPU));
        if (deployConfig.cpuMillis() > deployConfig.cpuLimitMillis()) {
            out.add(Diagnostic.of(
                    Code.OUT_OF_RANGE,
                    deploy.file(),
                    deploy.at(deploy.block().isWritten(CPU_LIMIT) ? CPU_LIMIT : CPU)
                            .orElse(Span.EMPTY),
                    "cpu " + Format.base(CPU.kind(), deployConfig.cpuMillis()) + " is above cpu_limit "
                            + Format.base(CPU.kind(), deployConfig.cpuLimitMillis())));
        }
        if (deployConfig.memoryBytes() > deployConfig.memoryLimitBytes()) {
            out.add(Diagnostic.of(
                    Code.OUT_OF_RANGE,
                    deploy.file(),
                    deploy.at(deploy.block().isWritten(MEMORY_LIMIT) ? MEMORY_LIMIT : MEMORY)
                            .orElse(Span.EMPTY),
                    "memory " + Format.size(deployConfig.memoryBytes()) + " is above memory_limit "
                            + Format.size(deployConfig.memoryLimitBytes())));
        }

        String javaPackage = service.block().value(PACKAGE, String.class).orElse(derivedPackage(name));
        ServiceConfig config = new ServiceConfig(
                name,
                service.block().value(VERSION, String.class).orElse(Defaults.of(VERSION, String.class)),
                javaPackage,
                service.block().value(DESCRIPTION, String.class).orElse(""),
                serverConfig,
                stores,
                probeConfig,
                deployConfig,
                new SecurityChecker(program, out).check());
        capacityWarnings(config, server, storeBlocks, probes, deploy);
        return config;
    }

    private Located block(SettingsDecl.Kind kind) {
        return program.settings(kind)
                .map(d ->
                        new Located(program.fileOf(d), settings.check(program.fileOf(d), d.body(), blockSchema(kind))))
                .orElse(new Located(program.root(), CheckedBlock.EMPTY));
    }

    private static dev.blueprint.lang.settings.BlockSchema blockSchema(SettingsDecl.Kind kind) {
        return switch (kind) {
            case SERVER -> SERVER;
            case PROBES -> PROBES;
            case DEPLOY -> DEPLOY;
            case SECURITY -> SECURITY;
        };
    }

    private ServiceConfig.Store store(Name name, Located store) {
        CheckedBlock b = store.block();
        Engine engine = "postgres".equals(b.value(ENGINE, String.class).orElse(Defaults.of(ENGINE, String.class)))
                ? Engine.POSTGRES
                : Engine.H2;
        Configured url = b.value(URL, Configured.class).orElse(null);
        if (engine == Engine.POSTGRES
                && url == null
                && !b.isWritten(URL)
                && !name.isMissing()
                && name.span().length() > 0) {
            out.add(Diagnostic.of(
                    Code.MISSING_SETTING,
                    store.file(),
                    name.span(),
                    "store '" + name + "' uses postgres and needs a url, like url env(\"DATABASE_URL\")"));
        }
        String written = url == null ? null : url.written().orElse(null);
        String scheme = engine == Engine.POSTGRES ? "jdbc:postgresql:" : "jdbc:h2:";
        if (written != null && !written.isEmpty() && !written.startsWith(scheme)) {
            out.add(Diagnostic.of(
                    Code.WRONG_VALUE_TYPE,
                    store.file(),
                    store.block().setting(URL).map(s -> s.value().span()).orElse(Span.EMPTY),
                    "the url of " + (engine == Engine.POSTGRES ? "a postgres" : "an h2") + " store starts with '"
                            + scheme + "', not \"" + written + "\""));
        }
        Configured password = b.value(PASSWORD, Configured.class).orElse(null);
        if (password != null
                && !password.fromEnv()
                && !password.literal().orElseThrow().isEmpty()) {
            out.add(Diagnostic.of(
                    Code.LITERAL_SECRET,
                    store.file(),
                    store.at(PASSWORD).orElse(Span.EMPTY),
                    "the password of store '" + name + "' is written in the file; use env(\"DATABASE_PASSWORD\")"));
        }
        Located pool = new Located(store.file(), b.nested(POOL_BLOCK));
        int maxSize = intOf(pool, MAX_SIZE);
        int minIdle =
                pool.block().value(MIN_IDLE, Long.class).map(Long::intValue).orElse(maxSize);
        if (minIdle > maxSize && pool.block().isWritten(MIN_IDLE)) {
            out.add(Diagnostic.of(
                    Code.MIN_IDLE_ABOVE_MAX,
                    store.file(),
                    pool.at(MIN_IDLE).orElse(Span.EMPTY),
                    "min_idle " + minIdle + " is above max_size " + maxSize
                            + "; a pool never keeps more idle connections than it may open"));
        }
        Object leak = pool.block().value(LEAK_DETECTION).orElse(CheckedBlock.OFF);
        ServiceConfig.Pool poolConfig = new ServiceConfig.Pool(
                Math.min(minIdle, maxSize),
                maxSize,
                durationOf(pool, CONNECT_TIMEOUT),
                durationOf(pool, POOL_IDLE_TIMEOUT),
                durationOf(pool, MAX_LIFETIME),
                leak instanceof Duration d ? Optional.of(d) : Optional.empty());
        return new ServiceConfig.Store(
                name.text(),
                engine,
                Optional.ofNullable(url),
                b.value(USER, Configured.class),
                Optional.ofNullable(password),
                b.value(MAX_CONNECTIONS, Long.class).map(Long::intValue),
                poolConfig);
    }

    private void checkProbePaths(Located probes, ServiceConfig.Probes config) {
        List<String> seen = new ArrayList<>();
        for (Key key : List.of(LIVE, READY, STARTUP)) {
            String path = stringOf(probes, key);
            if (seen.contains(path) && probes.block().isWritten(key)) {
                out.add(Diagnostic.of(
                        Code.BAD_PATH,
                        probes.file(),
                        probes.at(key).orElse(Span.EMPTY),
                        "the " + key.name() + " probe uses the same path as another probe: \"" + path + "\""));
            }
            seen.add(path);
        }
    }

    private void capacityWarnings(
            ServiceConfig config, Located server, List<Located> storeBlocks, Located probes, Located deploy) {
        Optional<Integer> workerThreads = config.server().workerThreads();
        boolean replicasWritten = deploy.block().isWritten(REPLICAS);
        boolean autoscaleWritten = deploy.block().value(AUTOSCALE, long[].class).isPresent();
        int maxInstances = config.deploy()
                .autoscaleMax()
                .map(max -> Math.max(max, config.deploy().replicas()))
                .orElse(config.deploy().replicas());
        Key instancesKey = autoscaleWritten ? AUTOSCALE : REPLICAS;

        for (int i = 0; i < config.stores().size(); i++) {
            ServiceConfig.Store store = config.stores().get(i);
            Located block = storeBlocks.get(i);
            Located pool = new Located(block.file(), block.block().nested(POOL_BLOCK));
            Span storeName = program.stores().stream()
                    .filter(s -> s.name().text().equals(store.name()))
                    .findFirst()
                    .map(s -> s.name().span())
                    .orElse(Span.EMPTY);

            if (workerThreads.isPresent()
                    && server.block().isWritten(WORKER_THREADS)
                    && store.pool().maxSize() > workerThreads.get()) {
                int workers = workerThreads.get();
                boolean poolLast = pool.block().isWritten(MAX_SIZE);
                out.add(Diagnostic.of(
                        Code.POOL_ABOVE_WORKERS,
                        poolLast ? block.file() : server.file(),
                        poolLast ? pool.keyAt(MAX_SIZE) : server.keyAt(WORKER_THREADS),
                        "pool max_size " + store.pool().maxSize() + " of store '" + store.name()
                                + "' is above worker_threads " + workers + ": at most " + workers
                                + " connections can ever be in use"));
            }
            if (store.maxConnections().isPresent()
                    && (long) maxInstances * store.pool().maxSize()
                            > store.maxConnections().get()) {
                long demand = (long) maxInstances * store.pool().maxSize();
                boolean deployLast = replicasWritten || autoscaleWritten;
                String instances =
                        autoscaleWritten ? "the autoscale maximum " + maxInstances : maxInstances + " replicas";
                out.add(Diagnostic.of(
                        Code.POOL_ABOVE_CONNECTIONS,
                        deployLast ? deploy.file() : block.file(),
                        deployLast ? deploy.keyAt(instancesKey) : block.keyAt(MAX_CONNECTIONS),
                        instances + " × pool max_size " + store.pool().maxSize() + " = " + demand
                                + " connections, above max_connections "
                                + store.maxConnections().get() + " of store '"
                                + store.name() + "'"));
            }
            if (store.engine() == Engine.H2 && maxInstances > 1) {
                boolean engineWritten = block.block().isWritten(ENGINE);
                out.add(Diagnostic.of(
                        Code.EMBEDDED_STORE_REPLICATED,
                        engineWritten ? block.file() : deploy.file(),
                        engineWritten ? block.at(ENGINE).orElse(storeName) : deploy.keyAt(instancesKey),
                        "store '" + store.name() + "' is embedded h2 but " + maxInstances
                                + " replicas may run: each gets its own database; use postgres"));
            }
            Duration request = config.server().requestTimeout();
            Duration connect = store.pool().connectTimeout();
            if (request.compareTo(connect) <= 0) {
                boolean requestWritten = server.block().isWritten(REQUEST_TIMEOUT);
                out.add(Diagnostic.of(
                        Code.REQUEST_TIMEOUT_TOO_SHORT,
                        requestWritten ? server.file() : block.file(),
                        requestWritten ? server.keyAt(REQUEST_TIMEOUT) : pool.keyAt(CONNECT_TIMEOUT),
                        "request_timeout " + Format.duration(request) + " is not above connect_timeout "
                                + Format.duration(connect) + " of store '" + store.name()
                                + "': a request can time out while still waiting for a connection"));
            }
        }
        if (probes.block().isWritten(CHECKS) && config.probes().checks().isEmpty()) {
            out.add(Diagnostic.of(
                    Code.READINESS_CHECKS_NOTHING,
                    probes.file(),
                    probes.keyAt(CHECKS),
                    "readiness checks no store: the service reports ready while its database is down"));
        }
    }

    private static int intOf(Located b, Key key) {
        return (int) longOf(b, key);
    }

    private static long longOf(Located b, Key key) {
        return b.block().value(key, Long.class).orElseGet(() -> Defaults.of(key, Long.class));
    }

    private static Duration durationOf(Located b, Key key) {
        return b.block().value(key, Duration.class).orElseGet(() -> Defaults.of(key, Duration.class));
    }

    private static String stringOf(Located b, Key key) {
        return b.block().value(key, String.class).orElseGet(() -> Defaults.of(key, String.class));
    }

    /** "AutoShop" becomes "com.example.autoshop". */
    static String derivedPackage(String name) {
        String segment = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "");
        if (segment.isEmpty() || !Character.isLetter(segment.charAt(0))) {
            segment = "service" + segment;
        }
        return "com.example." + segment;
    }
}
