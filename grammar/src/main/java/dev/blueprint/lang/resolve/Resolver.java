package dev.blueprint.lang.resolve;

import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.check.Suggest;
import dev.blueprint.lang.model.Access;
import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.ApiMember;
import dev.blueprint.lang.model.Block;
import dev.blueprint.lang.model.Decl;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.EnumDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.ImportDecl;
import dev.blueprint.lang.model.Name;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.model.ServiceDecl;
import dev.blueprint.lang.model.Setting;
import dev.blueprint.lang.model.SettingsDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.StoreDecl;
import dev.blueprint.lang.model.Value;
import dev.blueprint.lang.settings.Schema;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Loads a root file and its imports, declares every name and binds every use of one.
 * Reports what binding can see: duplicates, unknown names, missing and cyclic imports, a
 * missing or second service. Type rules are the checker's.
 *
 * <p>Roles are symbols too: the strings of the (first) security block's {@code roles} declare
 * them, and the strings of {@code requires role("…")} rules and of API clients' {@code roles}
 * refer to them, each by the string's inside (without the quotes). A role declared twice is
 * one symbol, the second string a reference to the first. Role mistakes (undeclared, unused,
 * duplicate) are the checker's to report, not the resolver's.
 */
public final class Resolver {
    private final Function<Path, Optional<SourceFile>> load;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final LinkedHashMap<Path, SourceFile> files = new LinkedHashMap<>();
    private final IdentityHashMap<Decl, Path> fileOfDecl = new IdentityHashMap<>();
    private final Map<String, Symbol> types = new HashMap<>();
    private final Map<String, Symbol> stores = new LinkedHashMap<>();
    private final Map<String, Symbol> roles = new LinkedHashMap<>();
    private SettingsDecl security;
    private Path securityFile;
    private final IdentityHashMap<Field, FieldType> fieldTypes = new IdentityHashMap<>();
    private final IdentityHashMap<Object, Symbol> symbolOfNode = new IdentityHashMap<>();
    private final ReferenceIndex references = new ReferenceIndex();

    /** The result of resolving: the bound program and what binding found wrong. */
    public record Result(Program program, List<Diagnostic> diagnostics) {}

    private Resolver(Function<Path, Optional<SourceFile>> load) {
        this.load = load;
    }

    /**
     * Resolves the program rooted at {@code root}, which must be loadable; {@code load} parses
     * a path into a file, or gives empty when no such source exists.
     */
    public static Result resolve(SourceFile root, Function<Path, Optional<SourceFile>> load) {
        Resolver r = new Resolver(load);
        r.loadAll(root, new ArrayDeque<>());
        r.declare();
        r.bind();
        Program program =
                new Program(root.path(), r.files, r.fileOfDecl, r.types, r.stores, r.roles, r.fieldTypes, r.references);
        return new Result(program, r.diagnostics);
    }

    private void loadAll(SourceFile file, Deque<Path> stack) {
        files.put(file.path(), file);
        stack.push(file.path());
        for (ImportDecl imp : file.decls(ImportDecl.class)) {
            if (imp.target().isEmpty()) {
                continue;
            }
            Path target;
            try {
                target = file.path().resolveSibling(imp.target()).normalize();
            } catch (java.nio.file.InvalidPathException e) { // a NUL, or a character the file system cannot name
                diagnostics.add(Diagnostic.of(
                        Code.IMPORT_NOT_FOUND,
                        file.path(),
                        imp.targetSpan(),
                        "cannot import '" + imp.target() + "': not a valid file path (" + e.getReason() + ")"));
                continue;
            }
            if (stack.contains(target)) {
                List<String> chain = new ArrayList<>();
                stack.descendingIterator()
                        .forEachRemaining(p -> chain.add(p.getFileName().toString()));
                chain.add(target.getFileName().toString());
                diagnostics.add(Diagnostic.of(
                        Code.IMPORT_CYCLE,
                        file.path(),
                        imp.targetSpan(),
                        "import cycle: "
                                + String.join(
                                        " -> ",
                                        chain.subList(
                                                chain.indexOf(
                                                        target.getFileName().toString()),
                                                chain.size()))));
                continue;
            }
            if (files.containsKey(target)) {
                continue;
            }
            Optional<SourceFile> imported = load.apply(target);
            if (imported.isEmpty()) {
                diagnostics.add(Diagnostic.of(
                        Code.IMPORT_NOT_FOUND,
                        file.path(),
                        imp.targetSpan(),
                        "cannot find imported file '" + imp.target() + "' (looked for " + target + ")"));
                continue;
            }
            loadAll(imported.get(), stack);
        }
        stack.pop();
    }

    // ---- declarations ------------------------------------------------------------------

    private void declare() {
        Symbol firstService = null;
        Map<SettingsDecl.Kind, SettingsDecl> blocks = new HashMap<>();
        Map<SettingsDecl.Kind, Path> blockFiles = new HashMap<>();
        for (SourceFile file : files.values()) {
            Path path = file.path();
            for (Decl decl : file.decls()) {
                fileOfDecl.put(decl, path);
                if (decl instanceof ServiceDecl s && !s.name().isMissing()) {
                    Symbol sym = declareSymbol(Symbol.Kind.SERVICE, s.name(), path, s, null);
                    if (firstService == null) {
                        firstService = sym;
                    } else {
                        diagnostics.add(Diagnostic.of(
                                        Code.DUPLICATE_SERVICE,
                                        path,
                                        s.name().span(),
                                        "a second service '" + s.name()
                                                + "': a program declares exactly one (the first is '"
                                                + firstService.name() + "')")
                                .withRelated(firstService.file(), firstService.nameSpan(), "the first service"));
                    }
                } else if (decl instanceof SettingsDecl s) {
                    SettingsDecl first = blocks.putIfAbsent(s.kind(), s);
                    if (first == null) {
                        blockFiles.put(s.kind(), path);
                    } else {
                        diagnostics.add(Diagnostic.of(
                                        Code.DUPLICATE_BLOCK,
                                        path,
                                        s.keywordSpan(),
                                        "a second '" + s.kind().keyword() + "' block: a program has at most one")
                                .withRelated(
                                        blockFiles.get(s.kind()),
                                        first.keywordSpan(),
                                        "the first '" + s.kind().keyword() + "' block"));
                    }
                } else if (decl instanceof StoreDecl s && !s.name().isMissing()) {
                    declareUnique(stores, Symbol.Kind.STORE, s.name(), path, s, null);
                } else if (decl instanceof EntityDecl e && !e.name().isMissing()) {
                    Symbol entity = declareType(Symbol.Kind.ENTITY, e.name(), path, e);
                    Map<String, Symbol> fields = new HashMap<>();
                    for (Field f : e.fields()) {
                        if (f.name().isMissing()) {
                            continue;
                        }
                        Symbol prior = fields.get(f.name().text());
                        Symbol sym = declareSymbol(Symbol.Kind.FIELD, f.name(), path, f, entity);
                        if (prior != null) {
                            diagnostics.add(Diagnostic.of(
                                            Code.DUPLICATE_FIELD,
                                            path,
                                            f.name().span(),
                                            "entity '" + e.name() + "' already has a field '" + f.name() + "'")
                                    .withRelated(prior.file(), prior.nameSpan(), "the first '" + f.name() + "'"));
                        } else {
                            fields.put(f.name().text(), sym);
                        }
                    }
                } else if (decl instanceof EnumDecl e && !e.name().isMissing()) {
                    Symbol owner = declareType(Symbol.Kind.ENUM, e.name(), path, e);
                    Map<String, Symbol> members = new HashMap<>();
                    for (Name m : e.members()) {
                        if (m.isMissing()) {
                            continue;
                        }
                        Symbol prior = members.get(m.text());
                        Symbol sym = declareSymbol(Symbol.Kind.ENUM_MEMBER, m, path, m, owner);
                        if (prior != null) {
                            diagnostics.add(Diagnostic.of(
                                            Code.DUPLICATE_MEMBER,
                                            path,
                                            m.span(),
                                            "enum '" + e.name() + "' already lists '" + m + "'")
                                    .withRelated(prior.file(), prior.nameSpan(), "the first '" + m + "'"));
                        } else {
                            members.put(m.text(), sym);
                        }
                        if (!m.text().equals(m.text().toUpperCase())) {
                            diagnostics.add(Diagnostic.of(
                                            Code.ENUM_MEMBER_CASE,
                                            path,
                                            m.span(),
                                            "enum members are upper case by convention: '"
                                                    + m.text().toUpperCase() + "'")
                                    .withFix(m.text().toUpperCase()));
                        }
                    }
                    if (e.members().isEmpty()) {
                        diagnostics.add(Diagnostic.of(
                                Code.EMPTY_ENUM, path, e.name().span(), "enum '" + e.name() + "' has no members"));
                    }
                }
            }
        }
        security = blocks.get(SettingsDecl.Kind.SECURITY);
        securityFile = blockFiles.get(SettingsDecl.Kind.SECURITY);
        declareRoles();
        if (firstService == null) {
            SourceFile root = files.values().iterator().next();
            Span at = root.decls().isEmpty() ? new Span(0, 0) : firstLine(root);
            diagnostics.add(Diagnostic.of(
                    Code.MISSING_SERVICE,
                    root.path(),
                    at,
                    "no service declared: add 'service Name { }' (a program declares exactly one)"));
        }
    }

    private static Span firstLine(SourceFile file) {
        Span first = file.decls().get(0).span();
        int end = file.lines().lineEnd(file.lines().line(first.start()), file.text());
        return new Span(first.start(), Math.max(first.start(), Math.min(end, first.end())));
    }

    private Symbol declareType(Symbol.Kind kind, Name name, Path file, Object node) {
        if (BuiltinType.named(name.text()).isPresent()) {
            Symbol sym = declareSymbol(kind, name, file, node, null);
            diagnostics.add(Diagnostic.of(
                    Code.DUPLICATE_NAME,
                    file,
                    name.span(),
                    "'" + name + "' is a built-in type; choose another name for this " + kind.label()));
            return sym;
        }
        return declareUnique(types, kind, name, file, node, null);
    }

    private Symbol declareUnique(
            Map<String, Symbol> scope, Symbol.Kind kind, Name name, Path file, Object node, Symbol owner) {
        Symbol sym = declareSymbol(kind, name, file, node, owner);
        Symbol prior = scope.putIfAbsent(name.text(), sym);
        if (prior != null) {
            diagnostics.add(Diagnostic.of(
                            Code.DUPLICATE_NAME,
                            file,
                            name.span(),
                            "'" + name + "' is already declared as "
                                    + article(prior.kind().label()) + " "
                                    + prior.kind().label())
                    .withRelated(prior.file(), prior.nameSpan(), "the first '" + name + "'"));
        }
        return sym;
    }

    private Symbol declareSymbol(Symbol.Kind kind, Name name, Path file, Object node, Symbol owner) {
        dev.blueprint.lang.model.Node modelNode = node instanceof dev.blueprint.lang.model.Node n ? n : null;
        Symbol sym = new Symbol(kind, name.text(), file, name.span(), modelNode, owner);
        symbolOfNode.put(node, sym);
        references.add(new Reference(file, name.span(), sym));
        return sym;
    }

    /** The roles the security block declares; a name written again refers to its first string. */
    private void declareRoles() {
        if (security == null) {
            return;
        }
        for (Value.Str s : strings(security.body(), Schema.ROLES.name())) {
            Symbol prior = roles.get(s.value());
            if (prior == null) {
                roles.put(
                        s.value(),
                        declareSymbol(Symbol.Kind.ROLE, new Name(s.value(), inside(s.span())), securityFile, s, null));
            } else {
                references.add(new Reference(securityFile, inside(s.span()), prior));
            }
        }
    }

    /** The non-empty string items of the list written under {@code key} in {@code block}. */
    private static List<Value.Str> strings(Block block, String key) {
        List<Value.Str> out = new ArrayList<>();
        block.find(key)
                .map(Setting::value)
                .filter(Value.ListOf.class::isInstance)
                .ifPresent(list -> {
                    for (Value item : ((Value.ListOf) list).items()) {
                        if (item instanceof Value.Str s
                                && !s.value().isEmpty()
                                && s.span().length() >= 2) {
                            out.add(s);
                        }
                    }
                });
        return out;
    }

    /** The block written under {@code key} in {@code block}, if it is one. */
    private static Optional<Block> nested(Block block, String key) {
        return block.find(key)
                .map(Setting::value)
                .filter(Value.Nested.class::isInstance)
                .map(v -> ((Value.Nested) v).block());
    }

    /** A string literal's span without its quotes. */
    private static Span inside(Span string) {
        return string.length() >= 2 ? new Span(string.start() + 1, string.end() - 1) : string;
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    // ---- uses --------------------------------------------------------------------------

    private void bind() {
        for (SourceFile file : files.values()) {
            Path path = file.path();
            for (Decl decl : file.decls()) {
                if (decl instanceof EntityDecl e) {
                    for (Field f : e.fields()) {
                        bindField(path, f);
                    }
                } else if (decl instanceof ApiDecl api) {
                    for (ApiMember m : api.members()) {
                        bindMember(path, m);
                    }
                } else if (decl == security) {
                    bindClientRoles(path, security.body());
                } else if (decl instanceof SettingsDecl s && s.kind() == SettingsDecl.Kind.PROBES) {
                    s.body().settings().stream()
                            .filter(setting -> setting.key().text().equals(Schema.CHECKS.name()))
                            .filter(setting -> setting.value() instanceof Value.ListOf)
                            .flatMap(setting -> ((Value.ListOf) setting.value()).items().stream())
                            .filter(Value.Ident.class::isInstance)
                            .map(v -> ((Value.Ident) v).name())
                            .forEach(n -> bindStore(path, n));
                }
            }
        }
    }

    private void bindStore(Path path, Name name) {
        Symbol store = stores.get(name.text());
        if (store != null) {
            references.add(new Reference(path, name.span(), store));
        } else if (!stores.isEmpty() || !name.text().equals("main")) {
            Optional<String> close = Suggest.closest(name.text(), stores.isEmpty() ? List.of("main") : stores.keySet());
            Diagnostic d = Diagnostic.of(
                    Code.UNKNOWN_STORE, path, name.span(), "unknown store '" + name + "'" + Suggest.didYouMean(close));
            diagnostics.add(close.map(d::withFix).orElse(d));
        }
    }

    private void bindField(Path path, Field f) {
        Name typeName = f.type().name();
        if (typeName.isMissing()) {
            fieldTypes.put(f, new FieldType.Unknown());
            return;
        }
        Optional<BuiltinType> builtin = BuiltinType.named(typeName.text());
        if (builtin.isPresent()) {
            BuiltinType t = builtin.get();
            List<Integer> args = f.type().args();
            int length = t == BuiltinType.STRING && !args.isEmpty() ? args.get(0) : BuiltinType.DEFAULT_STRING_LENGTH;
            int precision = t == BuiltinType.DECIMAL && !args.isEmpty() ? args.get(0) : BuiltinType.DEFAULT_PRECISION;
            int scale = t == BuiltinType.DECIMAL && args.size() > 1
                    ? args.get(1)
                    : t == BuiltinType.DECIMAL && !args.isEmpty() ? 0 : BuiltinType.DEFAULT_SCALE;
            fieldTypes.put(f, new FieldType.Builtin(t, length, precision, scale));
            return;
        }
        Symbol type = types.get(typeName.text());
        if (type == null) {
            fieldTypes.put(f, new FieldType.Unknown());
            List<String> candidates = Stream.concat(
                            types.keySet().stream(),
                            Arrays.stream(BuiltinType.values()).map(BuiltinType::keyword))
                    .toList();
            Optional<String> close = Suggest.closest(typeName.text(), candidates);
            Diagnostic d = Diagnostic.of(
                    Code.UNKNOWN_TYPE,
                    path,
                    typeName.span(),
                    "unknown type '" + typeName + "'" + Suggest.didYouMean(close));
            diagnostics.add(close.map(d::withFix).orElse(d));
            return;
        }
        references.add(new Reference(path, typeName.span(), type));
        if (type.node() instanceof EntityDecl entity) {
            fieldTypes.put(f, new FieldType.EntityRef(entity));
        } else {
            EnumDecl enumDecl = (EnumDecl) type.node();
            fieldTypes.put(f, new FieldType.EnumRef(enumDecl));
            if (f.defaultValue() instanceof Value.Ident member) {
                bindMember(path, enumDecl, member.name());
            }
        }
    }

    private void bindMember(Path path, EnumDecl enumDecl, Name member) {
        for (Name m : enumDecl.members()) {
            if (m.text().equals(member.text())) {
                references.add(new Reference(path, member.span(), symbolOfNode.get(m)));
                return;
            }
        }
        Optional<String> close = Suggest.closest(
                member.text(), enumDecl.members().stream().map(Name::text).toList());
        Diagnostic d = Diagnostic.of(
                Code.UNKNOWN_ENUM_MEMBER,
                path,
                member.span(),
                "enum '" + enumDecl.name() + "' has no member '" + member + "'" + Suggest.didYouMean(close)
                        + (close.isEmpty()
                                ? " (members: "
                                        + String.join(
                                                ", ",
                                                enumDecl.members().stream()
                                                        .map(Name::text)
                                                        .toList()) + ")"
                                : ""));
        diagnostics.add(close.map(d::withFix).orElse(d));
    }

    /** The roles of every API key client: {@code api_keys { clients { name { roles ["…"] } } }}. */
    private void bindClientRoles(Path path, Block securityBody) {
        nested(securityBody, Schema.API_KEYS_BLOCK.name())
                .flatMap(keys -> nested(keys, Schema.CLIENTS.name()))
                .ifPresent(clients -> {
                    for (Setting entry : clients.settings()) {
                        if (entry.value() instanceof Value.Nested client) {
                            strings(client.block(), Schema.CLIENT_ROLES.name())
                                    .forEach(s -> bindRole(path, s.value(), inside(s.span())));
                        }
                    }
                });
    }

    private void bindAccess(Path path, Access access) {
        if (access != null) {
            access.roles().forEach(role -> {
                if (role.span().length() >= 2) {
                    bindRole(path, role.name(), inside(role.span()));
                }
            });
        }
    }

    /** An undeclared role binds to nothing; the checker reports it. */
    private void bindRole(Path path, String name, Span span) {
        Symbol role = roles.get(name);
        if (role != null) {
            references.add(new Reference(path, span, role));
        }
    }

    private void bindMember(Path path, ApiMember member) {
        if (member instanceof Resource r) {
            bindEntity(path, r.entity());
            bindAccess(path, r.access());
            r.operations().forEach(o -> bindAccess(path, o.access()));
        } else if (member instanceof Route route) {
            bindAccess(path, route.access());
            Optional<EntityDecl> entity = bindEntity(path, route.entity());
            if (entity.isEmpty()) {
                return;
            }
            for (Route.Condition c : route.where()) {
                bindEntityField(path, entity.get(), c.field(), "where");
            }
            if (route.order() != null) {
                bindEntityField(path, entity.get(), route.order().field(), "order by");
            }
        }
    }

    private Optional<EntityDecl> bindEntity(Path path, Name name) {
        if (name.isMissing()) {
            return Optional.empty();
        }
        Symbol sym = types.get(name.text());
        if (sym != null && sym.node() instanceof EntityDecl entity) {
            references.add(new Reference(path, name.span(), sym));
            return Optional.of(entity);
        }
        List<String> entities = types.values().stream()
                .filter(s -> s.kind() == Symbol.Kind.ENTITY)
                .map(Symbol::name)
                .sorted()
                .toList();
        Optional<String> close = Suggest.closest(name.text(), entities);
        String what = sym != null ? "'" + name + "' is an enum, not an entity" : "unknown entity '" + name + "'";
        Diagnostic d = Diagnostic.of(Code.UNKNOWN_ENTITY, path, name.span(), what + Suggest.didYouMean(close));
        diagnostics.add(close.map(d::withFix).orElse(d));
        return Optional.empty();
    }

    private void bindEntityField(Path path, EntityDecl entity, Name field, String clause) {
        if (field.isMissing()) {
            return;
        }
        Optional<Field> f = entity.field(field.text());
        if (f.isPresent()) {
            references.add(new Reference(path, field.span(), symbolOfNode.get(f.get())));
            return;
        }
        Optional<String> close = Suggest.closest(
                field.text(), entity.fields().stream().map(x -> x.name().text()).toList());
        Diagnostic d = Diagnostic.of(
                Code.UNKNOWN_FIELD,
                path,
                field.span(),
                "entity '" + entity.name() + "' has no field '" + field + "' (in " + clause + ")"
                        + Suggest.didYouMean(close));
        diagnostics.add(close.map(d::withFix).orElse(d));
    }
}
