package dev.blueprint.lsp.ide;

import dev.blueprint.lang.settings.Schema;
import dev.blueprint.lang.source.Span;
import dev.blueprint.lsp.ide.CursorContext.Site;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Completion: the proposals that fit where the cursor stands ({@link CursorContext#site()}),
 * narrowed by the word typed. What a site proposes is in {@link SettingProposals} (settings
 * blocks), {@link EntityProposals} (entities and fields) and {@link ApiProposals} (resources,
 * routes, access rules and roles); declarations and imports are here.
 */
public final class Completion {
    private Completion() {}

    public enum ItemKind {
        KEYWORD,
        KEY,
        VALUE,
        UNIT,
        TYPE,
        ENTITY,
        ENUM,
        MEMBER,
        FIELD,
        ATTRIBUTE,
        OPERATION,
        STORE,
        PARAM,
        SNIPPET,
        FILE
    }

    /**
     * One proposal. {@code insert} replaces {@code replace}; it is a snippet (with {@code $1},
     * {@code $0} tab stops) when {@code snippet} is set.
     */
    public record Item(
            String label, ItemKind kind, String detail, String doc, String insert, boolean snippet, Span replace) {}

    /** At most this many proposals are returned (the rest would be filtered out by typing anyway). */
    public static final int LIMIT = 200;

    /**
     * The proposals at {@code offset} whose labels contain the typed word's letters in order
     * (case-insensitive), at most {@link #LIMIT}.
     */
    public static List<Item> complete(FileContext ctx, int offset) {
        CursorContext cursor = ctx.cursor(offset);
        List<Item> all = proposals(cursor);
        String prefix = cursor.typed();
        return all.stream().filter(i -> matches(i.label(), prefix)).limit(LIMIT).toList();
    }

    private static boolean matches(String label, String prefix) {
        String l = label.toLowerCase(Locale.ROOT);
        String p = prefix.toLowerCase(Locale.ROOT);
        int i = 0;
        for (int j = 0; j < l.length() && i < p.length(); j++) {
            if (l.charAt(j) == p.charAt(i)) {
                i++;
            }
        }
        return i == p.length();
    }

    /** Everything that fits the cursor's site, before narrowing. */
    private static List<Item> proposals(CursorContext cursor) {
        Builder out = new Builder(cursor.replace());
        FileContext ctx = cursor.file();
        Site site = cursor.site();
        if (site instanceof Site.Declaration) {
            declarations(out);
        } else if (site instanceof Site.ImportPath) {
            importFiles(ctx, out);
        } else if (site instanceof Site.SettingKey k) {
            SettingProposals.keys(k.schema(), k.written(), cursor.typed(), out);
        } else if (site instanceof Site.SettingValue v) {
            SettingProposals.values(v.key(), cursor.typed(), out);
        } else if (site instanceof Site.ListItem l) {
            SettingProposals.listItems(l.key(), l.listed(), ctx.program(), out);
        } else if (site instanceof Site.NewMapEntry m) {
            SettingProposals.mapEntry(m.entry(), cursor.typed(), out);
        } else if (site instanceof Site.FieldStart f) {
            EntityProposals.fieldStart(f.firstWithoutKey(), out);
        } else if (site instanceof Site.FieldTypeName) {
            EntityProposals.types(ctx.program(), out);
        } else if (site instanceof Site.AttributeName a) {
            EntityProposals.attributes(a.type(), a.withAt(), out);
        } else if (site instanceof Site.DefaultValue d) {
            EntityProposals.defaults(d.type(), out);
        } else if (site instanceof Site.RoleName r) {
            ApiProposals.roleNames(r, ctx.program(), out);
        } else if (site instanceof Site.ApiMemberStart) {
            ApiProposals.members(out);
        } else if (site instanceof Site.EntityName) {
            ApiProposals.entities(ctx.program(), out);
        } else if (site instanceof Site.AccessRule) {
            ApiProposals.access(ctx.program(), out);
        } else if (site instanceof Site.Requirement) {
            ApiProposals.requirement(ctx.program(), out);
        } else if (site instanceof Site.Operation o) {
            ApiProposals.operations(o, ctx.program(), out);
        } else if (site instanceof Site.RouteField f) {
            ApiProposals.fields(f.entity(), ctx.program(), out);
        } else if (site instanceof Site.RouteParameter p) {
            ApiProposals.parameters(p, out);
        } else if (site instanceof Site.RouteClause c) {
            ApiProposals.clause(c, ctx.program(), out);
        }
        return out.items;
    }

    private static void declarations(Builder out) {
        out.snippet(
                "service", "service block", "service ${1:Name} {\n  version \"${2:0.1.0}\"\n}$0", Schema.SERVICE.doc());
        out.snippet("server", "server block", "server {\n  port ${1:8080}\n}$0", Schema.SERVER.doc());
        out.snippet("store", "store block", "store ${1:main} {\n  engine ${2|h2,postgres|}\n}$0", Schema.STORE.doc());
        out.snippet(
                "entity",
                "entity declaration",
                "entity ${1:Name} {\n  id: uuid @key\n  $0\n}",
                "An entity: a table and a JSON resource.");
        out.snippet(
                "enum",
                "enum declaration",
                "enum ${1:Name} { ${2:A}, ${3:B} }$0",
                "An enum: a closed set of names, stored as text.");
        out.snippet(
                "api",
                "api block",
                "api \"${1:/api/v1}\" {\n  $0\n}",
                "An HTTP API under a path prefix: resources and routes.");
        out.snippet("probes", "probes block", "probes {\n  $0\n}", Schema.PROBES.doc());
        out.snippet("deploy", "deploy block", "deploy {\n  replicas ${1:2}\n}$0", Schema.DEPLOY.doc());
        out.snippet("security", "security block", SettingProposals.securitySnippet(), Schema.SECURITY.doc());
        out.snippet(
                "import",
                "import a file",
                "import \"${1:common.blueprint}\"$0",
                "Makes another file's declarations visible here.");
    }

    private static void importFiles(FileContext ctx, Builder out) {
        Path dir = ctx.path().getParent();
        for (Path p : ctx.snapshot().paths()) {
            if (!p.equals(ctx.path()) && dir != null && p.startsWith(dir)) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                out.add("\"" + rel + "\"", ItemKind.FILE, "blueprint file", null, "\"" + rel + "\"", false);
            }
        }
    }

    /** Collects items, all replacing the same span. */
    static final class Builder {
        final List<Item> items = new ArrayList<>();
        final Span replace;

        Builder(Span replace) {
            this.replace = replace;
        }

        void add(String label, ItemKind kind, String detail, String doc, String insert, boolean snippet) {
            items.add(new Item(label, kind, detail, doc, insert, snippet, replace));
        }

        void snippet(String label, String detail, String body, String doc) {
            items.add(new Item(label, ItemKind.SNIPPET, detail, doc, body, true, replace));
        }
    }
}
