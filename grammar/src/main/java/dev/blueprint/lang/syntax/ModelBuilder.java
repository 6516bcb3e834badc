package dev.blueprint.lang.syntax;

import dev.blueprint.lang.model.Access;
import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.ApiMember;
import dev.blueprint.lang.model.Attribute;
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
import dev.blueprint.lang.model.StoreDecl;
import dev.blueprint.lang.model.TypeRef;
import dev.blueprint.lang.model.Value;
import dev.blueprint.lang.source.Span;
import dev.blueprint.lang.syntax.BlueprintParser.*;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BufferedTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns the ANTLR tree into model records. The tree may be partial after syntax errors:
 * every child may be missing, and missing parts become empty names or {@link Value.Missing}
 * (the parser has reported them), never exceptions.
 */
final class ModelBuilder {
    private final String text;
    private final BufferedTokenStream tokens;

    ModelBuilder(String text, BufferedTokenStream tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    List<Decl> file(FileContext ctx) {
        List<Decl> out = new ArrayList<>();
        for (DeclarationContext d : ctx.declaration()) {
            Decl decl = declaration(d);
            if (decl != null) {
                out.add(decl);
            }
        }
        return out;
    }

    private Decl declaration(DeclarationContext d) {
        if (d.importDecl() != null) {
            ImportDeclContext c = d.importDecl();
            if (c.STRING() == null || c.STRING().getSymbol().getTokenIndex() < 0) {
                return new ImportDecl("", span(c), span(c));
            }
            return new ImportDecl(unquote(c.STRING().getText()), span(c.STRING()), span(c));
        } else if (d.serviceDecl() != null) {
            ServiceDeclContext c = d.serviceDecl();
            return new ServiceDecl(name(c.name(), c), block(c.block(), c), doc(c), span(c));
        } else if (d.serverDecl() != null) {
            ServerDeclContext c = d.serverDecl();
            return new SettingsDecl(SettingsDecl.Kind.SERVER, span(c.SERVER()), block(c.block(), c), doc(c), span(c));
        } else if (d.probesDecl() != null) {
            ProbesDeclContext c = d.probesDecl();
            return new SettingsDecl(SettingsDecl.Kind.PROBES, span(c.PROBES()), block(c.block(), c), doc(c), span(c));
        } else if (d.deployDecl() != null) {
            DeployDeclContext c = d.deployDecl();
            return new SettingsDecl(SettingsDecl.Kind.DEPLOY, span(c.DEPLOY()), block(c.block(), c), doc(c), span(c));
        } else if (d.securityDecl() != null) {
            SecurityDeclContext c = d.securityDecl();
            return new SettingsDecl(
                    SettingsDecl.Kind.SECURITY, span(c.SECURITY()), block(c.block(), c), doc(c), span(c));
        } else if (d.storeDecl() != null) {
            StoreDeclContext c = d.storeDecl();
            return new StoreDecl(name(c.name(), c), block(c.block(), c), doc(c), span(c));
        } else if (d.enumDecl() != null) {
            EnumDeclContext c = d.enumDecl();
            List<Name> members = new ArrayList<>();
            for (EnumMemberContext m : c.enumMember()) {
                members.add(name(m.name(), m));
            }
            return new EnumDecl(name(c.name(), c), members, doc(c), span(c));
        } else if (d.entityDecl() != null) {
            EntityDeclContext c = d.entityDecl();
            List<Field> fields = new ArrayList<>();
            for (FieldContext f : c.field()) {
                fields.add(field(f));
            }
            return new EntityDecl(name(c.name(), c), fields, doc(c), span(c));
        } else if (d.apiDecl() != null) {
            return api(d.apiDecl());
        }
        return null;
    }

    private Block block(BlockContext c, ParserRuleContext owner) {
        if (c == null) {
            Span at = new Span(span(owner).end(), span(owner).end());
            return new Block(List.of(), at);
        }
        List<Setting> settings = new ArrayList<>();
        for (SettingContext s : c.setting()) {
            settings.add(new Setting(name(s.name(), s), value(s.value(), s), span(s)));
        }
        return new Block(settings, span(c));
    }

    private Value value(ValueContext c, ParserRuleContext owner) {
        if (c == null || c.getStart() == null || c.exception != null && c.getChildCount() == 0) {
            int at = owner == null ? 0 : span(owner).end();
            return new Value.Missing(new Span(at, at));
        }
        Span span = span(c);
        if (c instanceof RangeValueContext r) {
            return range(r.range());
        } else if (c instanceof LiteralValueContext l) {
            return literal(l.literal());
        } else if (c instanceof NameValueContext n) {
            return new Value.Ident(name(n.name(), n), span);
        } else if (c instanceof ListValueContext l) {
            List<Value> items = new ArrayList<>();
            for (ValueContext v : l.value()) {
                items.add(value(v, l));
            }
            return new Value.ListOf(items, span);
        } else if (c instanceof EnvValueContext e) {
            TerminalNode s = e.STRING();
            String variable = s == null || s.getSymbol().getTokenIndex() < 0 ? "" : unquote(s.getText());
            Span variableSpan = s == null ? span : span(s);
            Value fallback = e.value() == null ? null : value(e.value(), e);
            return new Value.Env(variable, variableSpan, fallback, span);
        } else if (c instanceof BlockValueContext b) {
            return new Value.Nested(block(b.block(), b), span);
        }
        return new Value.Missing(span);
    }

    private Value literal(LiteralContext c) {
        Span span = span(c);
        Token t = c.getStart();
        String s = t.getText();
        return switch (t.getType()) {
            case BlueprintLexer.STRING -> new Value.Str(unquote(s), span);
            case BlueprintLexer.TRUE -> new Value.Bool(true, span);
            case BlueprintLexer.FALSE -> new Value.Bool(false, span);
            default -> number(t, span);
        };
    }

    private Value range(RangeContext c) {
        Span span = span(c);
        Value low = c.bound().size() > 0 ? bound(c.bound(0)) : new Value.Missing(new Span(span.start(), span.start()));
        Value high = c.bound().size() > 1 ? bound(c.bound(1)) : new Value.Missing(new Span(span.end(), span.end()));
        return new Value.Range(low, high, span);
    }

    private Value bound(BoundContext c) {
        if (c.getStart() == null || c.getStart().getTokenIndex() < 0 || c.getChildCount() == 0) {
            return new Value.Missing(span(c));
        }
        return number(c.getStart(), span(c));
    }

    private static Value number(Token t, Span span) {
        String s = t.getText();
        if (t.getType() == BlueprintLexer.QUANTITY) {
            int i = 0;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            return new Value.Quantity(new BigDecimal(s.substring(0, i)), s.substring(i), span);
        }
        if (t.getType() == BlueprintLexer.INT || t.getType() == BlueprintLexer.DECIMAL) {
            return new Value.Num(new BigDecimal(s), t.getType() == BlueprintLexer.INT, span);
        }
        return new Value.Missing(span);
    }

    private Field field(FieldContext c) {
        Name name = name(c.name(), c);
        TypeRef type = type(c.type(), c);
        List<Attribute> attributes = new ArrayList<>();
        Value defaultValue = null;
        for (FieldPartContext p : c.fieldPart()) {
            if (p.attribute() != null) {
                AttributeContext a = p.attribute();
                List<Value> args = new ArrayList<>();
                for (ValueContext v : a.value()) {
                    args.add(value(v, a));
                }
                attributes.add(new Attribute(name(a.name(), a), args, span(a)));
            } else if (defaultValue == null) {
                defaultValue = value(p.value(), p);
            }
        }
        return new Field(name, type, c.QUESTION() != null, attributes, defaultValue, doc(c), span(c));
    }

    private TypeRef type(TypeContext c, ParserRuleContext owner) {
        if (c == null) {
            Span at = new Span(span(owner).end(), span(owner).end());
            return new TypeRef(new Name("", at), List.of(), at);
        }
        List<Integer> args = new ArrayList<>();
        for (TerminalNode n : c.INT()) {
            if (n.getSymbol().getTokenIndex() >= 0) {
                args.add(parseInt(n.getText()));
            }
        }
        return new TypeRef(name(c.name(), c), args, span(c));
    }

    private ApiDecl api(ApiDeclContext c) {
        TerminalNode prefix = c.STRING();
        boolean hasPrefix = prefix != null && prefix.getSymbol().getTokenIndex() >= 0;
        List<ApiMember> members = new ArrayList<>();
        for (ApiMemberContext m : c.apiMember()) {
            if (m.resource() != null) {
                members.add(resource(m.resource()));
            } else if (m.route() != null) {
                members.add(route(m.route()));
            }
        }
        return new ApiDecl(
                hasPrefix ? unquote(prefix.getText()) : "",
                hasPrefix ? span(prefix) : span(c),
                members,
                doc(c),
                span(c));
    }

    private Resource resource(ResourceContext c) {
        TerminalNode path = c.STRING();
        boolean hasPath = path != null && path.getSymbol().getTokenIndex() >= 0;
        List<Resource.Operation> operations = new ArrayList<>();
        for (OperationContext o : c.operation()) {
            operations.add(new Resource.Operation(name(o.name(), o), access(o.access()), span(o)));
        }
        return new Resource(
                hasPath ? unquote(path.getText()) : "",
                hasPath ? span(path) : span(c),
                name(c.name(), c),
                access(c.access()),
                operations,
                c.LBRACE() == null,
                span(c));
    }

    private Route route(RouteContext c) {
        TerminalNode path = c.STRING();
        boolean hasPath = path != null && path.getSymbol().getTokenIndex() >= 0;
        List<NameContext> names = c.name();
        Name method = names.size() > 0 ? name(names.get(0), c) : missingAt(c);
        Name entity = names.size() > 1 ? name(names.get(1), c) : missingAt(c);
        List<Route.Condition> where = new ArrayList<>();
        for (ConditionContext w : c.condition()) {
            List<NameContext> parts = w.name();
            Name field = parts.size() > 0 ? name(parts.get(0), w) : missingAt(w);
            Name param = parts.size() > 1 ? name(parts.get(1), w) : missingAt(w);
            where.add(new Route.Condition(field, param, span(w)));
        }
        Route.OrderBy order = null;
        if (c.ORDER() != null) {
            Name field = names.size() > 2 ? name(names.get(2), c) : missingAt(c);
            Token dir = c.direction;
            Span orderSpan = span(c.ORDER()).union(dir != null ? Parsing.spanOf(dir, text.length()) : field.span());
            order = new Route.OrderBy(field, dir != null && dir.getType() == BlueprintLexer.DESC, orderSpan);
        }
        Route.Limit limit = null;
        if (c.LIMIT() != null && c.INT() != null && c.INT().getSymbol().getTokenIndex() >= 0) {
            limit = new Route.Limit(parseInt(c.INT().getText()), span(c.LIMIT()).union(span(c.INT())));
        }
        return new Route(
                method,
                hasPath ? unquote(path.getText()) : "",
                hasPath ? span(path) : span(c),
                entity,
                c.LBRACK() != null,
                where,
                order,
                limit,
                access(c.access()),
                span(c));
    }

    /** The rule written at {@code c}, or null when none was. */
    private Access access(AccessContext c) {
        if (c == null || c.getStart() == null || c.getStart().getTokenIndex() < 0) {
            return null;
        }
        if (c.PUBLIC() != null) {
            return new Access(true, null, List.of(), span(c));
        }
        List<Access.RoleRef> roles = new ArrayList<>();
        for (TerminalNode role : c.STRING()) {
            if (role.getSymbol().getTokenIndex() >= 0) {
                roles.add(new Access.RoleRef(unquote(role.getText()), span(role)));
            }
        }
        Name requirement = c.name() == null ? missingAt(c) : name(c.name(), c);
        return new Access(false, requirement, roles, span(c));
    }

    private Name name(NameContext c, ParserRuleContext owner) {
        if (c == null || c.getStart() == null || c.getChildCount() == 0) {
            return missingAt(owner);
        }
        Token t = c.getStart();
        if (t.getTokenIndex() < 0 || t.getType() == Token.EOF) {
            return new Name("", Parsing.spanOf(t, text.length()));
        }
        return new Name(t.getText(), Parsing.spanOf(t, text.length()));
    }

    private Name missingAt(ParserRuleContext owner) {
        int at = owner == null ? 0 : span(owner).end();
        return new Name("", new Span(at, at));
    }

    /** The {@code ///} lines directly above the construct starting at {@code c}, joined; null when none. */
    private String doc(ParserRuleContext c) {
        Token start = c.getStart();
        if (start == null || start.getTokenIndex() < 0) {
            return null;
        }
        List<Token> hidden = tokens.getHiddenTokensToLeft(start.getTokenIndex());
        if (hidden == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (int i = hidden.size() - 1; i >= 0; i--) {
            Token t = hidden.get(i);
            if (t.getType() == BlueprintLexer.WS) {
                if (t.getText().chars().filter(ch -> ch == '\n').count() > 1) {
                    break;
                }
            } else if (t.getType() == BlueprintLexer.DOC_COMMENT) {
                String line = t.getText().substring(3);
                lines.add(0, line.startsWith(" ") ? line.substring(1) : line);
            } else {
                break;
            }
        }
        return lines.isEmpty() ? null : String.join("\n", lines).strip();
    }

    private Span span(ParserRuleContext c) {
        Token start = c.getStart();
        Token stop = c.getStop();
        int s = start == null || start.getStartIndex() < 0 ? 0 : Math.min(start.getStartIndex(), text.length());
        if (start != null && start.getType() == Token.EOF) {
            s = text.length();
        }
        int e = stop == null || stop.getStopIndex() < 0 || stop.getType() == Token.EOF ? s : stop.getStopIndex() + 1;
        return new Span(s, Math.min(Math.max(s, e), text.length()));
    }

    private Span span(TerminalNode n) {
        return Parsing.spanOf(n.getSymbol(), text.length());
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return s.startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
    }

    /** The value of a string token: quotes removed, escapes resolved; tolerant of unterminated strings. */
    static String unquote(String token) {
        int end = token.length();
        if (end >= 2 && token.endsWith("\"")) {
            int slashes = 0;
            for (int i = end - 2; i > 0 && token.charAt(i) == '\\'; i--) {
                slashes++;
            }
            if (slashes % 2 == 0) {
                end--; // the closing quote, not an escaped one
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < end; i++) {
            char ch = token.charAt(i);
            if (ch != '\\' || i + 1 >= end) {
                out.append(ch);
                continue;
            }
            char next = token.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int close = token.indexOf('}', i);
                    if (i + 1 < end && token.charAt(i + 1) == '{' && close > 0 && close < end) {
                        try {
                            out.appendCodePoint(Integer.parseInt(token.substring(i + 2, close), 16));
                        } catch (IllegalArgumentException e) {
                            out.append('\uFFFD');
                        }
                        i = close;
                    } else {
                        out.append('u');
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
