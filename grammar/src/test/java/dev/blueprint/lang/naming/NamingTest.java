package dev.blueprint.lang.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The naming rules, on ordinary and awkward names. */
class NamingTest {

    @Test
    void caseConversions() {
        assertThat(Identifiers.snake("ServiceItem")).isEqualTo("service_item");
        assertThat(Identifiers.snake("startsAt")).isEqualTo("starts_at");
        assertThat(Identifiers.snake("starts_at")).isEqualTo("starts_at");
        assertThat(Identifiers.snake("HTTPRequest")).isEqualTo("httprequest");
        assertThat(Identifiers.snake("V2Part")).isEqualTo("v2_part");
        assertThat(Identifiers.upperSnake("backOffice")).isEqualTo("BACK_OFFICE");
        assertThat(Identifiers.kebab("AutoShop")).isEqualTo("auto-shop");
        assertThat(Identifiers.kebab("auto_shop")).isEqualTo("auto-shop");
        assertThat(Identifiers.dnsLabel("_My__Shop_")).isEqualTo("my-shop");
    }

    @Test
    void javaNames() {
        assertThat(Identifiers.lowerCamel("starts_at")).isEqualTo("startsAt");
        assertThat(Identifiers.lowerCamel("StartsAt")).isEqualTo("startsAt");
        assertThat(Identifiers.lowerCamel("_starts__at_")).isEqualTo("startsAt");
        assertThat(Identifiers.lowerCamel("__")).isEqualTo("field");
        assertThat(Identifiers.lowerCamel("class"))
                .as("keywords are the allocator's to escape")
                .isEqualTo("class");
        assertThat(Identifiers.upperCamel("service_item")).isEqualTo("ServiceItem");
        assertThat(Identifiers.javaIdentifier("1st-place")).isEqualTo("_1st_place");
    }

    @Test
    void sqlNames() {
        assertThat(SqlNames.table("ServiceItem")).isEqualTo("service_item");
        assertThat(SqlNames.column("partNumber")).isEqualTo("part_number");
        assertThat(SqlNames.constraint("part", "part_number", SqlNames.Constraint.UNIQUE))
                .isEqualTo("part__part_number__key");
        assertThat(SqlNames.constraint("part", "id", SqlNames.Constraint.PRIMARY_KEY))
                .isEqualTo("part__id__pk");
    }

    @Test
    void environmentVariables() {
        assertThat(EnvironmentNames.store("main", true, EnvironmentNames.DATABASE_URL))
                .isEqualTo("DATABASE_URL");
        assertThat(EnvironmentNames.store("stock", false, EnvironmentNames.DATABASE_URL))
                .isEqualTo("STOCK_DATABASE_URL");
        assertThat(EnvironmentNames.clientKey("backOffice")).isEqualTo("BACK_OFFICE_API_KEY");
    }

    @Test
    void blueprintFiles() {
        assertThat(BlueprintFiles.isBlueprint(Path.of("a", "shop.blueprint"))).isTrue();
        assertThat(BlueprintFiles.isBlueprint(Path.of("shop.blueprint.bak"))).isFalse();
        assertThat(BlueprintFiles.isBlueprint(Path.of("/"))).isFalse();
    }
}
