package dev.blueprint.lsp.ide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.settings.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionTest {
    static final String MODEL = """
      service Shop { version "1.0.0" }
      store main { engine h2 }
      enum Status { OPEN, CLOSED }
      entity Customer {
        id: uuid @key
        name: string(40)
        age: int
        status: Status = OPEN
      }
      """;

    /** The labels proposed at the cursor. */
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
                .orElseThrow();
    }

    @Test
    void topLevelOffersDeclarationSnippets() {
        assertThat(labels(MODEL + "\n$0"))
                .contains("service", "server", "store", "entity", "enum", "api", "probes", "deploy", "import");
        assertThat(item(MODEL + "\nen$0", "entity").snippet()).isTrue();
    }

    @Test
    void settingsKeysComeFromTheSchemaWithDocsAndDefaults() {
        assertThat(labels("server {\n  $0\n}"))
                .containsExactlyElementsOf(
                        Schema.SERVER.keys().stream().map(k -> k.name()).toList());
        Completion.Item port = item("server {\n  po$0\n}", "port");
        assertThat(port.doc()).contains(Schema.PORT.doc()).contains(Schema.PORT.defaultText());
        assertThat(port.replace().length()).isEqualTo(2);
    }

    @Test
    void keysAlreadyWrittenAreLeftOut() {
        assertThat(labels("server {\n  port 8080\n  $0\n}"))
                .doesNotContain("port")
                .contains("max_body");
    }

    @Test
    void nestedPoolBlockOffersPoolKeys() {
        assertThat(labels("store main {\n  pool {\n    $0\n  }\n}"))
                .contains("min_idle", "max_size", "connect_timeout")
                .doesNotContain("engine");
    }

    @Test
    void valuesOfTheRightKind() {
        assertThat(labels("store main {\n  engine $0\n}")).containsExactly("h2", "postgres");
        assertThat(labels("server {\n  request_timeout 30$0\n}"))
                .contains("30ms", "30s", "30m", "30h", "30d")
                .doesNotContain("30MB");
        assertThat(labels("deploy {\n  memory 512$0\n}")).contains("512MiB", "512GB");
        assertThat(labels("store main {\n  password $0\n}")).contains("env(\"…\")");
        assertThat(labels("store main {\n  pool {\n    leak_detection $0\n  }\n}"))
                .contains("off");
    }

    @Test
    void fieldTypesAfterTheColon() {
        assertThat(labels(MODEL + "entity Order {\n  id: uuid @key\n  buyer: $0\n}"))
                .contains("string", "int", "uuid", "timestamp", "Customer", "Status", "Order");
    }

    @Test
    void attributesFitTheFieldType() {
        List<String> onInt = labels(MODEL + "entity Order {\n  id: uuid @key\n  n: int @$0\n}");
        assertThat(onInt).contains("range", "unique", "index").doesNotContain("length", "pattern", "created");
        List<String> onString = labels(MODEL + "entity Order {\n  id: uuid @key\n  s: string(3) @$0\n}");
        assertThat(onString).contains("length", "pattern").doesNotContain("range");
    }

    @Test
    void enumMembersInDefaults() {
        assertThat(labels(MODEL + "entity Order {\n  id: uuid @key\n  s: Status = $0\n}"))
                .containsExactly("OPEN", "CLOSED");
    }

    @Test
    void resourceOperationsNotYetListed() {
        assertThat(labels(MODEL + "api \"/v1\" {\n  resource \"/c\" Customer { list, $0 }\n}"))
                .containsExactly("get", "create", "update", "delete");
    }

    @Test
    void entityNamesAfterResourcePathAndArrow() {
        assertThat(labels(MODEL + "api \"/v1\" {\n  resource \"/c\" $0\n}")).containsExactly("Customer");
        assertThat(labels(MODEL + "api \"/v1\" {\n  route GET \"/c\" -> $0\n}")).containsExactly("Customer");
    }

    @Test
    void entityFieldsAfterWhereAndOrderBy() {
        assertThat(labels(MODEL + "api \"/v1\" {\n  route GET \"/c\" -> Customer[] where $0\n}"))
                .containsExactly("id", "name", "age", "status");
        assertThat(labels(MODEL + "api \"/v1\" {\n  route GET \"/c\" -> Customer[] where name == $n order by $0\n}"))
                .containsExactly("id", "name", "age", "status");
        assertThat(labels(MODEL + "api \"/v1\" {\n  route GET \"/c\" -> Customer[] order by age $0\n}"))
                .containsExactly("asc", "desc");
        // after a limit, no second limit (and no where or order by, which come before it)
        assertThat(labels(MODEL + "api \"/v1\" {\n  route GET \"/c\" -> Customer[] limit 5 $0\n}"))
                .doesNotContain("limit", "where", "order by");
    }

    @Test
    void pathParametersAfterDollar() {
        assertThat(labels(MODEL + "api \"/v1\" {\n  route GET \"/c/{who}/{when}\" -> Customer where id == $$0\n}"))
                .containsExactly("who", "when");
        assertThat(labels(MODEL + "api \"/v1\" {\n  route GET \"/c/{who}\" -> Customer where id == $0\n}"))
                .containsExactly("$who");
    }

    @Test
    void storeNamesInChecks() {
        assertThat(labels(MODEL + "probes {\n  checks [$0]\n}")).containsExactly("main");
    }

    @Test
    void nothingInsideCommentsOrStrings() {
        assertThat(labels(MODEL + "// serv$0")).isEmpty();
        assertThat(labels("service S { description \"ab$0c\" }")).isEmpty();
    }

    @Test
    void apiMembersAtLineStart() {
        assertThat(labels(MODEL + "api \"/v1\" {\n  $0\n}")).containsExactly("resource", "route");
    }

    @Test
    void everySettingsBlockOffersItsKeys() {
        assertThat(labels("service S {\n  $0\n}"))
                .containsExactlyElementsOf(
                        Schema.SERVICE.keys().stream().map(k -> k.name()).toList());
        assertThat(labels("probes {\n  $0\n}"))
                .containsExactlyElementsOf(
                        Schema.PROBES.keys().stream().map(k -> k.name()).toList());
        assertThat(labels("deploy {\n  $0\n}")).contains("replicas", "autoscale", "target_cpu");
        assertThat(labels("deploy {\n  autoscale $0\n}")).contains("2..10", "off");
    }

    @Test
    void importOffersTheOtherFilesOfTheFolder() {
        assertThat(
                        labels(
                                "//- main.blueprint\nimport $0\n//- common.blueprint\nenum U { A }\n//- sub/more.blueprint\nenum V { B }\n"))
                .containsExactlyInAnyOrder("\"common.blueprint\"", "\"sub/more.blueprint\"");
    }

    @Test
    void aKeyFieldSnippetInAnEntityWithoutOne() {
        assertThat(labels("entity E {\n  $0\n}")).containsExactly("id: uuid @key");
        assertThat(labels("entity E {\n  id: uuid @key\n  $0\n}")).isEmpty();
    }

    @Test
    void proposalsAreNarrowedByTheTypedWordAndCapped() {
        assertThat(labels("server {\n  tmo$0\n}"))
                .containsExactly("request_timeout", "header_timeout", "body_timeout", "idle_timeout");
        StringBuilder many = new StringBuilder("service S { version \"1\" }\n");
        for (int i = 0; i < 300; i++) {
            many.append("entity E").append(i).append(" { id: uuid @key }\n");
        }
        assertThat(labels(many + "entity X { id: uuid @key  r: $0 }")).hasSize(Completion.LIMIT);
        // fuzzy: the letters in order (E2_9 matches too), never a label without them
        assertThat(labels(many + "entity X { id: uuid @key  r: E29$0 }"))
                .startsWith("E29")
                .contains("E290", "E299", "E129")
                .doesNotContain("E30", "E92", "string");
    }
}
