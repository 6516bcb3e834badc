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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the generator's {@link ServiceSpec} from an error-free {@link Analysis}: takes the analysis's settings as
 * they are and projects its enums, entities and endpoints.
 */
public final class Specs {

    private Specs() {}

    /** The spec of {@code analysis}; refuses an analysis with errors, which the generator must never see. */
    public static ServiceSpec from(Analysis analysis) {
        if (analysis.hasErrors()) throw new IllegalArgumentException("the program has errors; check it first");
        Program program = analysis.program();
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
        return new ServiceSpec(analysis.config(), enums, entities, endpoints, source(program));
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
            return ServiceSpec.EndpointSpec.resource(e.method(), e.path(), e.operation(), entity, e.access());
        }
        Route r = (Route) e.member();
        List<ServiceSpec.Condition> where = r.where().stream()
                .map(c -> new ServiceSpec.Condition(c.field().text(), c.param().text()))
                .toList();
        return new ServiceSpec.EndpointSpec(
                e.method(),
                e.path(),
                Endpoint.Operation.ROUTE,
                entity,
                r.many(),
                where,
                Optional.ofNullable(r.order()).map(o -> o.field().text()),
                r.order() != null && r.order().descending(),
                Optional.ofNullable(r.limit()).map(Route.Limit::value),
                e.access());
    }

    private static String doc(String doc) {
        return doc == null ? "" : doc;
    }
}
