package dev.blueprint.lsp.ide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.resolve.FieldType;
import dev.blueprint.lang.settings.Schema;
import dev.blueprint.lsp.ide.CursorContext.RouteWord;
import dev.blueprint.lsp.ide.CursorContext.Site;
import dev.blueprint.lsp.ide.CursorContext.Target;
import org.junit.jupiter.api.Test;

/** Where the cursor stands: one case per kind of site, per kind of target, and the call around it. */
class CursorContextTest {
    static final String MODEL = CompletionTest.MODEL;

    private static CursorContext cursor(String source) {
        Fixture f = Fixture.of(source);
        return f.ctx().cursor(f.offset);
    }

    private static Site site(String source) {
        return cursor(source).site();
    }

    private static Target target(String source) {
        return cursor(source).target().orElseThrow();
    }

    @Test
    void oneContextPerSnapshotAndOffset() {
        Fixture f = Fixture.of("server {\n  po$0\n}");
        CursorContext first = f.ctx().cursor(f.offset);
        assertThat(f.ctx().cursor(f.offset)).isSameAs(first);
        assertThat(f.ctx().cursor(f.offset + 1)).isNotSameAs(first);
        assertThat(Fixture.of("server {\n  po$0\n}").ctx().cursor(f.offset)).isNotSameAs(first);
    }

    // ---- sites ----

    @Test
    void nowhereInCommentsInsideOperatorsAndInOtherStrings() {
        assertThat(site(MODEL + "// serv$0")).isInstanceOf(Site.Nowhere.class);
        assertThat(site(MODEL + "api \"/v1\" { route GET \"/c\" -$0> Customer }"))
                .isInstanceOf(Site.Nowhere.class);
        assertThat(site("service S { description \"ab$0c\" }")).isInstanceOf(Site.Nowhere.class);
    }

    @Test
    void declarationAtTopLevelAndImportPathAfterImport() {
        assertThat(site(MODEL + "\nen$0")).isInstanceOf(Site.Declaration.class);
        assertThat(site("import $0")).isInstanceOf(Site.ImportPath.class);
    }

    @Test
    void theWordTypedIsWhatProposalsReplace() {
        CursorContext c = cursor("server {\n  po$0\n}");
        assertThat(c.typed()).isEqualTo("po");
        assertThat(c.replace().length()).isEqualTo(2);
    }

    @Test
    void settingKeyWithTheKeysItsBlockHas() {
        Site site = site("server {\n  port 8080\n  $0\n}");
        assertThat(site).isInstanceOf(Site.SettingKey.class);
        assertThat(((Site.SettingKey) site).schema()).isEqualTo(Schema.SERVER);
        assertThat(((Site.SettingKey) site).written()).containsExactly("port");
        // a nested block has its own schema
        assertThat(((Site.SettingKey) site("store main {\n  pool {\n    $0\n  }\n}")).schema())
                .isEqualTo(Schema.POOL);
    }

    @Test
    void settingValueAfterItsKey() {
        assertThat(site("store main {\n  engine $0\n}")).isEqualTo(new Site.SettingValue(Schema.ENGINE));
    }

    @Test
    void listItemWithTheItemsAroundTheCursor() {
        Site site = site(MODEL + "probes {\n  checks [main, $0, other]\n}");
        assertThat(site).isInstanceOf(Site.ListItem.class);
        assertThat(((Site.ListItem) site).key()).isEqualTo(Schema.CHECKS);
        assertThat(((Site.ListItem) site).listed()).containsExactlyInAnyOrder("main", "other");
    }

    @Test
    void newMapEntryAtTheStartOfALineInAMap() {
        assertThat(site("security {\n  api_keys {\n    clients {\n      $0\n    }\n  }\n}"))
                .isEqualTo(new Site.NewMapEntry(Schema.CLIENT));
    }

    @Test
    void roleNameInARuleAClientAndSecuritysRoles() {
        String api = MODEL + "api \"/v1\" {\n  resource \"/c\" Customer requires role(\"a\", $0)\n}";
        Site call = site(api);
        assertThat(call).isInstanceOf(Site.RoleName.class);
        assertThat((Site.RoleName) call)
                .extracting(Site.RoleName::declaring, Site.RoleName::inString)
                .containsExactly(false, false);
        assertThat(((Site.RoleName) call).listed()).containsExactly("a");
        Site client = site("security {\n  api_keys { clients { desk { roles [\"$0\"] } } }\n}");
        assertThat((Site.RoleName) client)
                .extracting(Site.RoleName::declaring, Site.RoleName::inString)
                .containsExactly(false, true);
        Site declared = site("security {\n  roles [\"clerk\", $0]\n}");
        assertThat((Site.RoleName) declared)
                .extracting(Site.RoleName::declaring, Site.RoleName::inString)
                .containsExactly(true, false);
        // inside the quotes, a proposal replaces the string's inside
        CursorContext inString = cursor("security {\n  roles [\"cl$0er\"]\n}");
        assertThat(inString.typed()).isEqualTo("cler");
    }

    @Test
    void fieldStartOffersTheKeyOnlyOnTheFirstLineOfAnEntityWithoutOne() {
        assertThat(site("entity E {\n  $0\n}")).isEqualTo(new Site.FieldStart(true));
        assertThat(site("entity E {\n  id: uuid @key\n  $0\n}")).isEqualTo(new Site.FieldStart(false));
    }

    @Test
    void fieldTypeAfterTheColon() {
        assertThat(site(MODEL + "entity Order {\n  id: uuid @key\n  buyer: $0\n}"))
                .isInstanceOf(Site.FieldTypeName.class);
    }

    @Test
    void attributeAfterAtOrAfterTheTypeWithTheFieldsType() {
        Site afterAt = site(MODEL + "entity Order {\n  id: uuid @key\n  n: int @$0\n}");
        assertThat(afterAt).isInstanceOf(Site.AttributeName.class);
        assertThat(((Site.AttributeName) afterAt).withAt()).isFalse();
        assertThat(((Site.AttributeName) afterAt).type().display()).isEqualTo("int");
        Site afterType = site(MODEL + "entity Order {\n  id: uuid @key\n  n: int $0\n}");
        assertThat(((Site.AttributeName) afterType).withAt()).isTrue();
    }

    @Test
    void defaultValueAfterTheEqualsSign() {
        Site site = site(MODEL + "entity Order {\n  id: uuid @key\n  s: Status = $0\n}");
        assertThat(site).isInstanceOf(Site.DefaultValue.class);
        assertThat(((Site.DefaultValue) site).type()).isInstanceOf(FieldType.EnumRef.class);
    }

    @Test
    void apiMemberEntityNameAccessRuleAndRequirement() {
        assertThat(site(MODEL + "api \"/v1\" {\n  $0\n}")).isInstanceOf(Site.ApiMemberStart.class);
        assertThat(site(MODEL + "api \"/v1\" {\n  resource \"/c\" $0\n}")).isInstanceOf(Site.EntityName.class);
        assertThat(site(MODEL + "api \"/v1\" {\n  route GET \"/c\" -> $0\n}")).isInstanceOf(Site.EntityName.class);
        assertThat(site(MODEL + "api \"/v1\" {\n  resource \"/c\" Customer $0\n}"))
                .isInstanceOf(Site.AccessRule.class);
        assertThat(site(MODEL + "api \"/v1\" {\n  resource \"/c\" Customer requires $0\n}"))
                .isInstanceOf(Site.Requirement.class);
    }

    @Test
    void operationWithThoseWrittenAndWhetherARuleMayFollow() {
        Site site = site(MODEL + "api \"/v1\" {\n  resource \"/c\" Customer { list, $0 }\n}");
        assertThat(site).isInstanceOf(Site.Operation.class);
        assertThat(((Site.Operation) site).written()).contains("list");
        assertThat(((Site.Operation) site).ruleMayFollow()).isFalse();
        Site afterName = site(MODEL + "api \"/v1\" {\n  resource \"/c\" Customer { list $0 }\n}");
        assertThat(((Site.Operation) afterName).ruleMayFollow()).isTrue();
    }

    @Test
    void routeFieldParameterAndClause() {
        String route = MODEL + "api \"/v1\" {\n  route GET \"/c/{who}\" -> Customer[] ";
        Site field = site(route + "where $0\n}");
        assertThat(((Site.RouteField) field).entity().name().text()).isEqualTo("Customer");
        assertThat(site(route + "where id == $$0\n}"))
                .isEqualTo(new Site.RouteParameter(java.util.List.of("who"), true));
        assertThat(site(MODEL + "api \"/v1\" {\n  route $0\n}"))
                .isEqualTo(new Site.RouteClause(java.util.List.of(RouteWord.GET), false));
        assertThat(site(route + "$0\n}"))
                .isEqualTo(new Site.RouteClause(
                        java.util.List.of(RouteWord.WHERE, RouteWord.ORDER_BY, RouteWord.LIMIT), true));
        assertThat(site(route + "where name == $who $0\n}"))
                .isEqualTo(new Site.RouteClause(
                        java.util.List.of(RouteWord.AND, RouteWord.ORDER_BY, RouteWord.LIMIT), true));
        assertThat(site(route + "order by age $0\n}"))
                .isEqualTo(new Site.RouteClause(java.util.List.of(RouteWord.ASC, RouteWord.DESC), false));
    }

    // ---- calls ----

    @Test
    void theCallAroundTheCursorAndTheArgumentItIsAt() {
        CursorContext.Call env =
                cursor("store main { url env(\"A\", $0) }").call().orElseThrow();
        assertThat(env.name().text()).isEqualTo("env");
        assertThat(env.argument()).isEqualTo(1);
        CursorContext.Call range =
                cursor("entity E { n: int @range($0) }").call().orElseThrow();
        assertThat(range.name().text()).isEqualTo("range");
        assertThat(range.precededBy()).isEqualTo(dev.blueprint.lang.syntax.BlueprintLexer.AT);
        // a closed call, or one past a brace, holds nothing
        assertThat(cursor("entity E { n: int @range(1..2) $0 }").call()).isEmpty();
        assertThat(cursor("entity E { n: decimal( { $0 }").call()).isEmpty();
    }

    // ---- targets ----

    @Test
    void targetsFromTheModel() {
        String shop = FeaturesTest.SHOP;
        assertThat(target(shop.replace("buyer: Customer", "buyer: Cust$0omer"))).isInstanceOf(Target.SymbolName.class);
        assertThat(target(SecurityFeaturesTest.SHOP.replace("Part requires", "Part requ$0ires")))
                .isInstanceOf(Target.AccessRule.class);
        assertThat(target("security {\n  api_keys { clients { de$0sk { key env(\"K\") } } }\n}"))
                .isInstanceOf(Target.MapEntryName.class);
        assertThat(target("server {\n  po$0rt 9000\n}")).isInstanceOf(Target.SettingKey.class);
        assertThat(target(shop.replace("@length", "@len$0gth"))).isInstanceOf(Target.AttributeName.class);
        assertThat(target(shop.replace("name: string", "name: str$0ing"))).isInstanceOf(Target.BuiltinTypeName.class);
        assertThat(target("ser$0ver { port 1 }")).isInstanceOf(Target.BlockKeyword.class);
        assertThat(target(shop.replace("\"/orders\"", "\"/ord$0ers\""))).isInstanceOf(Target.EndpointPath.class);
        assertThat(target(shop.replace("== $id", "== $i$0d"))).isInstanceOf(Target.RouteParameter.class);
        assertThat(target(shop.replace("{ list, get }", "{ list, g$0et }"))).isInstanceOf(Target.OperationName.class);
        assertThat(target(shop.replace("api \"/api/v1\"", "api \"/api$0/v1\""))).isInstanceOf(Target.ApiPrefix.class);
        assertThat(cursor("server {$0 }").target()).isEmpty();
    }
}
