package dev.blueprint.lang.resolve;

import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.Decl;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.EnumDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.ServiceDecl;
import dev.blueprint.lang.model.SettingsDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.StoreDecl;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A root file and everything it imports, with every name bound. Declarations are listed in
 * program order: the root file's first, then each import's, depth first.
 */
public final class Program {
    private final Path root;
    private final Map<Path, SourceFile> files;
    private final Map<Decl, Path> fileOfDecl;
    private final Map<String, Symbol> types;
    private final Map<String, Symbol> stores;
    private final Map<String, Symbol> roles;
    private final Map<Field, FieldType> fieldTypes;
    private final ReferenceIndex references;

    Program(
            Path root,
            LinkedHashMap<Path, SourceFile> files,
            IdentityHashMap<Decl, Path> fileOfDecl,
            Map<String, Symbol> types,
            Map<String, Symbol> stores,
            Map<String, Symbol> roles,
            IdentityHashMap<Field, FieldType> fieldTypes,
            ReferenceIndex references) {
        this.root = root;
        this.files = Collections.unmodifiableMap(files);
        this.fileOfDecl = fileOfDecl;
        this.types = Collections.unmodifiableMap(types);
        this.stores = Collections.unmodifiableMap(stores);
        this.roles = Collections.unmodifiableMap(roles);
        this.fieldTypes = fieldTypes;
        this.references = references;
    }

    public Path root() {
        return root;
    }

    /** Every file of the program, the root first. */
    public Map<Path, SourceFile> files() {
        return files;
    }

    public SourceFile rootFile() {
        return files.get(root);
    }

    public Path fileOf(Decl decl) {
        return fileOfDecl.get(decl);
    }

    public <T extends Decl> List<T> all(Class<T> kind) {
        return files.values().stream().flatMap(f -> f.decls(kind).stream()).toList();
    }

    public List<ServiceDecl> services() {
        return all(ServiceDecl.class);
    }

    /** The first service, if any (a second one is an error). */
    public Optional<ServiceDecl> service() {
        return services().stream().findFirst();
    }

    public List<EntityDecl> entities() {
        return all(EntityDecl.class);
    }

    public List<EnumDecl> enums() {
        return all(EnumDecl.class);
    }

    public List<StoreDecl> stores() {
        return all(StoreDecl.class);
    }

    public List<ApiDecl> apis() {
        return all(ApiDecl.class);
    }

    /** The first block of this kind (a second one is an error). */
    public Optional<SettingsDecl> settings(SettingsDecl.Kind kind) {
        return all(SettingsDecl.class).stream().filter(s -> s.kind() == kind).findFirst();
    }

    /** The entity or enum declared under {@code name} (they share one namespace). */
    public Optional<Symbol> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Optional<EntityDecl> entity(String name) {
        return type(name).map(Symbol::node).filter(EntityDecl.class::isInstance).map(EntityDecl.class::cast);
    }

    public Optional<EnumDecl> enumNamed(String name) {
        return type(name).map(Symbol::node).filter(EnumDecl.class::isInstance).map(EnumDecl.class::cast);
    }

    public Map<String, Symbol> storeSymbols() {
        return stores;
    }

    /** The declared roles (of the security block's {@code roles}), in written order. */
    public Map<String, Symbol> roleSymbols() {
        return roles;
    }

    /** What a field's type resolved to. */
    public FieldType typeOf(Field field) {
        return fieldTypes.getOrDefault(field, new FieldType.Unknown());
    }

    public ReferenceIndex references() {
        return references;
    }
}
