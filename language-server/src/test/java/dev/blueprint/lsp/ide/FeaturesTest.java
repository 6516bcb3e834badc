package dev.blueprint.lsp.ide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.check.Attributes;
import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.resolve.BuiltinType;
import dev.blueprint.lang.settings.Schema;
import dev.blueprint.lang.source.Span;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fixture tests for hover, navigation, rename, symbols, structure, tokens, hints and signature help. */
class FeaturesTest {
    static final String SHOP = """
      service Shop { version "1.0.0" }
      store main { engine h2 }
      enum Status { OPEN, CLOSED }
      /// A buyer.
      entity Customer {
        id: uuid @key
        name: string(40) @length(1..40)
        status: Status = OPEN
      }
      entity Order {
        id: uuid @key
        buyer: Customer
      }
      api "/api/v1" {
        resource "/customers" Customer
        resource "/orders" Order { list, get }
        route GET "/customers/{id}/orders" -> Order[] where buyer == $id
      }
      """;

    static final String MULTI = """
      //- common.blueprint
      enum Unit { PIECE, KILO }
      entity Warehouse {
        id: long @key
        code: string(8)
      }
      //- main.blueprint
      import "common.blueprint"
      service Inv { version "1.0.0" }
      entity Item {
        id: uuid @key
        unit: Unit = PIECE
        home: Warehouse
      }
      api "/v1" { resource "/items" Item  resource "/warehouses" Warehouse }
      """;

    // ---- hover ----

    private static String hover(String source) {
        Fixture f = Fixture.of(source);
        return Hover.hover(f.ctx(), f.offset).map(Hover.Result::markdown).orElse("");
    }

    @Test
    void hoverOnKeysShowsTheSchemaDoc() {
        assertThat(hover("server {\n  po$0rt 9000\n}"))
                .contains(Schema.PORT.doc())
                .contains(Schema.PORT.defaultText())
                .contains("1..65535")
                .contains("Set to `9000`");
        assertThat(hover("store main {\n  pool {\n    max_si$0ze 3\n  }\n}")).contains(Schema.MAX_SIZE.doc());
    }

    @Test
    void hoverOnAttributesAndTypes() {
        assertThat(hover(SHOP.replace("@length", "@len$0gth")))
                .contains(Attributes.spec("length").orElseThrow().doc())
                .contains("Written: `@length(1..40)`");
        assertThat(hover(SHOP.replace("@length(1..40)", "@len$0gth"))).doesNotContain("Written:");
        assertThat(hover(SHOP.replace("name: string", "name: str$0ing")))
                .contains(BuiltinType.STRING.doc())
                .contains("string(40)");
    }

    @Test
    void hoverOnAnEntityShowsItsSummaryAndEndpoints() {
        String md = hover(SHOP.replace("buyer: Customer", "buyer: Cust$0omer"));
        assertThat(md)
                .contains(
                        "entity Customer",
                        "A buyer.",
                        "Table `customer`",
                        "name: string(40)",
                        "GET /api/v1/customers/{id}",
                        "DELETE /api/v1/customers/{id}",
                        "2 references");
        // the field list is highlighted as the editors' language id, with attributes and defaults as written
        assertThat(md)
                .contains("```blueprint-service\n")
                .doesNotContain("```blueprint\n")
                .contains("name: string(40) @length(1..40)\n", "status: Status = OPEN\n");
    }

    @Test
    void anEntityHoverShowsAnUnresolvedTypeAsWritten() {
        // the editors' fixture: `status: Staus = OPEN` (a typo) once read "status: unknown"
        String md =
                hover(SHOP.replace("status: Status", "status: Staus").replace("buyer: Customer", "buyer: Cust$0omer"));
        assertThat(md)
                .contains("status: Staus = OPEN // unknown type\n")
                .doesNotContain("unknown\n")
                .doesNotContain(": unknown");
        assertThat(hover(SHOP.replace("status: Status", "sta$0tus: Staus")))
                .contains("**Customer.status**: `Staus` (an unknown type)");
        assertThat(hover(SHOP.replace("buyer: Customer", "buyer: Cust$0omer")))
                .contains("status: Status = OPEN\n")
                .doesNotContain("unknown");
    }

    @Test
    void hoverOnABlockKeyword() {
        assertThat(hover("ser$0ver { port 1 }")).contains(Schema.SERVER.doc()).contains("worker_threads");
    }

    @Test
    void hoverOnParametersAndOperations() {
        assertThat(hover(SHOP.replace("== $id", "== $i$0d")))
                .contains("path parameter", "uuid (the key of Customer)", "Order.buyer");
        assertThat(hover(SHOP.replace("{ list, get }", "{ list, g$0et }"))).contains("GET /api/v1/orders/{id}");
    }

    @Test
    void noHoverOnPunctuation() {
        assertThat(hover("server {$0 }")).isEmpty();
    }

    // ---- definition, references, highlight, rename ----

    @Test
    void definitionAcrossFiles() {
        Fixture f = Fixture.of(MULTI.replace("home: Warehouse", "home: Ware$0house"));
        List<Navigation.Location> defs = Navigation.definition(f.ctx(), f.offset);
        assertThat(defs).hasSize(1);
        assertThat(defs.get(0).file()).isEqualTo(Fixture.path("common.blueprint"));
        assertThat(f.slice(defs.get(0).file(), defs.get(0).span())).isEqualTo("Warehouse");
    }

    @Test
    void definitionOfAnImportIsTheFile() {
        Fixture f = Fixture.of(MULTI.replace("import \"common", "import \"com$0mon"));
        assertThat(Navigation.definition(f.ctx(), f.offset))
                .extracting(Navigation.Location::file)
                .containsExactly(Fixture.path("common.blueprint"));
    }

    @Test
    void referencesFromTheDeclarationInAnImportedFile() {
        Fixture f = Fixture.of(MULTI.replace("entity Warehouse", "entity Ware$0house"));
        List<Navigation.Location> refs = Navigation.references(f.ctx(), f.offset, true);
        assertThat(refs)
                .extracting(l -> l.file().getFileName().toString())
                .containsExactlyInAnyOrder("common.blueprint", "main.blueprint", "main.blueprint");
        assertThat(Navigation.references(f.ctx(), f.offset, false)).hasSize(2);
    }

    @Test
    void highlightsInOneFile() {
        Fixture f = Fixture.of(SHOP.replace("entity Order {", "entity Or$0der {"));
        assertThat(Navigation.highlights(f.ctx(), f.offset))
                .extracting(f::slice)
                .containsOnly("Order")
                .hasSize(3);
    }

    @Test
    void renameAcrossFilesRewritesEveryUse() {
        Fixture f = Fixture.of(MULTI.replace("unit: Unit", "unit: Un$0it"));
        assertThat(Navigation.prepareRename(f.ctx(), f.offset).map(f::slice)).contains("Unit");
        Navigation.Rename r = Navigation.rename(f.ctx(), f.offset, "Measure");
        assertThat(r.error()).isNull();
        assertThat(r.edits())
                .extracting(l -> l.file().getFileName().toString())
                .containsExactlyInAnyOrder("common.blueprint", "main.blueprint");
        // applying the rename keeps the program clean
        Map<java.nio.file.Path, String> texts = new java.util.HashMap<>();
        for (var p : f.snapshot.paths()) {
            List<CodeActions.Edit> edits = r.edits().stream()
                    .filter(l -> l.file().equals(p))
                    .map(l -> new CodeActions.Edit(p, l.span(), "Measure"))
                    .toList();
            texts.put(p, Fixture.apply(f.snapshot.text(p).orElseThrow(), edits));
        }
        Snapshot after = Snapshot.of(texts);
        assertThat(after.diagnostics(Fixture.path("main.blueprint")))
                .extracting(Diagnostic::code)
                .doesNotContain(Code.UNKNOWN_TYPE);
        assertThat(after.text(Fixture.path("common.blueprint")).orElseThrow()).contains("enum Measure");
    }

    @Test
    void renameRefusesBadNamesAndClashes() {
        Fixture f = Fixture.of(SHOP.replace("buyer: Customer", "buyer: Cust$0omer"));
        assertThat(Navigation.rename(f.ctx(), f.offset, "9x").error()).contains("not a valid name");
        assertThat(Navigation.rename(f.ctx(), f.offset, "Order").error()).contains("already exists");
        Fixture k = Fixture.of("ser$0ver { port 1 }");
        assertThat(Navigation.prepareRename(k.ctx(), k.offset)).isEmpty();
    }

    // ---- symbols ----

    @Test
    void outlineNestsFieldsAndSettings() {
        Fixture f = Fixture.of(SHOP);
        List<Symbols.Outline> outline = Symbols.outline(f.ctx().file());
        assertThat(outline)
                .extracting(Symbols.Outline::name)
                .containsExactly("Shop", "main", "Status", "Customer", "Order", "api \"/api/v1\"");
        assertThat(outline.get(3).children()).extracting(Symbols.Outline::name).containsExactly("id", "name", "status");
        assertThat(outline.get(5).detail()).isEqualTo("8 endpoints");
    }

    @Test
    void workspaceSymbolsSearchEveryFile() {
        Fixture f = Fixture.of(MULTI);
        assertThat(Symbols.workspace(f.snapshot, "ware"))
                .extracting(Symbols.Found::name)
                .contains("Warehouse");
        assertThat(Symbols.workspace(f.snapshot, "itm"))
                .extracting(Symbols.Found::name)
                .contains("Item");
    }

    // ---- structure ----

    @Test
    void foldingCoversMultiLineDeclarations() {
        Fixture f = Fixture.of(SHOP);
        assertThat(Structure.folding(f.ctx().file()))
                .extracting(Structure.Fold::startLine)
                .contains(4, 9, 13);
    }

    @Test
    void selectionGrowsFromWordToFile() {
        Fixture f = Fixture.of(SHOP.replace("@length(1..40)", "@length(1..4$00)"));
        List<String> sel = Structure.selection(f.ctx().file(), f.offset).stream()
                .map(f::slice)
                .toList();
        assertThat(sel.get(0)).isEqualTo("40");
        assertThat(sel).contains("1..40", "@length(1..40)", "name: string(40) @length(1..40)");
        assertThat(sel.get(sel.size() - 1)).isEqualTo(f.text());
    }

    @Test
    void formattingUsesTheCoreFormatter() {
        Fixture f = Fixture.of("service   S {version \"1\"}\n");
        assertThat(Structure.format(f.ctx().file()))
                .contains(dev.blueprint.lang.format.Formatter.format(f.ctx().file())
                        .orElseThrow());
        Fixture broken = Fixture.of("service S {{{");
        assertThat(Structure.format(broken.ctx().file())).isEmpty();
    }

    // ---- semantic tokens ----

    @Test
    void tokensClassifyNamesByWhatTheyResolveTo() {
        Fixture f = Fixture.of(SHOP);
        assertThat(f.tokenType("Customer\n")).isEqualTo(SemanticTokens.Type.CLASS);
        assertThat(f.tokenType("Status =")).isEqualTo(SemanticTokens.Type.ENUM);
        assertThat(f.tokenType("OPEN\n")).isEqualTo(SemanticTokens.Type.ENUM_MEMBER);
        assertThat(f.tokenType("version")).isEqualTo(SemanticTokens.Type.PROPERTY);
        assertThat(f.tokenType("length(")).isEqualTo(SemanticTokens.Type.DECORATOR);
        assertThat(f.tokenType("entity")).isEqualTo(SemanticTokens.Type.KEYWORD);
        assertThat(f.tokenType("\"/orders\"")).isEqualTo(SemanticTokens.Type.STRING);
        assertThat(f.tokenType("/// A buyer.")).isEqualTo(SemanticTokens.Type.COMMENT);
    }

    // ---- inlay hints and lenses ----

    @Test
    void hintsShowGeneratedRoutesAndDefaults() {
        Fixture f = Fixture.of(SHOP);
        List<InlayHints.Hint> hints =
                InlayHints.hints(f.ctx(), new Span(0, f.text().length()));
        assertThat(hints)
                .extracting(InlayHints.Hint::label)
                .anyMatch(l -> l.contains("GET /api/v1/orders, GET /api/v1/orders/{id}") && !l.contains("POST"))
                .anyMatch(l -> l.contains("GET /api/v1/customers") && l.contains("DELETE /api/v1/customers/{id}"))
                .anyMatch(l -> l.contains("defaults:") && l.contains("url") && !l.contains("engine"));
        Fixture server = Fixture.of("server {\n  port 1\n}");
        InlayHints.Hint defaults = InlayHints.hints(
                        server.ctx(), new Span(0, server.text().length()))
                .get(0);
        assertThat(defaults.offset()).isEqualTo("server {".length());
        assertThat(defaults.label())
                .isEqualTo(
                        " defaults: io_threads the machine's cores, worker_threads cores × 8, max_body 1MB, +8 more");
        assertThat(defaults.tooltip())
                .contains("max_page_size 500", "management_port off")
                .doesNotStartWith("port ")
                .doesNotContain("\nport ");
        assertThat(InlayHints.lenses(f.ctx()))
                .extracting(InlayHints.Lens::title)
                .contains("8 endpoints · 2 entities");
    }

    // ---- signature help ----

    @Test
    void signatureHelpInsideAttributesAndTypes() {
        assertThat(signature("entity E { n: int @range($0) }"))
                .map(SignatureHelp.Signature::label)
                .contains("@range(low..high)");
        assertThat(signature("entity E { n: decimal(10, $02) }"))
                .map(SignatureHelp.Signature::active)
                .contains(1);
        assertThat(signature("server { p$0ort 1 }")).isEmpty();
    }

    /** The signature help at the cursor. */
    static java.util.Optional<SignatureHelp.Signature> signature(String source) {
        Fixture f = Fixture.of(source);
        return SignatureHelp.at(f.ctx(), f.offset);
    }

    // ---- document links ----

    @Test
    void importsLinkToTheirFiles() {
        Fixture f = Fixture.of(MULTI);
        Optional<DocumentLinks.Link> link =
                DocumentLinks.links(
                                f.snapshot.file(Fixture.path("main.blueprint")).orElseThrow())
                        .stream()
                        .findFirst();
        assertThat(link.map(DocumentLinks.Link::target)).contains(Fixture.path("common.blueprint"));
    }

    // ---- call hierarchy ----

    @Test
    void callHierarchyFromAnEntity() {
        Fixture f = Fixture.of(SHOP.replace("entity Customer {", "entity Cust$0omer {"));
        CallHierarchy.Item item = CallHierarchy.prepare(f.ctx(), f.offset).orElseThrow();
        assertThat(item.name()).isEqualTo("Customer");
        List<CallHierarchy.Call> incoming = CallHierarchy.incoming(f.snapshot, item);
        assertThat(incoming).extracting(c -> c.item().name()).containsExactly("resource /customers", "Order");
        assertThat(incoming.get(0).item().detail()).contains("GET /api/v1/customers", "POST /api/v1/customers");
        Fixture o = Fixture.of(SHOP.replace("entity Order {", "entity Or$0der {"));
        CallHierarchy.Item order = CallHierarchy.prepare(o.ctx(), o.offset).orElseThrow();
        assertThat(CallHierarchy.outgoing(o.snapshot, order))
                .extracting(c -> c.item().name())
                .containsExactly("Customer");
        assertThat(CallHierarchy.incoming(o.snapshot, order))
                .extracting(c -> c.item().name())
                .containsExactly("resource /orders", "GET /api/v1/customers/{id}/orders");
    }
}
