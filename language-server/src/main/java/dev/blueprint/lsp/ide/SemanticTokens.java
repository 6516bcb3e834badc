package dev.blueprint.lsp.ide;

import static dev.blueprint.lang.syntax.BlueprintLexer.*;

import dev.blueprint.lang.resolve.BuiltinType;
import dev.blueprint.lang.resolve.Reference;
import dev.blueprint.lang.resolve.Symbol;
import dev.blueprint.lang.source.Span;
import dev.blueprint.lsp.ide.Tokens.Tok;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Classifies every token of a file for highlighting: names by what they resolve to, keys, attributes, units. */
public final class SemanticTokens {
    private SemanticTokens() {}

    /** The token types, in legend order. */
    public enum Type {
        KEYWORD,
        TYPE,
        CLASS,
        ENUM,
        ENUM_MEMBER,
        PROPERTY,
        VARIABLE,
        PARAMETER,
        DECORATOR,
        STRING,
        NUMBER,
        COMMENT,
        OPERATOR,
        NAMESPACE
    }

    /** The modifiers, in legend order (bit i is the i-th). */
    public enum Modifier {
        DECLARATION,
        DOCUMENTATION,
        DEFAULT_LIBRARY
    }

    public record Token(Span span, Type type, int modifiers) {}

    public static List<Token> tokens(FileContext ctx, Span range) {
        Map<Integer, Reference> refs = new HashMap<>();
        for (Reference r : ctx.program().references().inFile(ctx.path())) {
            refs.put(r.span().start(), r);
        }
        Set<Integer> keys = new HashSet<>();
        Nodes.blocks(ctx.file())
                .forEach(b -> b.block()
                        .settings()
                        .forEach(s -> keys.add(s.key().span().start())));
        Set<Integer> entries = new HashSet<>();
        Nodes.mapEntries(ctx.file())
                .forEach(e -> entries.add(e.entry().key().span().start()));
        List<Token> out = new ArrayList<>();
        Tok prev = null;
        for (Tok t : ctx.tokens()) {
            if (t.end() < range.start() || t.start() > range.end()) {
                if (!t.isComment()) prev = t;
                continue;
            }
            Type type = null;
            int mods = 0;
            switch (t.type()) {
                case DOC_COMMENT -> {
                    type = Type.COMMENT;
                    mods = 1 << Modifier.DOCUMENTATION.ordinal();
                }
                case LINE_COMMENT, BLOCK_COMMENT -> type = Type.COMMENT;
                case STRING, UNTERMINATED_STRING -> type = Type.STRING;
                case INT, DECIMAL, QUANTITY -> type = Type.NUMBER;
                case ARROW, EQEQ, ASSIGN, DOTDOT, QUESTION -> type = Type.OPERATOR;
                case AT -> type = Type.DECORATOR;
                case DOLLAR -> type = Type.PARAMETER;
                default -> {
                    if (!t.isWord()) break;
                    Reference r = refs.get(t.start());
                    if (r != null && r.span().end() == t.end()) {
                        Symbol s = r.target();
                        type = switch (s.kind()) {
                            case ENTITY -> Type.CLASS;
                            case ENUM -> Type.ENUM;
                            case ENUM_MEMBER -> Type.ENUM_MEMBER;
                            case FIELD -> Type.PROPERTY;
                            case STORE -> Type.VARIABLE;
                            case SERVICE -> Type.NAMESPACE;
                            case ROLE -> Type.STRING; // roles are strings; their tokens are classified above
                        };
                        if (s.file().equals(ctx.path()) && s.nameSpan().equals(r.span()))
                            mods |= 1 << Modifier.DECLARATION.ordinal();
                    } else if (prev != null && prev.type() == AT && prev.end() == t.start()) {
                        type = Type.DECORATOR;
                    } else if (prev != null && prev.type() == DOLLAR) {
                        type = Type.PARAMETER;
                    } else if (keys.contains(t.start())) {
                        type = Type.PROPERTY;
                    } else if (entries.contains(t.start())) {
                        type = Type.VARIABLE; // a named entry of a map: `desk` in `clients { desk { … } }`
                        mods |= 1 << Modifier.DECLARATION.ordinal();
                    } else if (prev != null && prev.type() == REQUIRES) {
                        type = Type.KEYWORD; // `role` in `requires role("…")`
                    } else if (prev != null
                            && prev.type() == COLON
                            && BuiltinType.named(t.text()).isPresent()) {
                        type = Type.TYPE;
                        mods |= 1 << Modifier.DEFAULT_LIBRARY.ordinal();
                    } else if (t.type() != IDENT) {
                        type = Type.KEYWORD;
                    } else if (t.text().equals("GET") || t.text().equals("off")) {
                        type = Type.KEYWORD;
                    }
                }
            }
            if (type != null) {
                out.add(new Token(t.span(), type, mods));
            }
            if (!t.isComment()) prev = t;
        }
        return out;
    }
}
