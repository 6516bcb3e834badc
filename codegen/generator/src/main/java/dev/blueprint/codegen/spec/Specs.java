package dev.blueprint.codegen.spec;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.Attribute;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.EnumDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.Name;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.model.Value;
import dev.blueprint.lang.resolve.FieldType;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.settings.Configured;
import dev.blueprint.lang.settings.ServiceConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the generator's {@link ServiceSpec} from an error-free {@link Analysis}. */
public final class Specs {

    private Specs() {}

    /** The spec of {@code analysis}; refuses an analysis with errors, which the generator must never see. */
    public static ServiceSpec from(Analysis analysis) {
        if (analysis.hasErrors()) throw new IllegalArgumentException("the program has errors; check it first");
        Program program = analysis.program();
        ServiceConfig config = analysis.config();
        List<ServiceSpec.EnumSpec> enums = new ArrayList<>();
        for (EnumDecl e : program.enums()) {
            enums.add(new ServiceSpec.EnumSpec(
                    e.name().text(), e.members().stream().map(Name::text).toList(), doc(e.doc())));
        }
        List<ServiceSpec.EntitySpec> entities = new ArrayList<>();
        for (EntityDecl e : program.entities()) {
            List<ServiceSpec.FieldSpec> fields = new ArrayList<>();
            for (Field f : e.fields()) fields.add(field(program, f));
            entities.add(new ServiceSpec.EntitySpec(e.name().text(), fields, doc(e.doc())));
        }
        List<ServiceSpec.EndpointSpec> endpoints = new ArrayList<>();
        for (ApiDecl api : program.apis()) {
            for (Endpoint endpoint : Endpoint.of(api)) endpoints.add(endpoint(endpoint));
        }
        ServiceConfig.Server s = config.server();
        ServiceSpec.Server server = new ServiceSpec.Server(
                s.port(),
                Optional.ofNullable(s.managementPort()),
                Optional.ofNullable(s.ioThreads()),
                Optional.ofNullable(s.workerThreads()),
                s.maxBodyBytes(),
                s.requestTimeout(),
                s.idleTimeout(),
                s.shutdownGrace(),
                s.pageSize(),
                s.maxPageSize());
        List<ServiceSpec.Store> stores =
                config.stores().stream().map(Specs::store).toList();
        ServiceConfig.Probes p = config.probes();
        ServiceSpec.Probes probes = new ServiceSpec.Probes(p.live(), p.ready(), p.startup(), p.checks(), p.timeout());
        ServiceConfig.Deploy d = config.deploy();
        ServiceSpec.Deploy deploy = new ServiceSpec.Deploy(
                d.image(),
                d.replicas(),
                d.cpuMillis(),
                d.cpuLimitMillis(),
                d.memoryBytes(),
                d.memoryLimitBytes(),
                Optional.ofNullable(d.autoscaleMin()),
                Optional.ofNullable(d.autoscaleMax()),
                d.targetCpuPercent());
        return new ServiceSpec(
                config.name(),
                config.version(),
                config.javaPackage(),
                config.description() == null ? "" : config.description(),
                server,
                stores,
                probes,
                deploy,
                security(config.security()),
                enums,
                entities,
                endpoints,
                source(program));
    }

    private static ServiceSpec.Security security(ServiceConfig.Security s) {
        Optional<ServiceSpec.ApiKeys> apiKeys = Optional.ofNullable(s.apiKeys())
                .map(k -> new ServiceSpec.ApiKeys(
                        k.header(),
                        k.clients().stream()
                                .map(c -> new ServiceSpec.ApiClient(
                                        c.name(), text(c.key()).orElseThrow(), c.roles()))
                                .toList()));
        Optional<ServiceSpec.Jwt> jwt = Optional.ofNullable(s.jwt())
                .map(j -> new ServiceSpec.Jwt(
                        j.issuer(),
                        Optional.ofNullable(j.audience()),
                        Optional.ofNullable(j.jwksUrl()),
                        text(j.publicKey()),
                        j.algorithms(),
                        j.clockSkew(),
                        j.rolesClaim()));
        Optional<ServiceSpec.RateLimit> rateLimit = Optional.ofNullable(s.rateLimit())
                .map(r -> new ServiceSpec.RateLimit(
                        r.perSecond(),
                        r.burst(),
                        r.by() == ServiceConfig.RateKey.ADDRESS
                                ? ServiceSpec.RateKey.ADDRESS
                                : ServiceSpec.RateKey.CLIENT));
        Optional<ServiceSpec.Cors> cors = Optional.ofNullable(s.cors())
                .map(c -> new ServiceSpec.Cors(c.origins(), c.methods(), c.headers(), c.credentials(), c.maxAge()));
        return new ServiceSpec.Security(s.roles(), apiKeys, jwt, rateLimit, cors);
    }

    /** The blueprint a program came from: its root file's name and {@link #fingerprint}. */
    public static ServiceSpec.Source source(Program program) {
        return new ServiceSpec.Source(program.root().getFileName().toString(), fingerprint(program));
    }

    /**
     * A fingerprint of a program's text: SHA-256 over every file of the program (root first, then its imports in
     * load order), each as its path relative to the root's folder and its text. Any edit to the blueprint or to a file
     * it imports changes it; moving the whole program to another folder does not.
     */
    public static String fingerprint(Program program) {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        java.nio.file.Path base = program.root().toAbsolutePath().normalize().getParent();
        for (var file : program.files().entrySet()) {
            java.nio.file.Path p = file.getKey().toAbsolutePath().normalize();
            String name =
                    base == null ? p.toString() : base.relativize(p).toString().replace('\\', '/');
            sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(file.getValue().text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return "sha256:" + java.util.HexFormat.of().formatHex(sha.digest());
    }

    private static ServiceSpec.Store store(ServiceConfig.Store s) {
        ServiceConfig.Pool p = s.pool();
        ServiceSpec.Pool pool = new ServiceSpec.Pool(
                p.minIdle(),
                p.maxSize(),
                p.connectTimeout(),
                p.idleTimeout(),
                p.maxLifetime(),
                Optional.ofNullable(p.leakDetection()));
        return new ServiceSpec.Store(
                s.name(),
                s.engine() == ServiceConfig.Engine.POSTGRES ? ServiceSpec.Engine.POSTGRES : ServiceSpec.Engine.H2,
                text(s.url()),
                text(s.user()),
                text(s.password()),
                Optional.ofNullable(s.maxConnections()),
                pool);
    }

    private static Optional<ServiceSpec.Text> text(Configured c) {
        if (c == null) return Optional.empty();
        if (c.fromEnv()) return Optional.of(ServiceSpec.Text.env(c.env(), Optional.ofNullable(c.fallback())));
        return Optional.of(ServiceSpec.Text.literal(c.literal()));
    }

    private static ServiceSpec.FieldSpec field(Program program, Field f) {
        FieldType type = program.typeOf(f);
        ServiceSpec.Kind kind;
        int length = 0;
        int precision = 0;
        int scale = 0;
        String typeName = "";
        if (type instanceof FieldType.Builtin b) {
            kind = ServiceSpec.Kind.valueOf(b.type().name());
            length = b.length();
            precision = b.precision();
            scale = b.scale();
        } else if (type instanceof FieldType.EnumRef e) {
            kind = ServiceSpec.Kind.ENUM;
            typeName = e.decl().name().text();
        } else if (type instanceof FieldType.EntityRef e) {
            kind = ServiceSpec.Kind.REFERENCE;
            typeName = e.decl().name().text();
        } else {
            throw new IllegalArgumentException("field " + f.name() + " has an unresolved type");
        }
        return new ServiceSpec.FieldSpec(
                f.name().text(),
                kind,
                length,
                precision,
                scale,
                typeName,
                f.optional(),
                has(f, "key"),
                has(f, "unique"),
                has(f, "index"),
                bounds(f.attribute("range")),
                bounds(f.attribute("length")),
                f.attribute("pattern")
                        .flatMap(a -> a.args().stream().findFirst())
                        .filter(Value.Str.class::isInstance)
                        .map(v -> ((Value.Str) v).value()),
                has(f, "created"),
                has(f, "updated"),
                Optional.ofNullable(f.defaultValue()).map(Specs::literal),
                doc(f.doc()));
    }

    private static boolean has(Field f, String attribute) {
        return f.attribute(attribute).isPresent();
    }

    private static Optional<ServiceSpec.Bounds> bounds(Optional<Attribute> attribute) {
        return attribute
                .flatMap(a -> a.args().stream().findFirst())
                .filter(Value.Range.class::isInstance)
                .map(Value.Range.class::cast)
                .map(r -> new ServiceSpec.Bounds(number(r.low()), number(r.high())));
    }

    private static BigDecimal number(Value v) {
        if (v instanceof Value.Num n) return n.value();
        if (v instanceof Value.Quantity q) return q.amount();
        throw new IllegalArgumentException("not a number: " + Value.describe(v));
    }

    private static String literal(Value v) {
        if (v instanceof Value.Str s) return s.value();
        if (v instanceof Value.Num n) return n.value().toPlainString();
        if (v instanceof Value.Bool b) return Boolean.toString(b.value());
        if (v instanceof Value.Ident i) return i.name().text();
        throw new IllegalArgumentException("not a default value: " + Value.describe(v));
    }

    private static ServiceSpec.EndpointSpec endpoint(Endpoint e) {
        String entity = e.member() instanceof Route route
                ? route.entity().text()
                : ((dev.blueprint.lang.model.Resource) e.member()).entity().text();
        if (e.operation() != Endpoint.Operation.ROUTE) {
            return ServiceSpec.EndpointSpec.resource(
                    e.method(),
                    e.path(),
                    ServiceSpec.Operation.valueOf(e.operation().name()),
                    entity,
                    access(e.access()));
        }
        Route r = (Route) e.member();
        List<ServiceSpec.Condition> where = r.where().stream()
                .map(c -> new ServiceSpec.Condition(c.field().text(), c.param().text()))
                .toList();
        return new ServiceSpec.EndpointSpec(
                e.method(),
                e.path(),
                ServiceSpec.Operation.ROUTE,
                entity,
                r.many(),
                where,
                Optional.ofNullable(r.order()).map(o -> o.field().text()),
                r.order() != null && r.order().descending(),
                Optional.ofNullable(r.limit()).map(Route.Limit::value),
                access(e.access()));
    }

    private static ServiceSpec.Access access(Endpoint.Access a) {
        return switch (a.kind()) {
            case DEFAULT -> ServiceSpec.Access.DEFAULT;
            case PUBLIC -> ServiceSpec.Access.PUBLIC;
            case ROLES -> ServiceSpec.Access.anyRole(a.roles());
        };
    }

    private static String doc(String doc) {
        return doc == null ? "" : doc;
    }
}
