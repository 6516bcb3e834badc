package dev.blueprint.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EndpointSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.naming.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.lang.model.element.Modifier;

/** Writes an entity's API class: the HTTP handlers of its endpoints and their registration with access rules. */
final class Apis {

    private static final ClassName API = ClassName.get(JavaContext.RUNTIME, "Api");
    private static final ClassName ROUTES = ClassName.get(JavaContext.RUNTIME, "Routes");
    private static final ClassName REQUEST = ClassName.get(JavaContext.RUNTIME, "Request");
    private static final ClassName REPLY = ClassName.get(JavaContext.RUNTIME, "Reply");
    private static final ClassName PROBLEM = ClassName.get(JavaContext.RUNTIME, "Problem");
    private static final ClassName PARAM = ClassName.get(JavaContext.RUNTIME, "Param");
    private static final ClassName ACCESS = ClassName.get(JavaContext.RUNTIME, "Access");

    private final JavaContext context;
    private final ServiceSpec spec;
    private final Naming names;
    private final String pkg;

    Apis(JavaContext context) {
        this.context = context;
        this.spec = context.spec();
        this.names = context.names();
        this.pkg = context.pkg();
    }

    private CodeBlock paramType(ServiceSpec.FieldSpec field) {
        ServiceSpec.FieldSpec stored = context.storedAs(field);
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

    /** The API class of an entity that has endpoints. */
    TypeSpec api(EntitySpec e) {
        ClassName entity = context.entityType(e.name());
        ClassName repository = ClassName.get(pkg, names.repositoryClass(e.name()));
        ClassName input = ClassName.get(pkg, names.inputClass(e.name()));
        ServiceSpec.FieldSpec key = e.key();
        TypeName keyType = context.javaType(key, false);
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
        for (EndpointSpec endpoint : context.endpointsOf(e)) {
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
                            handlerNames.newName(JavaContext.routeMethodName(endpoint), endpoint),
                            routeNames.newName(JavaContext.routeMethodName(endpoint), endpoint));
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
    private Optional<CodeBlock> access(Endpoint.Access access) {
        if (access.kind() == Endpoint.Access.Kind.ROLES) {
            return Optional.of(CodeBlock.of("$T.anyRole($L)", ACCESS, JavaContext.strings(access.roles())));
        }
        if (!spec.config().security().authenticates()) return Optional.empty();
        return Optional.of(
                access.kind() == Endpoint.Access.Kind.PUBLIC
                        ? CodeBlock.of("$T.PUBLIC", ACCESS)
                        : CodeBlock.of("$T.AUTHENTICATED", ACCESS));
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
        context.routeParams(e, endpoint).forEach((param, field) -> {
            String local = locals.newName(Identifiers.lowerCamel(param), param);
            boolean inPath = endpoint.path().contains("{" + param + "}");
            handler.addStatement(
                    "$T $N = request.$L($S, $L)",
                    context.javaType(field, false),
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
}
