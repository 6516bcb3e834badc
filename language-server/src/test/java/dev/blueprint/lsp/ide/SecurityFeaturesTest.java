package dev.blueprint.lsp.ide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.check.Severity;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.lang.settings.Schema;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every IDE feature on the security block, roles and access rules. */
class SecurityFeaturesTest {
    static final String SHOP = """
      service Shop { }
      security {
        roles ["clerk", "admin", "auditor"]
        api_keys {
          header "X-API-Key"
          clients {
            desk { key env("DESK_API_KEY") roles ["clerk"] }
            boss {
              key env("BOSS_API_KEY")
              roles ["clerk", "admin"]
            }
          }
        }
        jwt {
          issuer "https://auth.example.com/"
          audience "shop"
          jwks_url "https://auth.example.com/jwks.json"
        }
        cors { origins ["https://shop.example.com"] credentials true }
      }
      entity Part {
        id: uuid @key
        name: string(40)
      }
      api "/api" {
        resource "/parts" Part requires role("clerk") { list public, get public, create, update, delete requires role("admin") }
        route GET "/by-name/{name}" -> Part[] where name == $name requires role("admin", "clerk")
      }
      """;

    /** The same service without a security block (and without the roles its rules need). */
    static final String OPEN =
            SHOP.substring(0, SHOP.indexOf("security {")) + SHOP.substring(SHOP.indexOf("entity Part"));

    private static List<String> labels(String source) {
        Fixture f = Fixture.of(source);
        return Completion.complete(f.ctx(), f.offset).stream()
                .map(Completion.Item::label)
                .toList();
    }

    private static Completion.Item item(String source, String label) {
        Fixture f = Fixture.of(source);
        return Completion.complete(f.ctx(), f.offset).stream()
                .filter(i -> i.label().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no '" + label + "' among " + labels(source)));
    }

    private static List<String> names(List<Key> keys) {
        return keys.stream().map(Key::name).toList();
    }

    /** {@code SHOP} with the cursor put at the {@code n}-th (0-based) occurrence of {@code marker}, at {@code shift} characters into it. */
    private static String at(String text, String marker, int shift) {
        int i = text.indexOf(marker);
        assertThat(i).as(marker).isNotNegative();
        return text.substring(0, i + shift) + "$0" + text.substring(i + shift);
    }

    // ---- completion ----

    @Test
    void theSecuritySnippetAuthenticatesAndChecksClean() {
        Completion.Item security = item("service S { }\n$0", "security");
        assertThat(security.snippet()).isTrue();
        assertThat(security.insert())
                .contains(
                        "roles [\"${1:clerk}\"]",
                        "api_keys {",
                        "clients {",
                        "key env(\"${3:DESK_API_KEY}\")",
                        "roles [\"${1}\"]");
        // expanded with its placeholders, it is a valid block
        String expanded = security.insert()
                .replaceAll("\\$\\{\\d+:([^}]*)}", "$1")
                .replace("${1}", "clerk")
                .replace("$0", "");
        Fixture f = Fixture.of("service S { }\n" + expanded
                + "\nentity E { id: uuid @key }\napi \"/a\" { resource \"/e\" E requires role(\"clerk\") }\n");
        assertThat(f.snapshot.diagnostics(f.file)).isEmpty();
    }

    @Test
    void keysOfEverySecurityBlockComeFromTheSchema() {
        assertThat(labels("security {\n  $0\n}")).containsExactlyElementsOf(names(Schema.SECURITY.keys()));
        assertThat(labels("security {\n  roles [\"a\"]\n  $0\n}"))
                .doesNotContain("roles")
                .contains("api_keys", "jwt");
        assertThat(labels("security {\n  jwt {\n    $0\n  }\n}")).containsExactlyElementsOf(names(Schema.JWT.keys()));
        assertThat(labels("security {\n  api_keys {\n    $0\n  }\n}"))
                .containsExactlyElementsOf(names(Schema.API_KEYS.keys()));
        assertThat(labels("security {\n  rate_limit {\n    $0\n  }\n}"))
                .containsExactlyElementsOf(names(Schema.RATE_LIMIT.keys()));
        assertThat(labels("security {\n  cors {\n    $0\n  }\n}")).containsExactlyElementsOf(names(Schema.CORS.keys()));
        assertThat(item("security {\n  api_keys {\n    cli$0\n  }\n}", "clients")
                        .insert())
                .isEqualTo("clients {\n  $0\n}");
        assertThat(item("security {\n  jw$0\n}", "jwt").doc()).contains(Schema.JWT_BLOCK.doc());
    }

    @Test
    void insideClientsANewEntryAndInsideAnEntryTheClientKeys() {
        String clients = "security {\n  api_keys {\n    clients {\n      $0\n    }\n  }\n}";
        List<Completion.Item> items = complete(clients);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).insert()).isEqualTo("${1:name} {\n  key env(\"${2:NAME_API_KEY}\")\n  roles [$3]\n}$0");
        Completion.Item named = complete(clients.replace("$0", "frontDesk$0")).get(0);
        assertThat(named.label()).startsWith("frontDesk");
        assertThat(named.insert()).startsWith("${1:frontDesk} {\n  key env(\"${2:FRONT_DESK_API_KEY}\")");
        assertThat(named.replace().length()).isEqualTo("frontDesk".length());

        assertThat(labels(SHOP.replace(
                        "key env(\"DESK_API_KEY\") roles [\"clerk\"] }", "key env(\"DESK_API_KEY\") $0 }")))
                .containsExactly("roles");
        assertThat(labels("security {\n  rate_limit { per_second 20  $0 }\n}")).containsExactly("burst", "by");
        assertThat(labels("security {\n  rate_limit { by client $0 }\n}")).containsExactly("per_second", "burst");
        assertThat(labels("security {\n  api_keys { clients { d { key env(\"K\", $0) } } }\n}"))
                .doesNotContain("roles");
        assertThat(labels("security {\n  api_keys {\n    clients {\n      desk {\n        $0\n      }\n    }\n  }\n}"))
                .containsExactlyElementsOf(names(Schema.CLIENT.keys()));
    }

    private static List<Completion.Item> complete(String source) {
        Fixture f = Fixture.of(source);
        return Completion.complete(f.ctx(), f.offset);
    }

    @Test
    void valuesOfBooleansAndChoiceLists() {
        assertThat(labels("security {\n  cors {\n    credentials $0\n  }\n}")).containsExactly("true", "false");
        assertThat(item("security {\n  cors {\n    credentials $0\n  }\n}", "false")
                        .detail())
                .contains("default");
        assertThat(labels("security {\n  jwt {\n    algorithms [RS256, $0]\n  }\n}"))
                .containsExactlyElementsOf(Schema.ALGORITHMS.choices().stream()
                        .filter(c -> !c.equals("RS256"))
                        .toList());
        assertThat(labels("security {\n  jwt {\n    algorithms [$0, ES256]\n  }\n}"))
                .doesNotContain("ES256")
                .contains("RS256", "PS256");
        assertThat(labels("security {\n  cors {\n    methods [GET, DELETE, $0]\n  }\n}"))
                .containsExactly("POST", "PUT");
        assertThat(labels("security {\n  jwt {\n    algorithms $0\n  }\n}")).contains("[RS256, ES256]", "[…]");
        assertThat(labels("security {\n  rate_limit {\n    by $0\n  }\n}")).containsExactly("client", "address");
    }

    @Test
    void roleNamesInsideAClientsRolesAndARule() {
        assertThat(labels(at(SHOP, "[\"clerk\", \"admin\"]", 1))).containsExactly("\"auditor\"");
        assertThat(labels(at(SHOP, "roles [\"clerk\"] }", 7))).containsExactly("\"admin\"", "\"auditor\"");
        assertThat(labels(at(SHOP, "\"admin\", \"clerk\")", 0))).containsExactly("\"auditor\"");
        String emptyCall = SHOP.replace("requires role(\"clerk\")", "requires role($0)");
        assertThat(labels(emptyCall)).containsExactly("\"clerk\"", "\"admin\"", "\"auditor\"");
        // inside the string: bare names, replacing the string's inside
        Fixture f = Fixture.of(SHOP.replace("requires role(\"clerk\")", "requires role(\"cl$0\")"));
        List<Completion.Item> inString = Completion.complete(f.ctx(), f.offset);
        assertThat(inString).extracting(Completion.Item::label).containsExactly("clerk");
        assertThat(f.slice(inString.get(0).replace())).isEqualTo("cl");
        assertThat(labels(SHOP.replace("roles [\"clerk\"] }", "roles [\"$0\"] }")))
                .containsExactly("clerk", "admin", "auditor");
        // no roles in other strings
        assertThat(labels(SHOP.replace("header \"X-API-Key\"", "header \"X-$0API-Key\"")))
                .isEmpty();
        assertThat(labels(SHOP.replace("resource \"/parts\"", "resource \"/pa$0rts\"")))
                .isEmpty();
    }

    @Test
    void theRolesListProposesTheRolesRulesRequireButNobodyDeclares() {
        String src = SHOP.replace("roles [\"clerk\", \"admin\", \"auditor\"]", "roles [\"admin\", $0]");
        assertThat(labels(src)).containsExactly("\"clerk\"");
    }

    @Test
    void rulesAfterAResourceAnOperationAndARoute() {
        List<String> access = List.of("public", "requires role(…)");
        assertThat(labels(SHOP.replace("Part requires role(\"clerk\") {", "Part $0")))
                .containsAll(access);
        Completion.Item requires = item(SHOP.replace("Part requires role(\"clerk\") {", "Part $0"), "requires role(…)");
        assertThat(requires.snippet()).isTrue();
        assertThat(requires.insert()).isEqualTo("requires role(\"${1|clerk,admin,auditor|}\")$0");
        assertThat(labels(SHOP.replace("{ list public,", "{ list $0")))
                .containsAll(access)
                .contains("get");
        assertThat(labels(SHOP.replace("{ list public,", "{ $0")))
                .doesNotContainAnyElementsOf(access)
                .contains("list");
        assertThat(labels(SHOP.replace(
                        "where name == $name requires role(\"admin\", \"clerk\")", "where name == $name $0")))
                .containsAll(access)
                .contains("and", "order by", "limit");
        assertThat(labels(SHOP.replace("where name == $name requires role(\"admin\", \"clerk\")", "limit 5 $0")))
                .containsAll(access);
        assertThat(labels(SHOP.replace(
                        "where name == $name requires role(\"admin\", \"clerk\")", "order by name desc $0")))
                .containsAll(access);
        assertThat(labels(SHOP.replace("$name requires role(\"admin\", \"clerk\")", "$name public $0")))
                .isEmpty();
        assertThat(labels(SHOP.replace("Part requires role(\"clerk\") {", "Part requires $0 {")))
                .containsExactly("role(…)");
        // without roles, a placeholder
        assertThat(item(
                                "service S { }\nentity E { id: uuid @key }\napi \"/a\" { resource \"/e\" E $0 }",
                                "requires role(…)")
                        .insert())
                .isEqualTo("requires role(\"${1:role}\")$0");
    }

    @Test
    void signatureHelpInsideRole() {
        String text = "api \"/a\" { resource \"/e\" E requires role(\"a\", \"b\") }";
        assertThat(FeaturesTest.signature(text.replace("\"a\"", "\"$0a\"")))
                .map(SignatureHelp.Signature::label)
                .contains("role(name, …)");
        assertThat(FeaturesTest.signature(text.replace("\"b\"", "\"$0b\"")))
                .map(SignatureHelp.Signature::active)
                .contains(1);
        assertThat(FeaturesTest.signature("api \"/a\" { resource \"/e\" E { list requires rule(\"a$0\") } }"))
                .isEmpty();
    }

    // ---- hover ----

    private static String hover(String source) {
        Fixture f = Fixture.of(source);
        return Hover.hover(f.ctx(), f.offset).map(Hover.Result::markdown).orElse("");
    }

    @Test
    void hoverOnARoleShowsTheRulesRequiringItAndItsHolders() {
        String declared = hover(at(SHOP, "clerk\", \"admin\", \"auditor", 2));
        assertThat(declared)
                .contains(
                        "**role** `\"clerk\"`",
                        "POST /api/parts",
                        "PUT /api/parts/{id}",
                        "GET /api/by-name/{name}` (any of admin, clerk)",
                        "`desk`",
                        "`boss`",
                        "JWT")
                .doesNotContain("DELETE", "GET /api/parts`");
        assertThat(hover(at(SHOP, "admin\", \"clerk\")", 1)))
                .contains("**role** `\"admin\"`", "DELETE /api/parts/{id}", "`boss`")
                .doesNotContain("`desk`");
        assertThat(hover(at(SHOP, "auditor", 1))).contains("No rule requires it", "no API key client");
        String shadowed = SHOP.replace("create, update, ", "");
        assertThat(hover(at(shadowed, "clerk\", \"admin\", \"auditor", 2))).contains("GET /api/by-name/{name}");
        String onlyOwnRules =
                shadowed.replace("where name == $name requires role(\"admin\", \"clerk\")", "where name == $name");
        assertThat(hover(at(onlyOwnRules, "clerk\", \"admin\", \"auditor", 2))).contains("govern no endpoint");
    }

    @Test
    void hoverOnARuleExplainsItAndListsWhatItGoverns() {
        String pub = hover(at(SHOP, "public,", 1));
        assertThat(pub)
                .contains("**public**", Rules.PUBLIC_DOC, "GET /api/parts`")
                .doesNotContain("/{id}");
        String resourceRule = hover(at(SHOP, "requires role(\"clerk\")", 2));
        assertThat(resourceRule)
                .contains("**requires role(…)**", "`\"clerk\"`", "POST /api/parts", "PUT /api/parts/{id}")
                .doesNotContain("DELETE", "GET /api/parts`", "authenticates nobody");
        assertThat(hover(at(SHOP, "role(\"admin\")", 1)))
                .contains("DELETE /api/parts/{id}")
                .doesNotContain("POST");
        assertThat(hover(at(OPEN, "requires role(\"clerk\")", 0)))
                .contains("authenticates nobody", "cannot be enforced");
        assertThat(hover(at(OPEN, "public,", 0))).contains("open anyway");
    }

    @Test
    void endpointHoversShowWhoMayCall() {
        String path = hover(at(SHOP, "/parts\"", 1));
        assertThat(path)
                .contains(
                        "- `GET /api/parts` — public",
                        "- `POST /api/parts` — role \"clerk\"",
                        "- `DELETE /api/parts/{id}` — role \"admin\"");
        assertThat(hover(at(SHOP, "/by-name", 1))).contains("any of roles \"admin\", \"clerk\"");
        assertThat(hover(at(SHOP, "create,", 1))).contains("`POST /api/parts`", "Access: role \"clerk\"");
        assertThat(hover(at(SHOP, "\"/api\"", 1))).contains("— public", "— role \"admin\"");
        assertThat(hover(at(SHOP, "entity Part", 8))).contains("- `PUT /api/parts/{id}` — role \"clerk\"");
        String open = "service S { }\nsecurity { jwt { issuer \"i\" audience \"a\" jwks_url \"https://i/j\" } }\n"
                + "entity E { id: uuid @key }\napi \"/a\" { resource \"/e$0\" E }\n";
        assertThat(hover(open)).contains("— any authenticated caller");
        assertThat(hover(at(OPEN, "/by-name", 1))).contains("— any of roles");
        assertThat(hover("service S { }\nentity E { id: uuid @key }\napi \"/a\" { resource \"/e$0\" E }\n"))
                .contains("— anyone (the service authenticates nobody)");
    }

    @Test
    void hoverOnClientsAndTheirKeys() {
        assertThat(hover(at(SHOP, "desk {", 1)))
                .contains("**client** `desk`", Schema.CLIENT.doc(), "`\"clerk\"`", "`DESK_API_KEY`");
        assertThat(hover(at(SHOP, "key env(\"BOSS", 1))).contains("**client.key**", Schema.KEY.doc());
        assertThat(hover(at(SHOP, "credentials", 2)))
                .contains("**cors.credentials**", "true or false", "Set to `true`");
        assertThat(hover(at(SHOP, "security {", 2))).contains("**security**", Schema.SECURITY.doc(), "`api_keys`");
    }

    // ---- navigation and rename ----

    @Test
    void definitionReferencesAndHighlightsOfARole() {
        Fixture f = Fixture.of(at(SHOP, "clerk\")", 2));
        List<Navigation.Location> def = Navigation.definition(f.ctx(), f.offset);
        assertThat(def).hasSize(1);
        assertThat(def.get(0).span().start()).isEqualTo(SHOP.indexOf("\"clerk\"") + 1);
        assertThat(Navigation.references(f.ctx(), f.offset, true))
                .extracting(l -> f.slice(l.span()))
                .containsOnly("clerk")
                .hasSize(5);
        assertThat(Navigation.references(f.ctx(), f.offset, false)).hasSize(4);
        assertThat(Navigation.highlights(f.ctx(), f.offset)).hasSize(5);
        assertThat(Navigation.prepareRename(f.ctx(), f.offset).map(f::slice)).contains("clerk");
        // the quotes are not the role
        Fixture quote = Fixture.of(at(SHOP, "\"clerk\")", 0));
        assertThat(Navigation.prepareRename(quote.ctx(), quote.offset)).isEmpty();
    }

    @Test
    void renameARoleEditsTheInsidesOfEveryString() {
        Fixture f = Fixture.of(at(SHOP, "clerk\"]", 1));
        Navigation.Rename r = Navigation.rename(f.ctx(), f.offset, "front-desk.staff:eu/1");
        assertThat(r.error()).isNull();
        assertThat(r.edits()).hasSize(5);
        String renamed = Fixture.apply(
                f.text(),
                r.edits().stream()
                        .map(l -> new CodeActions.Edit(l.file(), l.span(), r.newName()))
                        .toList());
        assertThat(renamed)
                .doesNotContain("\"clerk\"")
                .contains(
                        "roles [\"front-desk.staff:eu/1\", \"admin\"",
                        "requires role(\"front-desk.staff:eu/1\")",
                        "role(\"admin\", \"front-desk.staff:eu/1\")",
                        "roles [\"front-desk.staff:eu/1\"] }");
        Snapshot after = Snapshot.of(Map.of(f.file, renamed));
        assertThat(after.diagnostics(f.file))
                .extracting(Diagnostic::code)
                .containsExactlyElementsOf(f.snapshot.diagnostics(f.file).stream()
                        .map(Diagnostic::code)
                        .toList());
    }

    @Test
    void renameOfARoleRefusesWhatCannotBeARoleAndClashes() {
        Fixture f = Fixture.of(at(SHOP, "clerk\"]", 1));
        for (String bad : List.of("a\"b", "a b", "a\\b", "", "tab\there")) {
            assertThat(Navigation.rename(f.ctx(), f.offset, bad).error())
                    .as(bad)
                    .contains("not a role name");
        }
        assertThat(Navigation.rename(f.ctx(), f.offset, "admin").error()).contains("already declared");
        assertThat(Navigation.rename(f.ctx(), f.offset, "clerk").error()).isNull();
        // other symbols keep the identifier rule
        Fixture entity = Fixture.of(at(SHOP, "Part requires", 1));
        assertThat(Navigation.rename(entity.ctx(), entity.offset, "front-desk").error())
                .contains("not a valid name");
    }

    @Test
    void renameFromTheDeclarationInAnImportedFile() {
        String security = SHOP.substring(SHOP.indexOf("security {"), SHOP.indexOf("entity Part"));
        String main = "import \"security.blueprint\"\n" + OPEN;
        Fixture f = Fixture.of("//- security.blueprint\n" + at(security, "admin", 1) + "//- main.blueprint\n" + main);
        Navigation.Rename r = Navigation.rename(f.ctx(), f.offset, "boss");
        assertThat(r.edits())
                .extracting(l -> l.file().getFileName().toString())
                .containsExactlyInAnyOrder(
                        "security.blueprint", "security.blueprint", "main.blueprint", "main.blueprint");
    }

    // ---- quick fixes ----

    /** Applies the action titled {@code title} for the first diagnostic of {@code code} (edits to every file); returns the new texts. */
    private static Map<Path, String> fix(Fixture f, Code code, String title) {
        Diagnostic d = f.snapshot.diagnostics(f.file).stream()
                .filter(x -> x.code() == code)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + f.snapshot.diagnostics(f.file)));
        List<CodeActions.Action> actions = CodeActions.actions(f.ctx(), d.span());
        CodeActions.Action a = actions.stream()
                .filter(x -> x.fixes() == d && x.title().startsWith(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no action '" + title + "' among "
                        + actions.stream().map(CodeActions.Action::title).toList()));
        Map<Path, String> texts = new HashMap<>();
        for (Path p : f.snapshot.paths()) {
            texts.put(
                    p,
                    Fixture.apply(
                            f.snapshot.text(p).orElseThrow(),
                            a.edits().stream().filter(e -> e.file().equals(p)).toList()));
        }
        return texts;
    }

    private static List<Diagnostic> problems(Map<Path, String> texts, Path file) {
        return Snapshot.of(texts).diagnostics(file).stream()
                .filter(d -> d.severity() == Severity.ERROR || d.severity() == Severity.WARNING)
                .toList();
    }

    @Test
    void aLiteralApiKeyIsRewrittenToEnv() {
        Fixture f = Fixture.of(SHOP.replace("key env(\"BOSS_API_KEY\")", "key \"s3cret\""));
        Map<Path, String> fixed = fix(f, Code.LITERAL_SECRET, "Change to 'env(\"BOSS_API_KEY\")'");
        assertThat(fixed.get(f.file)).isEqualTo(SHOP);
    }

    @Test
    void anUndeclaredRoleGetsItsDidYouMean() {
        Fixture f = Fixture.of(SHOP.replace("role(\"admin\") }", "role(\"admn\") }"));
        assertThat(fix(f, Code.UNKNOWN_ROLE, "Change to '\"admin\"'").get(f.file))
                .isEqualTo(SHOP);
        Fixture client = Fixture.of(SHOP.replace("roles [\"clerk\"] }", "roles [\"clrk\"] }"));
        assertThat(fix(client, Code.UNKNOWN_ROLE, "Change to '\"clerk\"'").get(client.file))
                .isEqualTo(SHOP);
    }

    @Test
    void aRuleWithoutAuthenticationGetsApiKeys() {
        Fixture f = Fixture.of(OPEN);
        assertThat(problems(Map.of(f.file, OPEN), f.file))
                .extracting(Diagnostic::code)
                .contains(Code.REQUIRES_WITHOUT_AUTHENTICATION);
        Map<Path, String> fixed = fix(f, Code.REQUIRES_WITHOUT_AUTHENTICATION, "Add a security block with API keys");
        assertThat(fixed.get(f.file))
                .endsWith(
                        "}\n\nsecurity {\n  roles [\"clerk\", \"admin\"]\n  api_keys {\n    clients {\n      client {\n"
                                + "        key env(\"CLIENT_API_KEY\")\n        roles [\"clerk\", \"admin\"]\n      }\n    }\n  }\n}\n");
        assertThat(problems(fixed, f.file)).isEmpty();

        String rolesOnly = OPEN.replace("entity Part", "security {\n  roles [\"clerk\", \"admin\"]\n}\nentity Part");
        Fixture g = Fixture.of(rolesOnly);
        Map<Path, String> added = fix(g, Code.REQUIRES_WITHOUT_AUTHENTICATION, "Add api_keys to the security block");
        assertThat(added.get(g.file))
                .contains("security {\n  roles [\"clerk\", \"admin\"]\n  api_keys {\n    clients {\n      client {\n");
        assertThat(problems(added, g.file)).isEmpty();
    }

    @Test
    void anUnusedRoleNoClientHoldsCanBeRemoved() {
        Fixture f = Fixture.of(SHOP);
        assertThat(fix(f, Code.UNUSED_ROLE, "Remove the unused role \"auditor\"")
                        .get(f.file))
                .contains("roles [\"clerk\", \"admin\"]\n");
        String first =
                SHOP.replace("roles [\"clerk\", \"admin\", \"auditor\"]", "roles [\"auditor\", \"clerk\", \"admin\"]");
        Fixture g = Fixture.of(first);
        Map<Path, String> fixed = fix(g, Code.UNUSED_ROLE, "Remove the unused role");
        assertThat(fixed.get(g.file)).contains("roles [\"clerk\", \"admin\"]\n");
        assertThat(problems(fixed, g.file)).isEmpty();
        // a role a client holds stays: removing it would leave the client naming an undeclared role
        Fixture held = Fixture.of(SHOP.replace("roles [\"clerk\"] }", "roles [\"clerk\", \"auditor\"] }"));
        Diagnostic unused = held.snapshot.diagnostics(held.file).stream()
                .filter(d -> d.code() == Code.UNUSED_ROLE)
                .findFirst()
                .orElseThrow();
        assertThat(CodeActions.actions(held.ctx(), unused.span()))
                .noneMatch(a -> a.title().startsWith("Remove the unused role"));
    }

    @Test
    void duplicatesInListsAndMapsLoseOnlyThemselves() {
        Fixture role = Fixture.of(SHOP.replace(
                "roles [\"clerk\", \"admin\", \"auditor\"]", "roles [\"clerk\", \"admin\", \"auditor\", \"admin\"]"));
        assertThat(fix(role, Code.DUPLICATE_SETTING, "Remove the duplicate \"admin\"")
                        .get(role.file))
                .isEqualTo(SHOP);
        Fixture algorithm = Fixture.of(
                SHOP.replace("audience \"shop\"", "audience \"shop\"\n    algorithms [RS256, ES256, RS256]"));
        assertThat(fix(algorithm, Code.DUPLICATE_SETTING, "Remove the duplicate RS256")
                        .get(algorithm.file))
                .isEqualTo(SHOP.replace("audience \"shop\"", "audience \"shop\"\n    algorithms [RS256, ES256]"));
        Fixture client = Fixture.of(SHOP.replace("      boss {", "      desk { key env(\"OTHER\") }\n      boss {"));
        assertThat(fix(client, Code.DUPLICATE_SETTING, "Remove the duplicate 'desk'")
                        .get(client.file))
                .isEqualTo(SHOP);
        Fixture key =
                Fixture.of(SHOP.replace("    header \"X-API-Key\"", "    header \"X-API-Key\"\n    header \"X-Key\""));
        assertThat(fix(key, Code.DUPLICATE_SETTING, "Remove the duplicate 'header'")
                        .get(key.file))
                .isEqualTo(SHOP);
    }

    // ---- tokens, outline, folding, selection, hints ----

    @Test
    void keywordsRolesAndClientsAreHighlighted() {
        Fixture f = Fixture.of(SHOP);
        assertThat(f.tokenType("security {")).isEqualTo(SemanticTokens.Type.KEYWORD);
        assertThat(f.tokenType("requires role(\"clerk")).isEqualTo(SemanticTokens.Type.KEYWORD);
        assertThat(f.tokenType("role(\"clerk")).isEqualTo(SemanticTokens.Type.KEYWORD);
        assertThat(f.tokenType("public,")).isEqualTo(SemanticTokens.Type.KEYWORD);
        assertThat(f.tokenType("\"clerk\")")).isEqualTo(SemanticTokens.Type.STRING);
        assertThat(f.tokenType("desk {")).isEqualTo(SemanticTokens.Type.VARIABLE);
        assertThat(f.tokenType("key env(\"DESK")).isEqualTo(SemanticTokens.Type.PROPERTY);
        assertThat(f.tokenType("credentials")).isEqualTo(SemanticTokens.Type.PROPERTY);
        assertThat(f.tokenType("true")).isEqualTo(SemanticTokens.Type.KEYWORD);
    }

    @Test
    void outlineFoldingAndSelectionCoverTheSecurityBlock() {
        Fixture f = Fixture.of(SHOP);
        Symbols.Outline security = Symbols.outline(f.ctx().file()).get(1);
        assertThat(security.name()).isEqualTo("security");
        assertThat(security.children())
                .extracting(Symbols.Outline::name)
                .containsExactly("roles", "api_keys", "jwt", "cors");
        Symbols.Outline clients = security.children().get(1).children().get(1);
        assertThat(clients.name()).isEqualTo("clients");
        assertThat(clients.children()).extracting(Symbols.Outline::name).containsExactly("desk", "boss");
        assertThat(clients.children().get(1).children())
                .extracting(Symbols.Outline::name)
                .containsExactly("key", "roles");

        int line = (int) SHOP.substring(0, SHOP.indexOf("security {")).lines().count();
        assertThat(Structure.folding(f.ctx().file()))
                .extracting(Structure.Fold::startLine)
                .contains(line, line + 2, line + 4, line + 6);

        Fixture s = Fixture.of(at(SHOP, "clerk\", \"admin\"]", 2));
        List<String> sel = Structure.selection(s.ctx().file(), s.offset).stream()
                .map(s::slice)
                .toList();
        assertThat(sel).startsWith("\"clerk\"", "[\"clerk\", \"admin\"]", "roles [\"clerk\", \"admin\"]");
        Fixture r = Fixture.of(at(SHOP, "admin\", \"clerk\")", 2));
        assertThat(Structure.selection(r.ctx().file(), r.offset).stream()
                        .map(r::slice)
                        .toList())
                .startsWith("admin", "\"admin\"", "requires role(\"admin\", \"clerk\")");
        Fixture op = Fixture.of(at(SHOP, "role(\"admin\") }", 7));
        assertThat(Structure.selection(op.ctx().file(), op.offset).stream()
                        .map(op::slice)
                        .toList())
                .startsWith("admin", "\"admin\"", "requires role(\"admin\")", "delete requires role(\"admin\")");
    }

    @Test
    void hintTooltipsSayWhoMayCallEachEndpoint() {
        Fixture f = Fixture.of(SHOP);
        List<InlayHints.Hint> hints =
                InlayHints.hints(f.ctx(), new Span(0, f.text().length()));
        assertThat(hints)
                .extracting(InlayHints.Hint::tooltip)
                .anyMatch(t -> t != null
                        && t.contains("list: GET /api/parts — public")
                        && t.contains("delete: DELETE /api/parts/{id} — role \"admin\""));
        Fixture open = Fixture.of("service S { }\nentity E { id: uuid @key }\napi \"/a\" { resource \"/e\" E }\n");
        assertThat(InlayHints.hints(open.ctx(), new Span(0, open.text().length())))
                .extracting(InlayHints.Hint::tooltip)
                .anyMatch(t -> t != null && t.contains("list: GET /a/e") && !t.contains("—"));
    }
}
