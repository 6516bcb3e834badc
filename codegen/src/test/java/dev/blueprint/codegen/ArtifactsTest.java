package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.blueprint.codegen.spec.ServiceSpec;
import io.swagger.v3.oas.models.OpenAPI;
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
        return Blueprints.allPrograms().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ServiceSpec spec = Blueprints.spec(file);
            String json = Generator.generate(spec).get(Generator.RESOURCES_ROOT + "openapi.json");
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(json);
            assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
            OpenAPI api = result.getOpenAPI();
            assertThat(api.getOpenapi()).isEqualTo("3.1.0");
            assertThat(api.getInfo().getVersion()).isEqualTo(spec.version());
            for (ServiceSpec.EndpointSpec e : spec.endpoints()) {
                var item = api.getPaths().get(e.path());
                assertThat(item).as(e.path()).isNotNull();
                assertThat(item.readOperationsMap().keySet().stream().map(Enum::name).toList()).as(e.path()).contains(e.method());
            }
        }));
    }

    @Test
    void autoShopManifestsCarryProbesResourcesAutoscalingAndBudget() throws Exception {
        Map<String, String> files = Generator.generate(Blueprints.spec(Blueprints.valid("auto-shop.blueprint")));
        JsonNode deployment = YAML.readTree(files.get("k8s/deployment.yaml"));
        assertThat(deployment.get("kind").asText()).isEqualTo("Deployment");
        assertThat(deployment.get("spec").has("replicas")).as("the autoscaler owns replicas").isFalse();
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
        assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isGreaterThan(20);

        JsonNode hpa = YAML.readTree(files.get("k8s/hpa.yaml"));
        assertThat(hpa.get("kind").asText()).isEqualTo("HorizontalPodAutoscaler");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(3);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(5);
        assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(70);
        JsonNode pdb = YAML.readTree(files.get("k8s/pdb.yaml"));
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(2);
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
        JsonNode service = YAML.readTree(files.get("k8s/service.yaml"));
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");

        JsonNode compose = YAML.readTree(files.get("docker-compose.yml"));
        assertThat(compose.at("/services/db/healthcheck/test/0").asText()).isEqualTo("CMD-SHELL");
        assertThat(compose.at("/services/app/depends_on/db/condition").asText()).isEqualTo("service_healthy");
        assertThat(compose.at("/services/app/environment/DATABASE_URL").asText()).startsWith("jdbc:postgresql://db:5432/");
        assertThat(files.get("Dockerfile")).contains("USER 10001").contains("AS build");
    }

    @Test
    void embeddedOnlyServiceHasOneReplicaAndNoAutoscaler() throws Exception {
        Map<String, String> files = Generator.generate(Blueprints.spec(Blueprints.valid("task-api.blueprint")));
        assertThat(files).doesNotContainKey("k8s/hpa.yaml");
        JsonNode deployment = YAML.readTree(files.get("k8s/deployment.yaml"));
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(YAML.readTree(files.get("k8s/pdb.yaml")).at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(List.copyOf(files.keySet())).contains("pom.xml", "README.md", "Dockerfile", ".dockerignore",
                "src/main/resources/db/migration/V1__schema.sql");
        assertThat(Path.of(files.keySet().iterator().next()).isAbsolute()).isFalse();
    }
}
