package dev.blueprint.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EndpointSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.codegen.spec.ServiceSpec.Kind;
import dev.blueprint.lang.check.Endpoint.Operation;
import dev.blueprint.lang.naming.Identifiers;
import dev.blueprint.lang.naming.SqlNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/** Writes an entity's repository: its prepared SQL, the five resource operations and a query per route. */
final class Repositories {

    private static final ClassName DATABASE = ClassName.get(JavaContext.RUNTIME, "Database");
    private static final ClassName ROW = ClassName.get(JavaContext.RUNTIME, "Row");
    private static final ClassName PAGE = ClassName.get(JavaContext.RUNTIME, "Page");
    private static final ClassName SLICE = ClassName.get(JavaContext.RUNTIME, "Slice");
    private static final ClassName CLOCK = ClassName.get(JavaContext.RUNTIME, "Clock");
    private static final ClassName SQL_EXCEPTION = ClassName.get("java.sql", "SQLException");

    private final JavaContext context;
    private final ServiceSpec spec;
    private final Naming names;
    private final String pkg;

    Repositories(JavaContext context) {
        this.context = context;
        this.spec = context.spec();
        this.names = context.names();
        this.pkg = context.pkg();
    }

    private String columnList(EntitySpec e) {
        return e.fields().stream()
                .map(f -> Naming.quote(SqlNames.column(f.name())))
                .collect(Collectors.joining(", "));
    }

    private static String col(ServiceSpec.FieldSpec f) {
        return Naming.quote(SqlNames.column(f.name()));
    }

    /** The repository of an entity. */
    TypeSpec repository(EntitySpec e) {
        String name = names.repositoryClass(e.name());
        ClassName entity = context.entityType(e.name());
        ClassName input = ClassName.get(pkg, names.inputClass(e.name()));
        ServiceSpec.FieldSpec key = e.key();
        TypeName keyType = context.javaType(key, false);
        String table = Naming.quote(SqlNames.table(e.name()));
        String keyCol = col(key);
        TypeName sliceType = ParameterizedTypeName.get(SLICE, entity);
        TypeName optionalType = ParameterizedTypeName.get(ClassName.get(Optional.class), entity);

        TypeSpec.Builder type = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(
                        "Reads and writes {@link $T} rows in table $L. Prepared statements only.\n",
                        entity,
                        SqlNames.table(e.name()))
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
                type.addMethod(routeQuery(
                        e, endpoint, methodNames.newName(JavaContext.routeMethodName(endpoint), endpoint), name));
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
        String column = SqlNames.column(f.name());
        ServiceSpec.FieldSpec stored = context.storedAs(f);
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
            params.add(0, CodeBlock.of("$S", SqlNames.column(key.name())));
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
                .map(Repositories::col)
                .toList();
        if (columns.isEmpty()) return "INSERT INTO " + Naming.quote(SqlNames.table(e.name())) + " DEFAULT VALUES";
        return "INSERT INTO " + Naming.quote(SqlNames.table(e.name())) + " (" + String.join(", ", columns)
                + ") VALUES ("
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
        return Optional.of("UPDATE " + Naming.quote(SqlNames.table(e.name())) + " SET "
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

    private MethodSpec routeQuery(EntitySpec e, EndpointSpec endpoint, String methodName, String repositoryName) {
        NameAllocator locals = new NameAllocator();
        locals.newName("page", "page");
        Map<String, ServiceSpec.FieldSpec> params = context.routeParams(e, endpoint);
        MethodSpec.Builder method = MethodSpec.methodBuilder(methodName)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("$L $L\n", endpoint.method(), endpoint.path().replace("$", "$$"));
        Map<String, String> paramNames = new LinkedHashMap<>();
        params.forEach((param, field) -> {
            String local = locals.newName(Identifiers.lowerCamel(param), param);
            paramNames.put(param, local);
            method.addParameter(context.javaType(field, false), local);
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
        ClassName entity = context.entityType(e.name());
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
}
