package dev.blueprint.lang.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Roles as symbols: declared by security's roles, referred to by rules and API clients, by the strings' insides. */
class RoleSymbolsTest {
    private static final Path MAIN = Path.of("/project/main.blueprint").toAbsolutePath();
    private static final Path SECURITY = MAIN.resolveSibling("security.blueprint");

    static final String TEXT = """
      service Shop { }
      security {
        roles ["clerk", "admin", "auditor", "clerk"]
        api_keys {
          clients {
            desk  { key env("DESK_API_KEY")  roles ["clerk"] }
            boss  { key env("BOSS_API_KEY")  roles ["clerk", "admin", "nobody"] }
          }
        }
      }
      entity Part { id: uuid @key  name: string }
      api "/api" {
        resource "/parts" Part requires role("clerk") { list public, delete requires role("admin", "clark") }
        route GET "/by-name/{name}" -> Part[] where name == $name requires role("admin")
      }
      """;

    private static Analysis analyze(Map<Path, String> files) throws Exception {
        return new Analyzer().analyze(MAIN, p -> Optional.ofNullable(files.get(p)));
    }

    private static List<String> texts(Analysis a, Symbol role, Map<Path, String> files) {
        return a.program().references().of(role).stream()
                .map(r -> r.file().getFileName() + ":"
                        + files.get(r.file())
                                .substring(r.span().start(), r.span().end()))
                .toList();
    }

    @Test
    void declarationsAndUsesAreTheStringsInsides() throws Exception {
        Analysis a = analyze(Map.of(MAIN, TEXT));
        Map<String, Symbol> roles = a.program().roleSymbols();
        assertThat(roles).containsOnlyKeys("clerk", "admin", "auditor");
        Symbol clerk = roles.get("clerk");
        assertThat(clerk.kind()).isEqualTo(Symbol.Kind.ROLE);
        assertThat(clerk.nameSpan().start()).isEqualTo(TEXT.indexOf("\"clerk\"") + 1);
        assertThat(clerk.nameSpan().length()).isEqualTo("clerk".length());
        // the declaration, the second declaration, two clients, the resource's rule
        assertThat(texts(a, clerk, Map.of(MAIN, TEXT))).hasSize(5).allMatch(t -> t.endsWith(":clerk"));
        assertThat(texts(a, roles.get("admin"), Map.of(MAIN, TEXT))).hasSize(4);
        assertThat(a.program().references().isReferencedOutsideDeclaration(roles.get("auditor")))
                .isFalse();

        int inRule = TEXT.indexOf("role(\"admin\", \"clark\")") + "role(\"".length();
        assertThat(a.program().references().at(MAIN, inRule + 2))
                .map(Reference::target)
                .contains(roles.get("admin"));
        assertThat(a.program().references().at(MAIN, inRule - 1)).isEmpty(); // the quote is not the name
        // undeclared names bind to nothing
        assertThat(a.program().references().at(MAIN, TEXT.indexOf("clark") + 1)).isEmpty();
        assertThat(a.program().references().at(MAIN, TEXT.indexOf("nobody") + 1))
                .isEmpty();
    }

    @Test
    void theResolverReportsNothingAboutRoles() throws Exception {
        Analysis a = analyze(Map.of(MAIN, TEXT));
        // the checker's diagnostics, each once: the duplicate, the unused role, the two undeclared ones
        assertThat(a.diagnostics())
                .extracting(Diagnostic::code)
                .containsExactlyInAnyOrder(
                        Code.DUPLICATE_SETTING, Code.UNUSED_ROLE, Code.UNKNOWN_ROLE, Code.UNKNOWN_ROLE);
    }

    @Test
    void rolesDeclaredInAnImportedFile() throws Exception {
        String security = TEXT.substring(TEXT.indexOf("security {"), TEXT.indexOf("entity Part"));
        String main = "import \"security.blueprint\"\n" + TEXT.replace(security, "");
        Map<Path, String> files = Map.of(MAIN, main, SECURITY, security);
        Analysis a = analyze(files);
        Symbol admin = a.program().roleSymbols().get("admin");
        assertThat(admin.file()).isEqualTo(SECURITY);
        assertThat(texts(a, admin, files))
                .containsExactlyInAnyOrder(
                        "security.blueprint:admin",
                        "security.blueprint:admin",
                        "main.blueprint:admin",
                        "main.blueprint:admin");
    }

    @Test
    void withoutSecurityNoRoles() throws Exception {
        Analysis a = analyze(Map.of(
                MAIN, TEXT.substring(0, TEXT.indexOf("security {")) + TEXT.substring(TEXT.indexOf("entity Part"))));
        assertThat(a.program().roleSymbols()).isEmpty();
        assertThat(a.diagnostics()).extracting(Diagnostic::code).contains(Code.REQUIRES_WITHOUT_AUTHENTICATION);
    }
}
