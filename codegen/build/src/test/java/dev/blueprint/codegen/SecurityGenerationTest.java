package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.build.JavaCompilation;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.Specs;
import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.check.Severity;
import dev.blueprint.lang.settings.Configured;
import dev.blueprint.lang.settings.ServiceConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From the {@code security} block to the spec and the generated Java: every part and every way of giving a secret
 * (env without and with a fallback, a literal), the explicit access rule of every route when the service authenticates
 * and the plain form when it does not; each variant compiles without a warning.
 */
class SecurityGenerationTest {

    private static final String ENTITY = """
            entity Ticket {
              id:      uuid @key
              subject: string(120)
            }
            """;

    @TempDir
    Path classes;

    private static ServiceSpec spec(String text) throws Exception {
        Path file = Path.of("/secgen/desk.blueprint").toAbsolutePath();
        Analysis analysis = new Analyzer().analyze(file, p -> p.equals(file) ? Optional.of(text) : Optional.empty());
        assertThat(analysis.diagnostics().stream()
                        .filter(d -> d.severity() == Severity.ERROR)
                        .toList())
                .isEmpty();
        return Specs.from(analysis);
    }

    private Map<String, String> generateAndCompile(ServiceSpec spec) throws IOException {
        Map<String, String> files = Generator.generate(spec);
        JavaCompilation.Result result = JavaCompilation.compile(
                Generator.javaSources(files),
                classes.resolve(spec.config().name()),
                System.getProperty("java.class.path"));
        assertThat(result.diagnostics()).as("javac -Xlint:all").isEmpty();
        assertThat(result.success()).isTrue();
        return files;
    }

    private static String java(Map<String, String> files, String simpleName) {
        return files.entrySet().stream()
                .filter(e -> e.getKey().endsWith("/" + simpleName + ".java"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theSecureShopSpecCarriesTheBlockAndEveryRule() {
        ServiceSpec spec = Blueprints.spec(Blueprints.example("secure-shop.blueprint"));
        ServiceConfig.Security security = spec.config().security();
        assertThat(security.roles()).containsExactly("clerk", "admin");
        ServiceConfig.ApiKeys keys = security.apiKeys().orElseThrow();
        assertThat(keys.header()).isEqualTo("X-API-Key");
        assertThat(keys.clients()).extracting(ServiceConfig.ApiClient::name).containsExactly("desk", "admin");
        assertThat(keys.clients().get(1).key()).isEqualTo(Configured.env("ADMIN_KEY", Optional.empty()));
        assertThat(keys.clients().get(1).roles()).containsExactly("clerk", "admin");
        ServiceConfig.Jwt jwt = security.jwt().orElseThrow();
        assertThat(jwt.audience()).contains("secure-shop");
        assertThat(jwt.publicKey()).contains(Configured.env("JWT_PUBLIC_KEY", Optional.empty()));
        assertThat(jwt.jwksUrl()).isEmpty();
        assertThat(jwt.algorithms()).containsExactly("RS256", "ES256");
        assertThat(security.rateLimit()).contains(new ServiceConfig.RateLimit(10, 20, ServiceConfig.RateKey.CLIENT));
        assertThat(security.cors().orElseThrow().credentials()).isTrue();
        assertThat(spec.config().server().managementPort()).contains(9090);

        assertThat(access(spec, "POST", "/api/v1/customers")).isEqualTo(Endpoint.Access.anyOf(List.of("clerk")));
        assertThat(access(spec, "GET", "/api/v1/parts")).isEqualTo(Endpoint.Access.PUBLIC);
        assertThat(access(spec, "DELETE", "/api/v1/parts/{id}")).isEqualTo(Endpoint.Access.anyOf(List.of("admin")));
        assertThat(access(spec, "GET", "/api/v1/sales")).isEqualTo(Endpoint.Access.DEFAULT);
        assertThat(access(spec, "GET", "/api/v1/catalog")).isEqualTo(Endpoint.Access.PUBLIC);
        assertThat(access(spec, "GET", "/api/v1/customers/{id}/sales"))
                .isEqualTo(Endpoint.Access.anyOf(List.of("clerk", "admin")));
    }

    private static Endpoint.Access access(ServiceSpec spec, String method, String path) {
        return spec.endpoints().stream()
                .filter(e -> e.method().equals(method) && e.path().equals(path))
                .findFirst()
                .orElseThrow()
                .access();
    }

    @Test
    void theSecureShopMainStatesTheWholePolicyAndEveryRouteItsRule() throws Exception {
        Map<String, String> files = generateAndCompile(Blueprints.spec(Blueprints.example("secure-shop.blueprint")));
        String main = java(files, "Main");
        assertThat(main).contains("""
                                .security(SecurityConfig.none()
                                    .apiKeys(ApiKeyConfig.header("X-API-Key")
                                        .client("desk", environment.require("DESK_KEY"), "clerk")
                                        .client("admin", environment.require("ADMIN_KEY"), "clerk", "admin"))
                                    .jwt(JwtConfig.issuer("https://auth.example.com/")
                                        .audience("secure-shop")
                                        .publicKeyPem(environment.require("JWT_PUBLIC_KEY"))
                                        .algorithms("RS256", "ES256")
                                        .clockSkew(Duration.ofSeconds(30))
                                        .rolesClaim("roles"))
                                    .rateLimit(RateLimitConfig.perSecond(10).burst(20).byClient())
                                    .cors(CorsConfig.origins("https://shop.example.com")
                                        .methods("GET", "POST", "PUT", "DELETE")
                                        .headers("Authorization", "Content-Type", "X-API-Key")
                                        .credentials(true)
                                        .maxAge(Duration.ofMinutes(10))))
                """);
        assertThat(main)
                .contains(".managementPort(9090)")
                .contains(
                        "@throws IllegalStateException when the environment lacks DESK_KEY, ADMIN_KEY or JWT_PUBLIC_KEY");
        assertThat(java(files, "PartApi")).contains("""
                        routes.get("/api/v1/parts", Access.PUBLIC, this::list);
                        routes.get("/api/v1/parts/{id}", Access.PUBLIC, this::get);
                        routes.post("/api/v1/parts", Access.anyRole("admin"), this::create);
                        routes.put("/api/v1/parts/{id}", Access.anyRole("admin"), this::update);
                        routes.delete("/api/v1/parts/{id}", Access.anyRole("admin"), this::delete);
                        routes.get("/api/v1/catalog", Access.PUBLIC, this::listByMake);
                """);
        assertThat(java(files, "SaleApi"))
                .contains("routes.get(\"/api/v1/sales\", Access.AUTHENTICATED, this::list);")
                .contains(
                        "routes.get(\"/api/v1/customers/{id}/sales\", Access.anyRole(\"clerk\", \"admin\"), this::listByCustomer);");
    }

    @Test
    void fallbacksLiteralsJwksAndAnAddressLimitAreWrittenAsTheBlueprintSaysThem() throws Exception {
        ServiceSpec spec = spec("""
                service Desk { version "1.0.0" }
                security {
                  roles ["agent"]
                  api_keys {
                    header "X-Desk-Key"
                    clients {
                      kiosk { key env("KIOSK_KEY", "dev-kiosk") roles ["agent"] }
                      robot { key "robot-key-in-the-file" }
                    }
                  }
                  jwt {
                    issuer "https://id.example.com/"
                    audience "desk"
                    jwks_url "https://id.example.com/.well-known/jwks.json"
                    algorithms [ES256]
                    roles_claim "realm_access.roles"
                  }
                  rate_limit { per_second 5 by address }
                  cors { origins ["*"] }
                }
                """ + ENTITY + """
                api "/api" {
                  resource "/tickets" Ticket { list public, get, create requires role("agent") }
                }
                """);
        Map<String, String> files = generateAndCompile(spec);
        String main = java(files, "Main");
        assertThat(main)
                .contains(".client(\"kiosk\", environment.get(\"KIOSK_KEY\", \"dev-kiosk\"), \"agent\")")
                .contains(".client(\"robot\", \"robot-key-in-the-file\"))")
                .contains(".jwksUrl(\"https://id.example.com/.well-known/jwks.json\")")
                .doesNotContain("publicKeyPem")
                .contains(".algorithms(\"ES256\")")
                .contains(".rolesClaim(\"realm_access.roles\")")
                .contains(".rateLimit(RateLimitConfig.perSecond(5).burst(5).byAddress())")
                .contains(".cors(CorsConfig.origins(\"*\")")
                .doesNotContain(".credentials(")
                .doesNotContain(".managementPort(")
                .doesNotContain("@throws");
        assertThat(java(files, "TicketApi"))
                .contains("routes.get(\"/api/tickets\", Access.PUBLIC, this::list);")
                .contains("routes.get(\"/api/tickets/{id}\", Access.AUTHENTICATED, this::get);")
                .contains("routes.post(\"/api/tickets\", Access.anyRole(\"agent\"), this::create);");
        // the key with a fallback is optional in the Secret; the literal one is not a secret of the environment
        String secret = files.get("k8s/secret.yaml");
        assertThat(secret).contains("KIOSK_KEY: \"\"").doesNotContain("robot");
        assertThat(files.get("docker-compose.yml")).contains("KIOSK_KEY: \"${KIOSK_KEY:-}\"");
    }

    @Test
    void aRateLimitAndCorsWithoutAuthenticationKeepThePlainRoutes() throws Exception {
        ServiceSpec spec = spec("""
                service Open { version "1.0.0" }
                security {
                  rate_limit { per_second 100 burst 200 }
                  cors { origins ["https://app.example.com"] methods [GET] }
                }
                """ + ENTITY + """
                api "/api" { resource "/tickets" Ticket { list, get } }
                """);
        assertThat(spec.config().security().authenticates()).isFalse();
        Map<String, String> files = generateAndCompile(spec);
        assertThat(java(files, "Main")).contains("""
                                .security(SecurityConfig.none()
                                    .rateLimit(RateLimitConfig.perSecond(100).burst(200).byClient())
                                    .cors(CorsConfig.origins("https://app.example.com")
                                        .methods("GET")
                                        .headers("Content-Type", "Authorization")
                                        .maxAge(Duration.ofMinutes(10))))
                """);
        assertThat(java(files, "TicketApi"))
                .contains("routes.get(\"/api/tickets\", this::list);")
                .doesNotContain("Access");
        assertThat(files).doesNotContainKey("k8s/secret.yaml");
        String openApi = files.get(Generator.RESOURCES_ROOT + "openapi.json");
        assertThat(openApi)
                .doesNotContain("securitySchemes")
                .doesNotContain("\"401\"")
                .contains("\"429\"");
    }

    @Test
    void withoutASecurityBlockNothingChanges() throws Exception {
        ServiceSpec spec = spec(
                "service Plain { version \"1.0.0\" }\n" + ENTITY + "api \"/api\" { resource \"/tickets\" Ticket }\n");
        assertThat(spec.config().security()).isEqualTo(ServiceConfig.Security.NONE);
        assertThat(spec.endpoints()).allMatch(e -> e.access().equals(Endpoint.Access.DEFAULT));
        Map<String, String> files = generateAndCompile(spec);
        assertThat(java(files, "Main")).doesNotContain("security").doesNotContain("SecurityConfig");
        assertThat(java(files, "TicketApi"))
                .doesNotContain("Access")
                .contains("routes.get(\"/api/tickets\", this::list);");
        assertThat(files.get(Generator.RESOURCES_ROOT + "openapi.json"))
                .doesNotContain("security")
                .doesNotContain("\"429\"");
        assertThat(files.get("README.md")).doesNotContain("## Security").doesNotContain("| access |");
    }
}
