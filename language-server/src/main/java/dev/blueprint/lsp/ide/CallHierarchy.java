package dev.blueprint.lsp.ide;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.resolve.FieldType;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.resolve.Symbol;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Call hierarchy over entities: incoming are the endpoints that serve an entity and the
 * entities whose fields reference it; outgoing are the entities it references.
 */
public final class CallHierarchy {
    private CallHierarchy() {}

    public enum ItemKind {
        ENTITY,
        ENDPOINT
    }

    /** A node of the hierarchy: {@code span} all of it, {@code selection} its name. */
    public record Item(String name, String detail, ItemKind kind, Path file, Span span, Span selection) {}

    /** An edge: the other item, and where in it the entity is named. */
    public record Call(Item item, List<Span> at) {}

    public static Optional<Item> prepare(FileContext ctx, int offset) {
        return Navigation.symbolAt(ctx, offset)
                .filter(s -> s.kind() == Symbol.Kind.ENTITY)
                .map(CallHierarchy::item);
    }

    private static Item item(Symbol s) {
        EntityDecl e = (EntityDecl) s.node();
        return new Item(s.name(), "entity", ItemKind.ENTITY, s.file(), e.span(), s.nameSpan());
    }

    private static Optional<EntityDecl> entityOf(Snapshot snapshot, Item item, Analysis[] seenIn) {
        for (Analysis a : snapshot.analysesContaining(item.file())) {
            Optional<EntityDecl> e = a.program()
                    .entity(item.name())
                    .filter(x -> item.file().equals(a.program().fileOf(x)));
            if (e.isPresent()) {
                seenIn[0] = a;
                return e;
            }
        }
        return Optional.empty();
    }

    public static List<Call> incoming(Snapshot snapshot, Item item) {
        Analysis[] in = new Analysis[1];
        Optional<EntityDecl> entity = entityOf(snapshot, item, in);
        if (entity.isEmpty()) {
            return List.of();
        }
        Program program = in[0].program();
        String name = entity.get().name().text();
        List<Call> out = new ArrayList<>();
        for (ApiDecl api : program.apis()) {
            Path file = program.fileOf(api);
            Map<Object, List<Endpoint>> byMember = Endpoint.of(api).stream()
                    .collect(Collectors.groupingBy(Endpoint::member, LinkedHashMap::new, Collectors.toList()));
            for (var m : api.members()) {
                if (m instanceof Resource r && r.entity().text().equals(name)) {
                    String routes = byMember.getOrDefault(r, List.of()).stream()
                            .map(Endpoint::toString)
                            .collect(Collectors.joining(", "));
                    out.add(new Call(
                            new Item("resource " + r.path(), routes, ItemKind.ENDPOINT, file, r.span(), r.pathSpan()),
                            List.of(r.entity().span())));
                } else if (m instanceof Route r && r.entity().text().equals(name)) {
                    String label = byMember.getOrDefault(r, List.of()).stream()
                            .map(Endpoint::toString)
                            .findFirst()
                            .orElse(r.path());
                    out.add(new Call(
                            new Item(label, "route", ItemKind.ENDPOINT, file, r.span(), r.pathSpan()),
                            List.of(r.entity().span())));
                }
            }
        }
        for (EntityDecl other : program.entities()) {
            List<Span> at = new ArrayList<>();
            for (Field f : other.fields()) {
                if (program.typeOf(f) instanceof FieldType.EntityRef ref && ref.decl() == entity.get()) {
                    at.add(f.type().name().span());
                }
            }
            if (!at.isEmpty()) {
                out.add(new Call(
                        new Item(
                                other.name().text(),
                                "entity",
                                ItemKind.ENTITY,
                                program.fileOf(other),
                                other.span(),
                                other.name().span()),
                        at));
            }
        }
        return out;
    }

    public static List<Call> outgoing(Snapshot snapshot, Item item) {
        Analysis[] in = new Analysis[1];
        Optional<EntityDecl> entity = entityOf(snapshot, item, in);
        if (entity.isEmpty()) {
            return List.of();
        }
        Program program = in[0].program();
        Map<EntityDecl, List<Span>> refs = new LinkedHashMap<>();
        for (Field f : entity.get().fields()) {
            if (program.typeOf(f) instanceof FieldType.EntityRef ref) {
                refs.computeIfAbsent(ref.decl(), k -> new ArrayList<>())
                        .add(f.type().name().span());
            }
        }
        List<Call> out = new ArrayList<>();
        refs.forEach((e, at) -> out.add(new Call(
                new Item(
                        e.name().text(),
                        "entity",
                        ItemKind.ENTITY,
                        program.fileOf(e),
                        e.span(),
                        e.name().span()),
                at)));
        return out;
    }
}
