package dev.blueprint.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EndpointSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.codegen.spec.ServiceSpec.EnumSpec;
import dev.blueprint.codegen.spec.ServiceSpec.Kind;
import dev.blueprint.codegen.spec.ServiceSpec.Operation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/** The Java sources of a generated service: enums, a record, an input record, a repository and an API per entity, Main. */
final class JavaGenerator {

    static final String RUNTIME = "dev.blueprint.runtime";
    private static final ClassName SERVICE = ClassName.get(RUNTIME, "Service");
    private static final ClassName ENVIRONMENT = ClassName.get(RUNTIME, "Environment");
    private static final ClassName SERVER_CONFIG = ClassName.get(RUNTIME, "ServerConfig");
    private static final ClassName STORE_CONFIG = ClassName.get(RUNTIME, "StoreConfig");
    private static final ClassName POOL_CONFIG = ClassName.get(RUNTIME, "PoolConfig");
    private static final ClassName PROBE_CONFIG = ClassName.get(RUNTIME, "ProbeConfig");
    private static final ClassName DATABASE = ClassName.get(RUNTIME, "Database");
    private static final ClassName FIELD = ClassName.get(RUNTIME, "Field");
    private static final ClassName JSON_INPUT = ClassName.get(RUNTIME, "JsonInput");
    private static final ClassName ROW = ClassName.get(RUNTIME, "Row");
    private static final ClassName PAGE = ClassName.get(RUNTIME, "Page");
    private static final ClassName SLICE = ClassName.get(RUNTIME, "Slice");
    private static final ClassName API = ClassName.get(RUNTIME, "Api");
    private static final ClassName ROUTES = ClassName.get(RUNTIME, "Routes");
    private static final ClassName REQUEST = ClassName.get(RUNTIME, "Request");
    private static final ClassName REPLY = ClassName.get(RUNTIME, "Reply");
    private static final ClassName PROBLEM = ClassName.get(RUNTIME, "Problem");
    private static final ClassName PARAM = ClassName.get(RUNTIME, "Param");
    private static final ClassName CLOCK = ClassName.get(RUNTIME, "Clock");
    private static final ClassName ACCESS = ClassName.get(RUNTIME, "Access");
    private static final ClassName SECURITY_CONFIG = ClassName.get(RUNTIME, "SecurityConfig");
    private static final ClassName API_KEY_CONFIG = ClassName.get(RUNTIME, "ApiKeyConfig");
    private static final ClassName JWT_CONFIG = ClassName.get(RUNTIME, "JwtConfig");
    private static final ClassName RATE_LIMIT_CONFIG = ClassName.get(RUNTIME, "RateLimitConfig");
    private static final ClassName CORS_CONFIG = ClassName.get(RUNTIME, "CorsConfig");
    private static final ClassName JSON_PROPERTY = ClassName.get("com.fasterxml.jackson.annotation", "JsonProperty");
    private static final ClassName SQL_EXCEPTION = ClassName.get("java.sql", "SQLException");

    private final ServiceSpec spec;
    private final Naming names;
    private final String pkg;

    JavaGenerator(ServiceSpec spec, Naming names) {
        this.spec = spec;
        this.names = names;
        this.pkg = spec.javaPackage();
    }

    /** Every Java file, by its path under {@code src/main/java}. */
    Map<String, String> generate() {
        Map<String, String> files = new LinkedHashMap<>();
        for (EnumSpec e : spec.enums()) add(files, enumType(e));
        for (EntitySpec e : spec.entities()) {
            add(files, record(e));
            add(files, input(e));
            add(files, repository(e));
            if (!endpointsOf(e).isEmpty()) add(files, api(e));
        }
        add(files, main());
        return files;
    }

    private void add(Map<String, String> files, TypeSpec type) {
        JavaFile file = JavaFile.builder(pkg, type)
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        files.put(pkg.replace('.', '/') + "/" + type.name() + ".java", file.toString());
    }

    // ---- types -------------------------------------------------------------------------------------------

    private ClassName entityType(String entity) {
        return ClassName.get(pkg, names.entityClass(entity));
    }

    /** The Java type of a field; {@code boxed} for values that may be null. */
    private TypeName javaType(ServiceSpec.FieldSpec field, boolean boxed) {
        TypeName type = switch (field.kind()) {
            case STRING, TEXT -> ClassName.get(String.class);
            case INT -> TypeName.INT;
            case LONG -> TypeName.LONG;
            case DECIMAL -> ClassName.get(BigDecimal.class);
            case BOOL -> TypeName.BOOLEAN;
            case UUID -> ClassName.get(UUID.class);
            case TIMESTAMP -> ClassName.get(Instant.class);
            case DATE -> ClassName.get(LocalDate.class);
            case ENUM -> ClassName.get(pkg, names.enumClass(field.typeName()));
            case REFERENCE -> javaType(referencedKey(field), false);
        };
        return boxed || field.optional() ? type.box() : type;
    }

    private ServiceSpec.FieldSpec referencedKey(ServiceSpec.FieldSpec reference) {
        return spec.entity(reference.typeName()).orElseThrow().key();
    }

    /** The kind a field has on the wire and in the database: a reference has its target key's kind. */
    private ServiceSpec.FieldSpec storedAs(ServiceSpec.FieldSpec field) {
        return field.kind() == Kind.REFERENCE ? referencedKey(field) : field;
    }

    // ---- enums and records -------------------------------------------------------------------------------

    private TypeSpec enumType(EnumSpec e) {
        TypeSpec.Builder type = TypeSpec.enumBuilder(names.enumClass(e.name())).addModifiers(Modifier.PUBLIC);
        javadoc(type, e.doc(), "Stored as text and serialized by member name.");
        for (String member : e.members()) type.addEnumConstant(member);
        return type.build();
    }

    private TypeSpec record(EntitySpec e) {
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        for (ServiceSpec.FieldSpec f : e.fields()) constructor.addParameter(component(e, f, false));
        TypeSpec.Builder type = TypeSpec.recordBuilder(names.entityClass(e.name()))
                .addModifiers(Modifier.PUBLIC)
                .recordConstructor(constructor.build());
        javadoc(type, e.doc(), "A row of table " + Naming.table(e.name()) + ".");
        for (ServiceSpec.FieldSpec f : e.fields()) {
            type.addJavadoc("\n@param $L $L", names.member(e.name(), f.name()), describe(f));
        }
        return type.build();
    }

    private ParameterSpec component(EntitySpec e, ServiceSpec.FieldSpec f, boolean boxed) {
        String member = names.member(e.name(), f.name());
        ParameterSpec.Builder parameter = ParameterSpec.builder(javaType(f, boxed), member);
        if (!member.equals(f.name())) {
            parameter.addAnnotation(AnnotationSpec.builder(JSON_PROPERTY)
                    .addMember("value", "$S", f.name())
                    .build());
        }
        return parameter.build();
    }

    private String describe(ServiceSpec.FieldSpec f) {
        StringBuilder text =
                new StringBuilder(f.doc().isBlank() ? f.name() : f.doc().strip());
        List<String> facts = new ArrayList<>();
        if (f.key())
            facts.add(
                    f.kind() == Kind.UUID
                            ? "key, generated by the server"
                            : f.kind() == Kind.LONG ? "key, generated by the database" : "key");
        if (f.kind() == Kind.REFERENCE) facts.add("the key of a " + f.typeName());
        if (f.created()) facts.add("set on create");
        if (f.updated()) facts.add("set on every write");
        if (f.optional()) facts.add("may be null");
        if (!facts.isEmpty()) text.append(" (").append(String.join("; ", facts)).append(')');
        return text.toString().replace("$", "$$");
    }

    private static void javadoc(TypeSpec.Builder type, String doc, String fallback) {
        type.addJavadoc("$L", (doc.isBlank() ? fallback : doc.strip()) + "\n");
    }

    // ---- input records -----------------------------------------------------------------------------------

    private List<ServiceSpec.FieldSpec> writable(EntitySpec e) {
        return e.fields().stream().filter(ServiceSpec.FieldSpec::writable).toList();
    }

    private TypeSpec input(EntitySpec e) {
        String name = names.inputClass(e.name());
        ClassName self = ClassName.get(pkg, name);
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        TypeSpec.Builder type = TypeSpec.recordBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("What a client writes to create or replace a {@link $T}.\n", entityType(e.name()));
        List<CodeBlock> reads = new ArrayList<>();
        for (ServiceSpec.FieldSpec f : writable(e)) {
            constructor.addParameter(component(e, f, true));
            String constant = names.constant(e.name(), f.name());
            type.addField(FieldSpec.builder(
                            ParameterizedTypeName.get(FIELD, javaType(f, true)),
                            constant,
                            Modifier.PRIVATE,
                            Modifier.STATIC,
                            Modifier.FINAL)
                    .initializer(fieldRules(f))
                    .build());
            reads.add(CodeBlock.of("$N.read(in)", constant));
        }
        type.recordConstructor(constructor.build());
        type.addMethod(MethodSpec.methodBuilder("read")
                .addJavadoc("Reads a request body; answers 422 listing every failing field.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addParameter(JSON_INPUT, "in")
                .addStatement("$T input = new $T($L)", self, self, CodeBlock.join(reads, ", "))
                .addStatement("in.validate()")
                .addStatement("return input")
                .build());
        return type.build();
    }

    /** {@code Field.string("email", 254).pattern("…")}: the field's type and every rule on it. */
    private CodeBlock fieldRules(ServiceSpec.FieldSpec f) {
        ServiceSpec.FieldSpec stored = storedAs(f);
        CodeBlock.Builder code = CodeBlock.builder();
        switch (stored.kind()) {
            case STRING -> code.add("$T.string($S, $L)", FIELD, f.name(), stored.length());
            case TEXT -> code.add("$T.text($S)", FIELD, f.name());
            case INT -> code.add("$T.integer($S)", FIELD, f.name());
            case LONG -> code.add("$T.longInteger($S)", FIELD, f.name());
            case DECIMAL -> code.add("$T.decimal($S, $L, $L)", FIELD, f.name(), stored.precision(), stored.scale());
            case BOOL -> code.add("$T.bool($S)", FIELD, f.name());
            case UUID -> code.add("$T.uuid($S)", FIELD, f.name());
            case TIMESTAMP -> code.add("$T.timestamp($S)", FIELD, f.name());
            case DATE -> code.add("$T.date($S)", FIELD, f.name());
            case ENUM ->
                code.add(
                        "$T.enumeration($S, $T.class)",
                        FIELD,
                        f.name(),
                        ClassName.get(pkg, names.enumClass(f.typeName())));
            case REFERENCE -> throw new IllegalStateException("a key cannot be a reference");
        }
        f.range()
                .ifPresent(r -> code.add(
                        ".range($S, $S)", r.low().toPlainString(), r.high().toPlainString()));
        f.lengthRange()
                .ifPresent(r -> code.add(
                        ".length($L, $L)", r.low().intValueExact(), r.high().intValueExact()));
        f.pattern().ifPresent(p -> code.add(".pattern($S)", p));
        if (f.defaultValue().isPresent()) {
            code.add(".orElse($L)", literal(f, f.defaultValue().get()));
        } else if (f.optional()) {
            code.add(".optional()");
        }
        return code.build();
    }

    /** A default value as a Java expression of the field's type. */
    private CodeBlock literal(ServiceSpec.FieldSpec f, String value) {
        return switch (storedAs(f).kind()) {
            case STRING, TEXT -> CodeBlock.of("$S", value);
            case INT -> CodeBlock.of("$L", Integer.parseInt(value));
            case LONG -> CodeBlock.of("$LL", Long.parseLong(value));
            case DECIMAL -> CodeBlock.of("new $T($S)", BigDecimal.class, value);
            case BOOL -> CodeBlock.of("$L", Boolean.parseBoolean(value));
            case UUID -> CodeBlock.of("$T.fromString($S)", UUID.class, value);
            case TIMESTAMP -> CodeBlock.of("$T.parse($S)", Instant.class, value);
            case DATE -> CodeBlock.of("$T.parse($S)", LocalDate.class, value);
            case ENUM -> CodeBlock.of("$T.$L", ClassName.get(pkg, names.enumClass(f.typeName())), value);
            case REFERENCE -> throw new IllegalStateException("a key cannot be a reference");
        };
    }

    // ---- repositories ------------------------------------------------------------------------------------

    private String columnList(EntitySpec e) {
        return e.fields().stream()
                .map(f -> Naming.quote(Naming.column(f.name())))
                .collect(Collectors.joining(", "));
    }

    private static String col(ServiceSpec.FieldSpec f) {
        return Naming.quote(Naming.column(f.name()));
    }

    private TypeSpec repository(EntitySpec e) {
        String name = names.repositoryClass(e.name());
        ClassName entity = entityType(e.name());
        ClassName input = ClassName.get(pkg, names.inputClass(e.name()));
        ServiceSpec.FieldSpec key = e.key();
        TypeName keyType = javaType(key, false);
        String table = Naming.quote(Naming.table(e.name()));
        String keyCol = col(key);
        TypeName sliceType = ParameterizedTypeName.get(SLICE, entity);
        TypeName optionalType = ParameterizedTypeName.get(ClassName.get(Optional.class), entity);

        TypeSpec.Builder type = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(
                        "Reads and writes {@link $T} rows in table $L. Prepared statements only.\n",
                        entity,
                        Naming.table(e.name()))
                .addField(FieldSpec.builder(String.class, "SELECT", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$S", "SELECT " + columnList(e) + " FROM " + table)
                        .build())
                .addField(FieldSpec.builder(String.class, "INSERT", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$S", insertSql(e))
                        .build())
                .addFields(updateSql(e)
                        .map(sql -> List.of(FieldSpec.builder(
                                        String.class, "UPDATE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                                .initializer("$S", sql)
                                .build()))
                        .orElse(List.of()))
                .addField(FieldSpec.builder(String.class, "DELETE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$S", "DELETE FROM " + table + " WHERE " + keyCol + " = ?")
                        .build())
                .addField(DATABASE, "db", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(DATABASE, "db")
                        .addStatement("this.db = db")
                        .build());

        type.addMethod(MethodSpec.methodBuilder("list")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("One page of every row, in key order.\n")
                .returns(sliceType)
                .addParameter(PAGE, "page")
                .addStatement(
                        "return db.page(SELECT + $S, $T::map, page)",
                        " ORDER BY " + keyCol + " LIMIT ? OFFSET ?",
                        ClassName.get(pkg, name))
                .build());
        type.addMethod(MethodSpec.methodBuilder("find")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("The row with this key, if any.\n")
                .returns(optionalType)
                .addParameter(keyType, "id")
                .addStatement(
                        "return db.queryOne(SELECT + $S, $T::map, id)",
                        " WHERE " + keyCol + " = ?",
                        ClassName.get(pkg, name))
                .build());
        type.addMethod(insert(e, entity, input));
        type.addMethod(update(e, entity, input, keyType, name));
        type.addMethod(MethodSpec.methodBuilder("delete")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "Deletes the row with this key; false when there was none. A row still referenced gives 409.\n")
                .returns(TypeName.BOOLEAN)
                .addParameter(keyType, "id")
                .addStatement("return db.delete(DELETE, id) > 0")
                .build());

        NameAllocator methodNames = new NameAllocator();
        List.of("list", "find", "insert", "update", "delete", "map").forEach(n -> methodNames.newName(n, n));
        for (EndpointSpec endpoint : spec.endpoints()) {
            if (endpoint.operation() == Operation.ROUTE && endpoint.entity().equals(e.name())) {
                type.addMethod(routeQuery(e, endpoint, methodNames.newName(routeMethodName(endpoint), endpoint), name));
            }
        }

        CodeBlock.Builder mapping = CodeBlock.builder();
        List<CodeBlock> reads = new ArrayList<>();
        for (ServiceSpec.FieldSpec f : e.fields()) reads.add(rowRead(f));
        mapping.addStatement("return new $T(\n$L)", entity, CodeBlock.join(reads, ",\n"));
        type.addMethod(MethodSpec.methodBuilder("map")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(entity)
                .addParameter(ROW, "row")
                .addException(SQL_EXCEPTION)
                .addCode(mapping.build())
                .build());
        return type.build();
    }

    private CodeBlock rowRead(ServiceSpec.FieldSpec f) {
        String column = Naming.column(f.name());
        ServiceSpec.FieldSpec stored = storedAs(f);
        return switch (stored.kind()) {
            case STRING, TEXT -> CodeBlock.of("row.string($S)", column);
            case INT -> CodeBlock.of("row.integer($S)", column);
            case LONG -> CodeBlock.of("row.longInteger($S)", column);
            case DECIMAL -> CodeBlock.of("row.decimal($S)", column);
            case BOOL -> CodeBlock.of("row.bool($S)", column);
            case UUID -> CodeBlock.of("row.uuid($S)", column);
            case TIMESTAMP -> CodeBlock.of("row.timestamp($S)", column);
            case DATE -> CodeBlock.of("row.date($S)", column);
            case ENUM ->
                CodeBlock.of(
                        "row.enumeration($S, $T.class)", column, ClassName.get(pkg, names.enumClass(f.typeName())));
            case REFERENCE -> throw new IllegalStateException("a key cannot be a reference");
        };
    }

    private MethodSpec insert(EntitySpec e, ClassName entity, ClassName input) {
        ServiceSpec.FieldSpec key = e.key();
        boolean databaseKey = key.kind() == Kind.LONG;
        boolean needsNow = e.fields().stream().anyMatch(f -> f.created() || f.updated());
        MethodSpec.Builder method = MethodSpec.methodBuilder("insert")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Inserts a row from what the client wrote; answers the row as stored.\n")
                .returns(entity)
                .addParameter(input, "input");
        if (needsNow) method.addStatement("$T now = $T.now()", Instant.class, CLOCK);
        List<CodeBlock> values = new ArrayList<>();
        List<CodeBlock> params = new ArrayList<>();
        for (ServiceSpec.FieldSpec f : e.fields()) {
            values.add(valueOnInsert(e, f));
            if (!(databaseKey && f.key())) params.add(valueOnInsert(e, f));
        }
        if (databaseKey) {
            params.add(0, CodeBlock.of("$S", Naming.column(key.name())));
            method.addStatement("long id = db.insertReturningKey(INSERT, $L)", CodeBlock.join(params, ", "));
            method.addStatement("return new $T($L)", entity, CodeBlock.join(values, ", "));
        } else {
            method.addStatement("$T row = new $T($L)", entity, entity, CodeBlock.join(values, ", "));
            List<CodeBlock> stored = new ArrayList<>();
            for (ServiceSpec.FieldSpec f : e.fields())
                stored.add(CodeBlock.of("row.$N()", names.member(e.name(), f.name())));
            method.addStatement("db.update(INSERT, $L)", CodeBlock.join(stored, ", "));
            method.addStatement("return row");
        }
        return method.build();
    }

    /** The INSERT of every column but a database-generated key; DEFAULT VALUES when that is the only column. */
    private static String insertSql(EntitySpec e) {
        List<String> columns = e.fields().stream()
                .filter(f -> !(f.key() && f.kind() == Kind.LONG))
                .map(JavaGenerator::col)
                .toList();
        if (columns.isEmpty()) return "INSERT INTO " + Naming.quote(Naming.table(e.name())) + " DEFAULT VALUES";
        return "INSERT INTO " + Naming.quote(Naming.table(e.name())) + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
    }

    /** What a field holds when a row is inserted. */
    private CodeBlock valueOnInsert(EntitySpec e, ServiceSpec.FieldSpec f) {
        if (f.key() && f.kind() == Kind.UUID) return CodeBlock.of("$T.randomUUID()", UUID.class);
        if (f.key() && f.kind() == Kind.LONG) return CodeBlock.of("id");
        if (f.created() || f.updated()) return CodeBlock.of("now");
        return CodeBlock.of("input.$N()", names.member(e.name(), f.name()));
    }

    /** The columns an update sets: all but the key and {@code @created}. */
    private static List<ServiceSpec.FieldSpec> updated(EntitySpec e) {
        return e.fields().stream().filter(f -> !f.key() && !f.created()).toList();
    }

    /** The UPDATE of every settable column, if there is one. */
    private static Optional<String> updateSql(EntitySpec e) {
        List<ServiceSpec.FieldSpec> set = updated(e);
        if (set.isEmpty()) return Optional.empty();
        return Optional.of("UPDATE " + Naming.quote(Naming.table(e.name())) + " SET "
                + set.stream().map(f -> col(f) + " = ?").collect(Collectors.joining(", ")) + " WHERE " + col(e.key())
                + " = ?");
    }

    private MethodSpec update(
            EntitySpec e, ClassName entity, ClassName input, TypeName keyType, String repositoryName) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("update")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "Replaces the row with this key by what the client wrote; empty when there is no such row.\n")
                .returns(ParameterizedTypeName.get(ClassName.get(Optional.class), entity))
                .addParameter(keyType, "id")
                .addParameter(input, "input");
        List<ServiceSpec.FieldSpec> set = updated(e);
        if (set.isEmpty()) {
            // nothing a client writes is stored: replacing the row changes nothing
            return method.addStatement("return find(id)").build();
        }
        List<CodeBlock> params = new ArrayList<>();
        boolean needsNow = false;
        for (ServiceSpec.FieldSpec f : set) {
            if (f.updated()) {
                params.add(CodeBlock.of("now"));
                needsNow = true;
            } else {
                params.add(CodeBlock.of("input.$N()", names.member(e.name(), f.name())));
            }
        }
        params.add(CodeBlock.of("id"));
        if (needsNow) method.addStatement("$T now = $T.now()", Instant.class, CLOCK);
        method.addCode("return db.transaction(sql -> {\n$>")
                .addStatement("int changed = sql.update(UPDATE, $L)", CodeBlock.join(params, ", "))
                .addStatement(
                        "return changed == 0 ? $T.empty() : sql.queryOne(SELECT + $S, $T::map, id)",
                        Optional.class,
                        " WHERE " + col(e.key()) + " = ?",
                        ClassName.get(pkg, repositoryName))
                .addCode("$<});\n");
        return method.build();
    }

    private static String routeMethodName(EndpointSpec endpoint) {
        StringBuilder name = new StringBuilder(endpoint.many() ? "listBy" : "findBy");
        Set<String> params = new LinkedHashSet<>();
        for (ServiceSpec.Condition c : endpoint.where()) params.add(c.field());
        boolean first = true;
        for (String p : params) {
            name.append(first ? "" : "And").append(Naming.upperCamel(p));
            first = false;
        }
        return endpoint.where().isEmpty() ? (endpoint.many() ? "listAll" : "findFirst") : name.toString();
    }

    /** The parameters of a route, in order of first use, with the field each is compared with. */
    private Map<String, ServiceSpec.FieldSpec> routeParams(EntitySpec e, EndpointSpec endpoint) {
        Map<String, ServiceSpec.FieldSpec> params = new LinkedHashMap<>();
        for (ServiceSpec.Condition c : endpoint.where())
            params.putIfAbsent(c.param(), e.field(c.field()).orElseThrow());
        return params;
    }

    private MethodSpec routeQuery(EntitySpec e, EndpointSpec endpoint, String methodName, String repositoryName) {
        NameAllocator locals = new NameAllocator();
        locals.newName("page", "page");
        Map<String, ServiceSpec.FieldSpec> params = routeParams(e, endpoint);
        MethodSpec.Builder method = MethodSpec.methodBuilder(methodName)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("$L $L\n", endpoint.method(), endpoint.path().replace("$", "$$"));
        Map<String, String> paramNames = new LinkedHashMap<>();
        params.forEach((param, field) -> {
            String local = locals.newName(Naming.lowerCamel(param), param);
            paramNames.put(param, local);
            method.addParameter(javaType(field, false), local);
        });
        StringBuilder sql = new StringBuilder();
        List<CodeBlock> args = new ArrayList<>();
        if (!endpoint.where().isEmpty()) {
            sql.append(" WHERE ");
            List<String> conditions = new ArrayList<>();
            for (ServiceSpec.Condition c : endpoint.where()) {
                conditions.add(col(e.field(c.field()).orElseThrow()) + " = ?");
                args.add(CodeBlock.of("$N", paramNames.get(c.param())));
            }
            sql.append(String.join(" AND ", conditions));
        }
        sql.append(" ORDER BY ");
        if (endpoint.orderBy().isPresent()) {
            sql.append(col(e.field(endpoint.orderBy().get()).orElseThrow()))
                    .append(endpoint.descending() ? " DESC" : " ASC")
                    .append(", ");
        }
        sql.append(col(e.key()));
        ClassName entity = entityType(e.name());
        ClassName repository = ClassName.get(pkg, repositoryName);
        CodeBlock argList = args.isEmpty() ? CodeBlock.of("") : CodeBlock.of(", $L", CodeBlock.join(args, ", "));
        if (endpoint.many()) {
            method.returns(ParameterizedTypeName.get(SLICE, entity)).addParameter(PAGE, "page");
            CodeBlock pageExpr = endpoint.limit()
                    .map(n -> CodeBlock.of("page.within($L)", n))
                    .orElse(CodeBlock.of("page"));
            method.addStatement(
                    "return db.page(SELECT + $S, $T::map, $L$L)",
                    sql + " LIMIT ? OFFSET ?",
                    repository,
                    pageExpr,
                    argList);
        } else {
            method.returns(ParameterizedTypeName.get(ClassName.get(Optional.class), entity));
            method.addStatement("return db.queryOne(SELECT + $S, $T::map$L)", sql + " LIMIT 1", repository, argList);
        }
        return method.build();
    }

    // ---- APIs --------------------------------------------------------------------------------------------

    private List<EndpointSpec> endpointsOf(EntitySpec e) {
        return spec.endpoints().stream()
                .filter(x -> x.entity().equals(e.name()))
                .toList();
    }

    private CodeBlock paramType(ServiceSpec.FieldSpec field) {
        ServiceSpec.FieldSpec stored = storedAs(field);
        return switch (stored.kind()) {
            case STRING, TEXT -> CodeBlock.of("$T.STRING", PARAM);
            case INT -> CodeBlock.of("$T.INT", PARAM);
            case LONG -> CodeBlock.of("$T.LONG", PARAM);
            case DECIMAL -> CodeBlock.of("$T.DECIMAL", PARAM);
            case BOOL -> CodeBlock.of("$T.BOOL", PARAM);
            case UUID -> CodeBlock.of("$T.UUID", PARAM);
            case TIMESTAMP -> CodeBlock.of("$T.TIMESTAMP", PARAM);
            case DATE -> CodeBlock.of("$T.DATE", PARAM);
            case ENUM ->
                CodeBlock.of("$T.enumeration($T.class)", PARAM, ClassName.get(pkg, names.enumClass(field.typeName())));
            case REFERENCE -> throw new IllegalStateException("a key cannot be a reference");
        };
    }

    private TypeSpec api(EntitySpec e) {
        ClassName entity = entityType(e.name());
        ClassName repository = ClassName.get(pkg, names.repositoryClass(e.name()));
        ClassName input = ClassName.get(pkg, names.inputClass(e.name()));
        ServiceSpec.FieldSpec key = e.key();
        TypeName keyType = javaType(key, false);
        String keyMember = names.member(e.name(), key.name());

        TypeSpec.Builder type = TypeSpec.classBuilder(names.apiClass(e.name()))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(API)
                .addJavadoc("The HTTP operations on {@link $T}.\n", entity)
                .addField(repository, "repository", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(repository, "repository")
                        .addStatement("this.repository = repository")
                        .build());
        MethodSpec.Builder register = MethodSpec.methodBuilder("register")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(ROUTES, "routes");
        NameAllocator handlerNames = new NameAllocator();
        handlerNames.newName("register", "register");
        NameAllocator routeNames = new NameAllocator();
        List.of("list", "find", "insert", "update", "delete", "map").forEach(n -> routeNames.newName(n, n));
        String entityLabel = e.name();
        List<MethodSpec> handlers = new ArrayList<>();
        for (EndpointSpec endpoint : endpointsOf(e)) {
            String verb = endpoint.method().toLowerCase(java.util.Locale.ROOT);
            MethodSpec.Builder handler;
            switch (endpoint.operation()) {
                case LIST ->
                    handler = handler(handlerNames.newName("list", endpoint))
                            .addStatement("return $T.ok(repository.list(request.page()))", REPLY);
                case GET ->
                    handler = handler(handlerNames.newName("get", endpoint))
                            .addStatement("$T id = request.path($S, $L)", keyType, "id", paramType(key))
                            .addStatement(
                                    "return $T.ok(repository.find(id).orElseThrow(() -> $T.notFound($S, id)))",
                                    REPLY,
                                    PROBLEM,
                                    entityLabel);
                case CREATE ->
                    handler = handler(handlerNames.newName("create", endpoint))
                            .addStatement("$T created = repository.insert($T.read(request.json()))", entity, input)
                            .addStatement(
                                    "return $T.created(created, $S + created.$N())",
                                    REPLY,
                                    endpoint.path() + "/",
                                    keyMember);
                case UPDATE ->
                    handler = handler(handlerNames.newName("update", endpoint))
                            .addStatement("$T id = request.path($S, $L)", keyType, "id", paramType(key))
                            .addStatement("$T input = $T.read(request.json())", input, input)
                            .addStatement(
                                    "return $T.ok(repository.update(id, input).orElseThrow(() -> $T.notFound($S, id)))",
                                    REPLY,
                                    PROBLEM,
                                    entityLabel);
                case DELETE -> {
                    handler = handler(handlerNames.newName("delete", endpoint))
                            .addStatement("$T id = request.path($S, $L)", keyType, "id", paramType(key))
                            .beginControlFlow("if (!repository.delete(id))")
                            .addStatement("throw $T.notFound($S, id)", PROBLEM, entityLabel)
                            .endControlFlow()
                            .addStatement("return $T.noContent()", REPLY);
                }
                case ROUTE ->
                    handler = routeHandler(
                            e,
                            endpoint,
                            handlerNames.newName(routeMethodName(endpoint), endpoint),
                            routeNames.newName(routeMethodName(endpoint), endpoint));
                default -> throw new IllegalStateException(endpoint.operation().name());
            }
            MethodSpec built = handler.build();
            handlers.add(built);
            access(endpoint.access())
                    .ifPresentOrElse(
                            access -> register.addStatement(
                                    "routes.$L($S, $L, this::$N)", verb, endpoint.path(), access, built),
                            () -> register.addStatement("routes.$L($S, this::$N)", verb, endpoint.path(), built));
        }
        type.addMethod(register.build());
        handlers.forEach(type::addMethod);
        return type.build();
    }

    /**
     * The explicit access rule of a registration, or empty for the two-argument form: a service that authenticates
     * states every rule (so the reader sees which routes are public), one that does not keeps the plain form. A role
     * rule is always explicit, so that the runtime refuses it loudly should it ever meet a service without
     * authentication.
     */
    private Optional<CodeBlock> access(ServiceSpec.Access access) {
        if (access.kind() == ServiceSpec.AccessKind.ROLES) {
            return Optional.of(CodeBlock.of("$T.anyRole($L)", ACCESS, strings(access.roles())));
        }
        if (!spec.security().authenticates()) return Optional.empty();
        return Optional.of(
                access.kind() == ServiceSpec.AccessKind.PUBLIC
                        ? CodeBlock.of("$T.PUBLIC", ACCESS)
                        : CodeBlock.of("$T.AUTHENTICATED", ACCESS));
    }

    /** {@code A}, {@code A or B}, {@code A, B or C}. */
    private static String or(List<String> words) {
        if (words.size() == 1) return words.get(0);
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static CodeBlock strings(List<String> values) {
        return CodeBlock.join(values.stream().map(v -> CodeBlock.of("$S", v)).toList(), ", ");
    }

    private MethodSpec.Builder handler(String name) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE)
                .returns(REPLY)
                .addParameter(REQUEST, "request");
    }

    private MethodSpec.Builder routeHandler(
            EntitySpec e, EndpointSpec endpoint, String handlerName, String repositoryMethod) {
        MethodSpec.Builder handler = handler(handlerName)
                .addJavadoc("$L $L\n", endpoint.method(), endpoint.path().replace("$", "$$"));
        NameAllocator locals = new NameAllocator();
        locals.newName("request", "request");
        List<CodeBlock> args = new ArrayList<>();
        routeParams(e, endpoint).forEach((param, field) -> {
            String local = locals.newName(Naming.lowerCamel(param), param);
            boolean inPath = endpoint.path().contains("{" + param + "}");
            handler.addStatement(
                    "$T $N = request.$L($S, $L)",
                    javaType(field, false),
                    local,
                    inPath ? "path" : "query",
                    param,
                    paramType(field));
            args.add(CodeBlock.of("$N", local));
        });
        if (endpoint.many()) {
            args.add(CodeBlock.of("request.page()"));
            handler.addStatement(
                    "return $T.ok(repository.$L($L))", REPLY, repositoryMethod, CodeBlock.join(args, ", "));
        } else {
            handler.addStatement(
                    "return $T.ok(repository.$L($L).orElseThrow(() -> $T.notFound($S)))",
                    REPLY,
                    repositoryMethod,
                    CodeBlock.join(args, ", "),
                    PROBLEM,
                    "no " + e.name() + " matches");
        }
        return handler;
    }

    // ---- Main --------------------------------------------------------------------------------------------

    private TypeSpec main() {
        ServiceSpec.Server server = spec.server();
        CodeBlock.Builder serverConfig =
                CodeBlock.builder().add("$T.defaults()", SERVER_CONFIG).indent();
        serverConfig.add("\n.port($L)", server.port());
        server.managementPort().ifPresent(n -> serverConfig.add("\n.managementPort($L)", n));
        server.ioThreads().ifPresent(n -> serverConfig.add("\n.ioThreads($L)", n));
        server.workerThreads().ifPresent(n -> serverConfig.add("\n.workerThreads($L)", n));
        serverConfig.add("\n.maxBodyBytes($LL)", server.maxBodyBytes());
        serverConfig.add("\n.requestTimeout($L)", duration(server.requestTimeout()));
        serverConfig.add("\n.idleTimeout($L)", duration(server.idleTimeout()));
        serverConfig.add("\n.shutdownGrace($L)", duration(server.shutdownGrace()));
        serverConfig.add("\n.maxPageSize($L)", server.maxPageSize());
        serverConfig.add("\n.pageSize($L)", server.pageSize());
        serverConfig.unindent();

        CodeBlock.Builder build = CodeBlock.builder()
                .add("$T service = $T.builder($S, $S)\n", SERVICE, SERVICE, spec.name(), spec.version())
                .indent()
                .indent()
                .add(".environment(environment)\n")
                .add(".server($L)\n", serverConfig.build());
        boolean first = true;
        for (ServiceSpec.Store store : spec.stores()) {
            build.add(".store($L)\n", store(store, first));
            first = false;
        }
        ServiceSpec.Probes probes = spec.probes();
        CodeBlock.Builder probeConfig = CodeBlock.builder().add("$T.defaults()", PROBE_CONFIG);
        if (!probes.live().equals("/health/live")) probeConfig.add(".live($S)", probes.live());
        if (!probes.ready().equals("/health/ready")) probeConfig.add(".ready($S)", probes.ready());
        if (!probes.startup().equals("/health/startup")) probeConfig.add(".startup($S)", probes.startup());
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
        if (spec.security().enforced()) build.add(".security($L)\n", security(spec.security()));
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
        List<EntitySpec> exposed =
                spec.entities().stream().filter(e -> !endpointsOf(e).isEmpty()).toList();
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
                        spec.name(),
                        spec.version())
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

    private CodeBlock store(ServiceSpec.Store store, boolean isDefault) {
        CodeBlock.Builder code = CodeBlock.builder();
        if (store.engine() == ServiceSpec.Engine.H2 && store.url().isEmpty()) {
            code.add("$T.h2($S)", STORE_CONFIG, store.name());
        } else if (store.engine() == ServiceSpec.Engine.H2) {
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
        ServiceSpec.Pool pool = store.pool();
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
    private static CodeBlock security(ServiceSpec.Security security) {
        CodeBlock.Builder code =
                CodeBlock.builder().add("$T.none()", SECURITY_CONFIG).indent();
        security.apiKeys().ifPresent(keys -> {
            code.add("\n.apiKeys($T.header($S)$>", API_KEY_CONFIG, keys.header());
            for (ServiceSpec.ApiClient client : keys.clients()) {
                code.add("\n.client($S, $L", client.name(), secret(client.key()));
                if (!client.roles().isEmpty()) code.add(", $L", strings(client.roles()));
                code.add(")");
            }
            code.add(")$<");
        });
        security.jwt().ifPresent(jwt -> {
            code.add("\n.jwt($T.issuer($S)$>", JWT_CONFIG, jwt.issuer());
            jwt.audience().ifPresent(audience -> code.add("\n.audience($S)", audience));
            jwt.jwksUrl().ifPresent(url -> code.add("\n.jwksUrl($S)", url));
            jwt.publicKey().ifPresent(pem -> code.add("\n.publicKeyPem($L)", secret(pem)));
            code.add("\n.algorithms($L)", strings(jwt.algorithms()))
                    .add("\n.clockSkew($L)", duration(jwt.clockSkew()))
                    .add("\n.rolesClaim($S))$<", jwt.rolesClaim());
        });
        security.rateLimit()
                .ifPresent(limit -> code.add(
                        "\n.rateLimit($T.perSecond($L).burst($L).$L())",
                        RATE_LIMIT_CONFIG,
                        limit.perSecond(),
                        limit.burst(),
                        limit.by() == ServiceSpec.RateKey.ADDRESS ? "byAddress" : "byClient"));
        security.cors().ifPresent(cors -> {
            code.add("\n.cors($T.origins($L)$>", CORS_CONFIG, strings(cors.origins()));
            // an empty list is left out: .methods() with no argument would be the record's accessor
            if (!cors.methods().isEmpty()) code.add("\n.methods($L)", strings(cors.methods()));
            if (!cors.headers().isEmpty()) code.add("\n.headers($L)", strings(cors.headers()));
            if (cors.credentials()) code.add("\n.credentials(true)");
            code.add("\n.maxAge($L))$<", duration(cors.maxAge()));
        });
        return code.unindent().build();
    }

    /**
     * A secret (an API key, a PEM): a literal, {@code environment.get("NAME", "fallback")}, or
     * {@code environment.require("NAME")}, which fails at start with a message naming the variable when it is unset.
     */
    private static CodeBlock secret(ServiceSpec.Text text) {
        if (text.env().isPresent() && text.fallback().isEmpty())
            return CodeBlock.of("environment.require($S)", text.env().get());
        return text(text);
    }

    /** A string setting: a literal, or {@code environment.get("NAME", "fallback")}. */
    private static CodeBlock text(ServiceSpec.Text text) {
        if (text.literal().isPresent()) return CodeBlock.of("$S", text.literal().get());
        return CodeBlock.of(
                "environment.get($S, $S)",
                text.env().orElseThrow(),
                text.fallback().orElse(""));
    }

    private static CodeBlock duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) return CodeBlock.of("$T.ofHours($L)", Duration.class, ms / 3_600_000);
        if (ms % 60_000 == 0 && ms > 0) return CodeBlock.of("$T.ofMinutes($L)", Duration.class, ms / 60_000);
        if (ms % 1_000 == 0) return CodeBlock.of("$T.ofSeconds($L)", Duration.class, ms / 1_000);
        return CodeBlock.of("$T.ofMillis($L)", Duration.class, ms);
    }
}
