package dev.blueprint.lsp.ide;

import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.ApiMember;
import dev.blueprint.lang.model.Attribute;
import dev.blueprint.lang.model.Block;
import dev.blueprint.lang.model.Decl;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.ServiceDecl;
import dev.blueprint.lang.model.Setting;
import dev.blueprint.lang.model.SettingsDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.StoreDecl;
import dev.blueprint.lang.model.Value;
import dev.blueprint.lang.settings.BlockSchema;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.lang.settings.Kind;
import dev.blueprint.lang.settings.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finding model nodes by offset, and the settings blocks of a file with their schemas. */
public final class Nodes {
    private Nodes() {}

    /** A settings block with the schema that governs it. */
    public record SchemaBlock(Block block, BlockSchema schema) {}

    /** A written setting, the block schema it sits in and its key (null when unknown). */
    public record SettingHit(Setting setting, BlockSchema schema, Key key) {}

    /** A named entry of a map key's block ({@code desk { … }} in {@code clients}); {@code map} is the key, its block the entry's schema. */
    public record MapEntry(Setting entry, Key map) {}

    /** Every settings block of a file (nested ones and the entries of maps included), outermost first. */
    public static List<SchemaBlock> blocks(SourceFile file) {
        List<SchemaBlock> out = new ArrayList<>();
        for (Decl d : file.decls()) {
            Block body = null;
            BlockSchema schema = null;
            if (d instanceof ServiceDecl s) {
                body = s.body();
                schema = Schema.SERVICE;
            } else if (d instanceof StoreDecl s) {
                body = s.body();
                schema = Schema.STORE;
            } else if (d instanceof SettingsDecl s) {
                body = s.body();
                schema = Schema.block(s.kind().keyword()).orElse(null);
            }
            if (body != null && schema != null) {
                collect(body, schema, out);
            }
        }
        return out;
    }

    private static void collect(Block block, BlockSchema schema, List<SchemaBlock> out) {
        out.add(new SchemaBlock(block, schema));
        for (Setting s : block.settings()) {
            Optional<Key> key = schema.key(s.key().text());
            if (s.value() instanceof Value.Nested n
                    && key.isPresent()
                    && key.get().block() != null) {
                if (key.get().kind() == Kind.MAP) {
                    for (Setting entry : n.block().settings()) {
                        if (entry.value() instanceof Value.Nested e) {
                            collect(e.block(), key.get().block(), out);
                        }
                    }
                } else {
                    collect(n.block(), key.get().block(), out);
                }
            }
        }
    }

    /** Every entry of every map key in a file's settings blocks. */
    public static List<MapEntry> mapEntries(SourceFile file) {
        List<MapEntry> out = new ArrayList<>();
        for (SchemaBlock b : blocks(file)) {
            for (Setting s : b.block().settings()) {
                Optional<Key> key = b.schema().key(s.key().text());
                if (s.value() instanceof Value.Nested n
                        && key.isPresent()
                        && key.get().kind() == Kind.MAP) {
                    n.block().settings().stream()
                            .filter(e -> !e.key().isMissing())
                            .forEach(e -> out.add(new MapEntry(e, key.get())));
                }
            }
        }
        return out;
    }

    /** The map entry whose name the cursor touches. */
    public static Optional<MapEntry> mapEntryAt(SourceFile file, int offset) {
        return mapEntries(file).stream()
                .filter(e -> e.entry().key().span().touches(offset))
                .findFirst();
    }

    /** The innermost settings block whose braces hold {@code offset}. */
    public static Optional<SchemaBlock> blockAt(SourceFile file, int offset) {
        SchemaBlock best = null;
        for (SchemaBlock b : blocks(file)) {
            if (b.block().span().contains(offset)
                    && (best == null || best.block().span().covers(b.block().span()))) {
                best = b;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The setting whose key the cursor touches. */
    public static Optional<SettingHit> settingKeyAt(SourceFile file, int offset) {
        return settingAt(file, offset).filter(h -> h.setting().key().span().touches(offset));
    }

    /** The innermost setting that holds {@code offset} (key or value). */
    public static Optional<SettingHit> settingAt(SourceFile file, int offset) {
        SettingHit best = null;
        for (SchemaBlock b : blocks(file)) {
            for (Setting s : b.block().settings()) {
                if (s.span().touches(offset)
                        && (best == null || best.setting().span().covers(s.span()))) {
                    best = new SettingHit(
                            s, b.schema(), b.schema().key(s.key().text()).orElse(null));
                }
            }
        }
        return Optional.ofNullable(best);
    }

    public static Optional<Decl> declAt(SourceFile file, int offset) {
        return file.decls().stream().filter(d -> d.span().touches(offset)).findFirst();
    }

    public static Optional<EntityDecl> entityAt(SourceFile file, int offset) {
        return declAt(file, offset).filter(EntityDecl.class::isInstance).map(EntityDecl.class::cast);
    }

    public static Optional<Field> fieldAt(SourceFile file, int offset) {
        return entityAt(file, offset)
                .flatMap(e -> e.fields().stream()
                        .filter(f -> f.span().touches(offset))
                        .findFirst());
    }

    public static Optional<Attribute> attributeAt(SourceFile file, int offset) {
        return fieldAt(file, offset)
                .flatMap(f -> f.attributes().stream()
                        .filter(a -> a.span().touches(offset))
                        .findFirst());
    }

    public static Optional<ApiMember> apiMemberAt(SourceFile file, int offset) {
        return declAt(file, offset)
                .filter(ApiDecl.class::isInstance)
                .map(ApiDecl.class::cast)
                .flatMap(api -> api.members().stream()
                        .filter(m -> m.span().touches(offset))
                        .findFirst());
    }
}
