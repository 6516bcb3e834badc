package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.lang.check.Endpoint;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The OpenAPI document and the Kubernetes manifests, parsed with libraries made for them. */
class ArtifactsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TestFactory
    Stream<DynamicTest> openApiDocumentsAreValidAndCoverEveryEndpoint() {
        return Blueprints.allPrograms().stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    ServiceSpec spec = Blueprints.spec(file);
                    String json = Generator.generate(spec).get(Generator.RESOURCES_ROOT + "openapi.json");
                    SwaggerParseResult result = new OpenAPIV3Parser().readContents(json);
                    assertThat(result.getMessages())
                            .as("swagger-parser messages")
                            .isEmpty();
                    OpenAPI api = result.getOpenAPI();
                    assertThat(api.getOpenapi()).isEqualTo("3.1.0");
                    assertThat(api.getInfo().getVersion())
                            .isEqualTo(spec.config().version());
                    for (ServiceSpec.EndpointSpec e : spec.endpoints()) {
                        var item = api.getPaths().get(e.path());
                        assertThat(item).as(e.path()).isNotNull();
                        assertThat(item.readOperationsMap().keySet().stream()
                                        .map(Enum::name)
                                        .toList())
                                .as(e.path())
                                .contains(e.method());
                        Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(e.method()));
                        boolean guarded = spec.config().security().authenticates()
                                && e.access().kind() != Endpoint.Access.Kind.PUBLIC;
                        assertThat(op.getResponses().containsKey("401"))
                                .as(e + " 401")
                                .isEqualTo(guarded);
                        assertThat(op.getResponses().containsKey("403"))
                                .as(e + " 403")
                                .isEqualTo(guarded && e.access().kind() == Endpoint.Access.Kind.ROLES);
                        assertThat(op.getResponses().containsKey("429"))
                                .as(e + " 429")
                                .isEqualTo(spec.config().security().rateLimit().isPresent());
                    }
                    if (!spec.config().security().authenticates()) {
                        assertThat(api.getSecurity())
                                .as("no requirement without authentication")
                                .isNull();
                        assertThat(api.getComponents().getSecuritySchemes()).isNull();
                    }
                }));
    }

    @Test
    void secureShopOpenApiDeclaresItsSchemesAndEachOperationsRequirement() {
        String json = Generator.generate(Blueprints.spec(Blueprints.example("secure-shop.blueprint")))
                .get(Generator.RESOURCES_ROOT + "openapi.json");
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json);
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
        assertThat(schemes).containsOnlyKeys("apiKey", "bearer");
        assertThat(schemes.get("apiKey").getType()).isEqualTo(SecurityScheme.Type.APIKEY);
        assertThat(schemes.get("apiKey").getIn()).isEqualTo(SecurityScheme.In.HEADER);
        assertThat(schemes.get("apiKey").getName()).isEqualTo("X-API-Key");
        assertThat(schemes.get("bearer").getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(schemes.get("bearer").getScheme()).isEqualTo("bearer");
        assertThat(schemes.get("bearer").getBearerFormat()).isEqualTo("JWT");
        // any one scheme will do: two alternatives, each with no roles
        assertThat(api.getSecurity())
                .containsExactly(
                        new SecurityRequirement().addList("apiKey"), new SecurityRequirement().addList("bearer"));

        assertThat(api.getPaths().get("/api/v1/parts").getGet().getSecurity())
                .as("public")
                .isEmpty();
        assertThat(api.getPaths().get("/api/v1/catalog").getGet().getSecurity())
                .as("public route")
                .isEmpty();
        assertThat(api.getPaths().get("/api/v1/sales").getGet().getSecurity())
                .as("inherits the document's")
                .isNull();
        assertThat(api.getPaths().get("/api/v1/parts").getPost().getSecurity())
                .containsExactly(
                        new SecurityRequirement().addList("apiKey", "admin"),
                        new SecurityRequirement().addList("bearer", "admin"));
        assertThat(api.getPaths().get("/api/v1/customers/{id}/sales").getGet().getSecurity())
                .containsExactly(
                        new SecurityRequirement().addList("apiKey", List.of("clerk", "admin")),
                        new SecurityRequirement().addList("bearer", List.of("clerk", "admin")));

        Operation create = api.getPaths().get("/api/v1/parts").getPost();
        assertThat(create.getResponses().get("401").getHeaders()).containsKey("WWW-Authenticate");
        assertThat(create.getResponses().get("401").getContent()).containsKey("application/problem+json");
        assertThat(create.getResponses().get("403").getContent()).containsKey("application/problem+json");
        var tooMany = create.getResponses().get("429");
        assertThat(tooMany.getContent()).containsKey("application/problem+json");
        assertThat(tooMany.getHeaders()).containsKeys("Retry-After", "RateLimit-Limit", "RateLimit-Remaining");
        assertThat(tooMany.getHeaders().get("Retry-After").getSchema().getMinimum())
                .isEqualByComparingTo("1");
        assertThat(create.getResponses().get("201").getHeaders())
                .as("the limiter's state on answers it let through")
                .containsKeys("RateLimit-Limit", "RateLimit-Remaining");
        assertThat(List.copyOf(create.getResponses().keySet()))
                .as("statuses in order")
                .isSorted();
        assertThat(api.getComponents().getSchemas().get("Problem").getProperties())
                .containsKey("traceId");
    }

    @Test
    void secureShopTakesItsKeysFromASecretAndProbesTheManagementPort() throws Exception {
        Map<String, String> files = Generator.generate(Blueprints.spec(Blueprints.example("secure-shop.blueprint")));
        String secretText = files.get("k8s/secret.yaml");
        assertThat(secretText)
                .contains("kubectl create secret generic secure-shop-secrets")
                .contains("--from-literal=DESK_KEY=")
                .contains("--from-file=JWT_PUBLIC_KEY=");
        JsonNode secret = YAML.readTree(secretText);
        assertThat(secret.get("kind").asText()).isEqualTo("Secret");
        assertThat(secret.at("/metadata/name").asText()).isEqualTo("secure-shop-secrets");
        assertThat(keys(secret.get("stringData"))).containsExactly("DESK_KEY", "ADMIN_KEY", "JWT_PUBLIC_KEY");
        secret.get("stringData")
                .forEach(value -> assertThat(value.asText())
                        .as("left for the operator to fill")
                        .isEmpty());

        JsonNode deployment = YAML.readTree(files.get("k8s/deployment.yaml"));
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        for (String key : List.of("DESK_KEY", "ADMIN_KEY", "JWT_PUBLIC_KEY")) {
            JsonNode env = find(container.get("env"), key);
            assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("secure-shop-secrets");
            assertThat(env.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo(key);
            assertThat(env.at("/valueFrom/secretKeyRef/optional").asBoolean()).isFalse();
        }
        assertThat(find(container.get("env"), "MANAGEMENT_PORT").get("value").asText())
                .isEqualTo("9090");
        assertThat(container.at("/ports/1/name").asText()).isEqualTo("management");
        assertThat(container.at("/ports/1/containerPort").asInt()).isEqualTo(9090);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText())
                    .as(probe)
                    .isEqualTo("management");
        }
        assertThat(YAML.readTree(files.get("k8s/service.yaml")).at("/spec/ports"))
                .as("the Service exposes the API only")
                .hasSize(1);

        JsonNode compose = YAML.readTree(files.get("docker-compose.yml"));
        assertThat(compose.at("/services/app/environment/DESK_KEY").asText()).isEqualTo("${DESK_KEY:?set DESK_KEY}");
        assertThat(compose.at("/services/app/environment/JWT_PUBLIC_KEY").asText())
                .isEqualTo("${JWT_PUBLIC_KEY:?set JWT_PUBLIC_KEY}");
        assertThat(compose.at("/services/app/ports/1").asText()).isEqualTo("9090:9090");
        assertThat(compose.at("/services/app/healthcheck/test/5").asText())
                .isEqualTo("http://127.0.0.1:9090/health/ready");
        assertThat(files.get("Dockerfile"))
                .contains("EXPOSE 8080 9090")
                .contains("\"http://127.0.0.1:9090/health/ready\"");
        assertThat(files.get("README.md"))
                .contains("## Security")
                .contains("| role clerk or admin |")
                .contains("`DESK_KEY`: the API key of client desk; the service does not start without it");
    }

    @Test
    void autoShopTakesItsDatabaseFromTheSecret() throws Exception {
        Map<String, String> files = Generator.generate(Blueprints.spec(Blueprints.valid("auto-shop.blueprint")));
        JsonNode secret = YAML.readTree(files.get("k8s/secret.yaml"));
        assertThat(keys(secret.get("stringData")))
                .containsExactly("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD");
        JsonNode env = YAML.readTree(files.get("k8s/deployment.yaml")).at("/spec/template/spec/containers/0/env");
        assertThat(find(env, "DATABASE_URL").at("/valueFrom/secretKeyRef/name").asText())
                .isEqualTo("auto-shop-secrets");
        assertThat(find(env, "DATABASE_URL")
                        .at("/valueFrom/secretKeyRef/optional")
                        .asBoolean())
                .isFalse();
        assertThat(find(env, "DATABASE_PASSWORD")
                        .at("/valueFrom/secretKeyRef/optional")
                        .asBoolean())
                .isTrue();
        assertThat(files.get("docker-compose.yml")).doesNotContain(":?");
    }

    private static JsonNode find(JsonNode env, String name) {
        for (JsonNode variable : env) {
            if (variable.get("name").asText().equals(name)) return variable;
        }
        throw new AssertionError("no variable " + name + " in " + env);
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void autoShopManifestsCarryProbesResourcesAutoscalingAndBudget() throws Exception {
        Map<String, String> files = Generator.generate(Blueprints.spec(Blueprints.valid("auto-shop.blueprint")));
        JsonNode deployment = YAML.readTree(files.get("k8s/deployment.yaml"));
        assertThat(deployment.get("kind").asText()).isEqualTo("Deployment");
        assertThat(deployment.get("spec").has("replicas"))
                .as("the autoscaler owns replicas")
                .isFalse();
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(container.at("/image").asText()).isEqualTo("registry.example.com/autoshop:2.3.0");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health/startup");
        assertThat(container.at("/readinessProbe/timeoutSeconds").asInt()).isEqualTo(2);
        assertThat(container.at("/resources/requests/cpu").asText()).isEqualTo("500m");
        assertThat(container.at("/resources/limits/cpu").asText()).isEqualTo("2");
        assertThat(container.at("/resources/requests/memory").asText()).isEqualTo("512Mi");
        assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("1Gi");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(deployment
                        .at("/spec/template/spec/securityContext/runAsNonRoot")
                        .asBoolean())
                .isTrue();
        assertThat(deployment
                        .at("/spec/template/spec/terminationGracePeriodSeconds")
                        .asInt())
                .isGreaterThan(20);

        JsonNode hpa = YAML.readTree(files.get("k8s/hpa.yaml"));
        assertThat(hpa.get("kind").asText()).isEqualTo("HorizontalPodAutoscaler");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(3);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(5);
        assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt())
                .isEqualTo(70);
        JsonNode pdb = YAML.readTree(files.get("k8s/pdb.yaml"));
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(2);
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
        JsonNode service = YAML.readTree(files.get("k8s/service.yaml"));
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");

        JsonNode compose = YAML.readTree(files.get("docker-compose.yml"));
        assertThat(compose.at("/services/db/healthcheck/test/0").asText()).isEqualTo("CMD-SHELL");
        assertThat(compose.at("/services/app/depends_on/db/condition").asText()).isEqualTo("service_healthy");
        assertThat(compose.at("/services/app/environment/DATABASE_URL").asText())
                .startsWith("jdbc:postgresql://db:5432/");
        assertThat(files.get("Dockerfile")).contains("USER 10001").contains("AS build");
    }

    @Test
    void embeddedOnlyServiceHasOneReplicaAndNoAutoscaler() throws Exception {
        Map<String, String> files = Generator.generate(Blueprints.spec(Blueprints.valid("task-api.blueprint")));
        assertThat(files).doesNotContainKey("k8s/hpa.yaml");
        JsonNode deployment = YAML.readTree(files.get("k8s/deployment.yaml"));
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(YAML.readTree(files.get("k8s/pdb.yaml"))
                        .at("/spec/maxUnavailable")
                        .asInt())
                .isEqualTo(1);
        assertThat(List.copyOf(files.keySet()))
                .contains(
                        "pom.xml",
                        "README.md",
                        "Dockerfile",
                        ".dockerignore",
                        "src/main/resources/db/migration/V1__schema.sql");
        assertThat(files).as("no secret to keep").doesNotContainKey("k8s/secret.yaml");
        assertThat(Path.of(files.keySet().iterator().next()).isAbsolute()).isFalse();
    }
}
