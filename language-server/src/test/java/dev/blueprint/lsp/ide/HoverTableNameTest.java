package dev.blueprint.lsp.ide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.codegen.Generator;
import dev.blueprint.codegen.spec.Specs;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The table an entity's hover names is the table the generated migration creates, for names whose case conversion is
 * awkward (acronyms, digits, underscores, keywords): otherwise the hover lies.
 */
class HoverTableNameTest {

    private static final Pattern HOVER_TABLE = Pattern.compile("Table `([^`]*)`");
    private static final Pattern CREATED_TABLE = Pattern.compile("CREATE TABLE \"([^\"]*)\"");

    @ParameterizedTest
    @ValueSource(
            strings = {"ServiceItem", "HTTPRequest", "order_line", "V2Part", "Ab9Cd", "Order", "XMLHttpThing", "a_B"})
    void theHoverNamesTheTableTheGeneratorCreates(String entity) {
        Fixture f = Fixture.of("service Names { }\nentity " + entity.charAt(0) + "$0" + entity.substring(1)
                + " {\n  id: uuid @key\n}\napi \"/x\" {\n  resource \"/things\" " + entity + "\n}\n");
        assertThat(f.ctx().analysis().hasErrors())
                .as("%s", f.ctx().analysis().diagnostics())
                .isFalse();

        String markdown = Hover.hover(f.ctx(), f.offset).orElseThrow().markdown();
        Matcher shown = HOVER_TABLE.matcher(markdown);
        assertThat(shown.find()).as(markdown).isTrue();

        String migration = Generator.generate(Specs.from(f.ctx().analysis()))
                .get(Generator.RESOURCES_ROOT + "db/migration/V1__schema.sql");
        Matcher created = CREATED_TABLE.matcher(migration);
        assertThat(created.find()).as(migration).isTrue();

        assertThat(shown.group(1)).isEqualTo(created.group(1));
    }
}
