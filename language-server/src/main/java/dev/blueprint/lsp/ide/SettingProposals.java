package dev.blueprint.lsp.ide;

import dev.blueprint.lang.naming.EnvironmentNames;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.settings.BlockSchema;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.lang.settings.Kind;
import dev.blueprint.lang.settings.Schema;
import dev.blueprint.lsp.ide.Completion.Builder;
import dev.blueprint.lsp.ide.Completion.ItemKind;
import java.util.Set;

/** The proposals inside settings blocks: keys with their docs and defaults, values that fit a key, list items, map entries. */
final class SettingProposals {
    private SettingProposals() {}

    /** The schema's keys, but those already {@code written} (unless it is the one being typed). */
    static void keys(BlockSchema schema, Set<String> written, String prefix, Builder out) {
        for (Key k : schema.keys()) {
            if (written.contains(k.name()) && !k.name().equals(prefix)) {
                continue;
            }
            String doc = keyDoc(k);
            if (k.kind() == Kind.BLOCK || k.kind() == Kind.MAP) {
                out.add(k.name(), ItemKind.KEY, k.kind().description(), doc, k.name() + " {\n  $0\n}", true);
            } else {
                out.add(
                        k.name(),
                        ItemKind.KEY,
                        k.expectation() + " · default " + k.defaultText(),
                        doc,
                        k.name() + " ",
                        false);
            }
        }
    }

    /** Inside a key's list: stores, or the choices not listed yet. */
    static void listItems(Key k, Set<String> listed, Program program, Builder out) {
        if (k.kind() == Kind.STORE_LIST) {
            stores(program, out);
        } else if (k.kind() == Kind.CHOICE_LIST) {
            k.choices().stream()
                    .filter(c -> !listed.contains(c))
                    .forEach(c -> out.add(c, ItemKind.VALUE, k.name(), k.doc(), c, false));
        }
    }

    /** Values that fit a key: its choices, its default, numbers with each unit, off, env(…). */
    static void values(Key k, String prefix, Builder out) {
        String def = k.defaultText();
        switch (k.kind()) {
            case CHOICE ->
                k.choices()
                        .forEach(c -> out.add(
                                c, ItemKind.VALUE, k.name() + (c.equals(def) ? " (default)" : ""), k.doc(), c, false));
            case DURATION, SIZE, CPU, PERCENT -> {
                String digits = prefix.replaceAll("[^0-9.].*$", "");
                if (!digits.isEmpty() && Character.isDigit(digits.charAt(0))) {
                    for (String u : k.kind().units()) {
                        out.add(digits + u, ItemKind.UNIT, k.kind().description(), k.doc(), digits + u, false);
                    }
                    if (k.kind() == Kind.CPU) {
                        out.add(digits, ItemKind.UNIT, "cores", k.doc(), digits, false);
                    }
                } else if (!def.contains(" ")) {
                    out.add(def, ItemKind.VALUE, "default", k.doc(), def, false);
                }
            }
            case INT -> {
                if (def.matches("-?[0-9]+")) {
                    out.add(def, ItemKind.VALUE, "default", k.doc(), def, false);
                }
            }
            case STRING, PATH -> {
                if (def.startsWith("\"")) {
                    out.add(def, ItemKind.VALUE, "default", k.doc(), def, false);
                }
            }
            case STORE_LIST -> out.add("[…]", ItemKind.VALUE, "stores readiness checks", k.doc(), "[$0]", true);
            case BOOL -> {
                out.add(
                        "true",
                        ItemKind.VALUE,
                        k.name() + (def.equals("true") ? " (default)" : ""),
                        k.doc(),
                        "true",
                        false);
                out.add(
                        "false",
                        ItemKind.VALUE,
                        k.name() + (def.equals("false") ? " (default)" : ""),
                        k.doc(),
                        "false",
                        false);
            }
            case CHOICE_LIST, STRING_LIST -> {
                if (def.startsWith("[")) {
                    out.add(def, ItemKind.VALUE, "default", k.doc(), def, false);
                }
                out.add(
                        "[…]",
                        ItemKind.VALUE,
                        k.expectation(),
                        k.doc(),
                        k.kind() == Kind.STRING_LIST ? "[\"$1\"]$0" : "[$0]",
                        true);
            }
            case MAP -> out.add("{…}", ItemKind.VALUE, "named entries", k.doc(), "{\n  $0\n}", true);
            case INT_RANGE -> out.add("2..10", ItemKind.VALUE, "min..max", k.doc(), "${1:2}..${2:10}", true);
            case BLOCK -> out.add("{…}", ItemKind.VALUE, "block", k.doc(), "{\n  $0\n}", true);
            default -> {}
        }
        if (k.offAllowed()) {
            out.add("off", ItemKind.VALUE, def.equals("off") ? "default" : "turn off", k.doc(), "off", false);
        }
        if (k.envAllowed()) {
            out.add(
                    "env(\"…\")",
                    ItemKind.SNIPPET,
                    "from an environment variable",
                    "Read the value from an environment variable, with an optional fallback.",
                    "env(\"${1:NAME}\"$2)$0",
                    true);
        }
    }

    private static void stores(Program program, Builder out) {
        program.storeSymbols().keySet().forEach(s -> out.add(s, ItemKind.STORE, "store", null, s, false));
        if (program.storeSymbols().isEmpty()) {
            out.add("main", ItemKind.STORE, "the implicit store", null, "main", false);
        }
    }

    private static String keyDoc(Key k) {
        StringBuilder s = new StringBuilder(k.doc());
        s.append("\n\nValue: ")
                .append(k.expectation())
                .append(". Default: ")
                .append(k.defaultText())
                .append('.');
        if (!k.boundsText().isEmpty()) {
            s.append(" Bounds: ").append(k.boundsText()).append('.');
        }
        return s.toString();
    }

    /** At the start of a line inside a map ({@code clients {}}): a new entry, named after the word typed so far. */
    static void mapEntry(BlockSchema entry, String prefix, Builder out) {
        String name = prefix.matches("[A-Za-z_][A-Za-z0-9_]*") ? prefix : "name";
        if (entry == Schema.CLIENT) {
            String variable = name.equals("name") ? "NAME_API_KEY" : EnvironmentNames.clientKey(name);
            out.add(
                    name + " { " + Schema.KEY.name() + ", " + Schema.CLIENT_ROLES.name() + " }",
                    ItemKind.SNIPPET,
                    "API key client",
                    Schema.CLIENT.doc(),
                    clientSnippet("${1:" + name + "}", "${2:" + variable + "}", "$3") + "$0",
                    true);
        } else {
            out.add(
                    name + " { … }",
                    ItemKind.SNIPPET,
                    entry.name() + " entry",
                    entry.doc(),
                    "${1:" + name + "} {\n  $0\n}",
                    true);
        }
    }

    /** Roles, and one API key client that holds them: the smallest security block that authenticates. */
    static String securitySnippet() {
        return Schema.SECURITY.name() + " {\n"
                + "  " + Schema.ROLES.name() + " [\"${1:clerk}\"]\n"
                + "  " + Schema.API_KEYS_BLOCK.name() + " {\n"
                + "    " + Schema.CLIENTS.name() + " {\n"
                + indent(clientSnippet("${2:desk}", "${3:DESK_API_KEY}", "\"${1}\""), "      ") + "\n"
                + "    }\n"
                + "  }\n"
                + "}$0";
    }

    /** A client entry of {@code clients}: {@code name { key env("…") roles […] }}. */
    private static String clientSnippet(String name, String variable, String roles) {
        return name + " {\n  " + Schema.KEY.name() + " env(\"" + variable + "\")\n  " + Schema.CLIENT_ROLES.name()
                + " [" + roles + "]\n}";
    }

    private static String indent(String text, String by) {
        return by + text.replace("\n", "\n" + by);
    }
}
