package dev.blueprint.lsp;

import dev.blueprint.lang.check.Severity;
import dev.blueprint.lang.naming.Identifiers;
import dev.blueprint.lsp.ide.Completion;
import dev.blueprint.lsp.ide.SemanticTokens;
import dev.blueprint.lsp.ide.Symbols;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** From the IDE layer's values to LSP4J's: the "to protocol" step of every handler. */
final class Convert {
    private Convert() {}

    static final SemanticTokensLegend LEGEND = new SemanticTokensLegend(
            Arrays.stream(SemanticTokens.Type.values())
                    .map(t -> camel(t.name()))
                    .toList(),
            Arrays.stream(SemanticTokens.Modifier.values())
                    .map(m -> camel(m.name()))
                    .toList());

    static String camel(String upperSnake) {
        return Identifiers.lowerCamel(upperSnake.toLowerCase(Locale.ROOT));
    }

    static Diagnostic diagnostic(
            dev.blueprint.lang.check.Diagnostic d,
            Positions pos,
            Function<Path, Positions> positionsOf,
            Function<Path, String> uriOf) {
        Diagnostic out = new Diagnostic(
                pos.range(d.span()),
                d.message(),
                severity(d.severity()),
                "blueprint",
                d.code().id());
        if (!d.related().isEmpty()) {
            List<DiagnosticRelatedInformation> related = new ArrayList<>();
            for (var r : d.related()) {
                related.add(new DiagnosticRelatedInformation(
                        new Location(
                                uriOf.apply(r.file()),
                                positionsOf.apply(r.file()).range(r.span())),
                        r.message()));
            }
            out.setRelatedInformation(related);
        }
        if (d.unnecessary()) {
            out.setTags(List.of(DiagnosticTag.Unnecessary));
        }
        return out;
    }

    static DiagnosticSeverity severity(Severity s) {
        return switch (s) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFO -> DiagnosticSeverity.Information;
            case HINT -> DiagnosticSeverity.Hint;
        };
    }

    static CompletionItem completion(Completion.Item item, Positions pos, int index) {
        CompletionItem c = new CompletionItem(item.label());
        c.setKind(
                switch (item.kind()) {
                    case KEYWORD -> CompletionItemKind.Keyword;
                    case KEY -> CompletionItemKind.Property;
                    case VALUE -> CompletionItemKind.Value;
                    case UNIT -> CompletionItemKind.Unit;
                    case TYPE -> CompletionItemKind.TypeParameter;
                    case ENTITY -> CompletionItemKind.Class;
                    case ENUM -> CompletionItemKind.Enum;
                    case MEMBER -> CompletionItemKind.EnumMember;
                    case FIELD -> CompletionItemKind.Field;
                    case ATTRIBUTE -> CompletionItemKind.Property;
                    case OPERATION -> CompletionItemKind.Method;
                    case STORE -> CompletionItemKind.Variable;
                    case PARAM -> CompletionItemKind.Variable;
                    case SNIPPET -> CompletionItemKind.Snippet;
                    case FILE -> CompletionItemKind.File;
                });
        c.setDetail(item.detail());
        if (item.doc() != null) {
            c.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, item.doc()));
        }
        c.setInsertTextFormat(item.snippet() ? InsertTextFormat.Snippet : InsertTextFormat.PlainText);
        c.setTextEdit(Either.forLeft(new TextEdit(pos.range(item.replace()), item.insert())));
        c.setSortText(String.format("%04d", index));
        c.setFilterText(
                item.label().startsWith("$") || item.label().startsWith("@")
                        ? item.label().substring(1)
                        : item.label());
        return c;
    }

    static SymbolKind symbolKind(Symbols.SymbolKind k) {
        return switch (k) {
            case SERVICE -> SymbolKind.Module;
            case BLOCK -> SymbolKind.Namespace;
            case STORE -> SymbolKind.Variable;
            case ENTITY -> SymbolKind.Class;
            case ENUM -> SymbolKind.Enum;
            case FIELD -> SymbolKind.Field;
            case MEMBER -> SymbolKind.EnumMember;
            case API -> SymbolKind.Interface;
            case ENDPOINT -> SymbolKind.Method;
            case KEY -> SymbolKind.Property;
            case IMPORT -> SymbolKind.File;
        };
    }

    /** Encodes semantic tokens (relative lines and UTF-16 starts); a token across lines is split per line. */
    static List<Integer> encode(List<SemanticTokens.Token> tokens, Positions pos, String text) {
        List<Integer> data = new ArrayList<>();
        int lastLine = 0;
        int lastCol = 0;
        for (SemanticTokens.Token t : tokens) {
            int start = t.span().start();
            int end = Math.min(t.span().end(), text.length());
            while (start < end) {
                int line = pos.line(start);
                int lineEnd = line + 1 < pos.lineCount() ? pos.lineStart(line + 1) : text.length();
                int segEnd = Math.min(end, lineEnd);
                int trimmed = segEnd;
                while (trimmed > start && (text.charAt(trimmed - 1) == '\n' || text.charAt(trimmed - 1) == '\r')) {
                    trimmed--;
                }
                if (trimmed > start) {
                    int col = pos.column(start);
                    data.add(line - lastLine);
                    data.add(line == lastLine ? col - lastCol : col);
                    data.add(trimmed - start);
                    data.add(t.type().ordinal());
                    data.add(t.modifiers());
                    lastLine = line;
                    lastCol = col;
                }
                start = segEnd;
            }
        }
        return data;
    }

    /** One edit that turns {@code before} into {@code after}: the middle between their common prefix and suffix. */
    static List<org.eclipse.lsp4j.SemanticTokensEdit> delta(List<Integer> before, List<Integer> after) {
        int prefix = 0;
        int max = Math.min(before.size(), after.size());
        while (prefix < max && before.get(prefix).equals(after.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && before.get(before.size() - 1 - suffix).equals(after.get(after.size() - 1 - suffix))) {
            suffix++;
        }
        if (prefix == before.size() && prefix == after.size()) {
            return List.of();
        }
        return List.of(new org.eclipse.lsp4j.SemanticTokensEdit(
                prefix,
                before.size() - prefix - suffix,
                new ArrayList<>(after.subList(prefix, after.size() - suffix))));
    }
}
