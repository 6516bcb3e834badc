package dev.blueprint.codegen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.lang.naming.Identifiers;
import dev.blueprint.lang.settings.ServiceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes manifests: a Deployment with the three probes on the blueprint's paths (on the management port when the
 * blueprint sets one) and the resources from {@code deploy}, a Service, a HorizontalPodAutoscaler when
 * {@code autoscale} is set, a PodDisruptionBudget, and a Secret with every secret the service reads from its
 * environment ({@link Secrets}), which the Deployment takes through {@code secretKeyRef}. Written through a YAML
 * library from plain maps, so the output is always well-formed.
 */
final class KubernetesGenerator {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private final ServiceSpec spec;
    private final ServiceConfig config;
    private final String app;
    private final List<Secrets.Secret> secrets;

    KubernetesGenerator(ServiceSpec spec) {
        this.spec = spec;
        this.config = spec.config();
        this.app = Identifiers.dnsLabel(config.name());
        this.secrets = Secrets.of(spec);
    }

    /** The name of the Secret that holds the service's secrets. */
    String secretName() {
        return app + "-secrets";
    }

    Map<String, String> manifests() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("deployment.yaml", write(deployment()));
        files.put("service.yaml", write(service()));
        if (config.deploy().autoscaleMax().isPresent()) files.put("hpa.yaml", write(autoscaler()));
        files.put("pdb.yaml", write(disruptionBudget()));
        if (!secrets.isEmpty()) files.put("secret.yaml", secretHowTo() + write(secret()));
        return files;
    }

    private static String write(Object manifest) {
        try {
            return YAML.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a manifest", e);
        }
    }

    private Map<String, Object> metadata() {
        return metadata(app);
    }

    private Map<String, Object> metadata(String name) {
        return map(
                "name",
                name,
                "labels",
                map("app.kubernetes.io/name", app, "app.kubernetes.io/version", config.version()));
    }

    private Map<String, Object> selector() {
        return map("matchLabels", map("app.kubernetes.io/name", app));
    }

    private Map<String, Object> deployment() {
        ServiceConfig.Deploy deploy = config.deploy();
        ServiceConfig.Probes probes = config.probes();
        int port = config.server().port();
        int timeoutSeconds = (int) Math.max(1, (probes.timeout().toMillis() + 999) / 1000);
        List<Object> env = new ArrayList<>();
        env.add(map("name", "PORT", "value", Integer.toString(port)));
        managementPort().ifPresent(p -> env.add(map("name", "MANAGEMENT_PORT", "value", Integer.toString(p))));
        env.add(map("name", "JAVA_TOOL_OPTIONS", "value", "-XX:MaxRAMPercentage=75"));
        for (Secrets.Secret secret : secrets) {
            env.add(map(
                    "name",
                    secret.variable(),
                    "valueFrom",
                    map(
                            "secretKeyRef",
                            map("name", secretName(), "key", secret.variable(), "optional", !secret.required()))));
        }
        List<Object> ports = new ArrayList<>();
        ports.add(map("name", "http", "containerPort", port));
        managementPort().ifPresent(p -> ports.add(map("name", "management", "containerPort", p)));
        String probePort = managementPort().isPresent() ? "management" : "http";
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", app);
        container.put("image", deploy.image() + ":" + config.version());
        container.put("ports", ports);
        container.put("env", env);
        container.put(
                "resources",
                map(
                        "requests", map("cpu", cpu(deploy.cpuMillis()), "memory", memory(deploy.memoryBytes())),
                        "limits",
                                map("cpu", cpu(deploy.cpuLimitMillis()), "memory", memory(deploy.memoryLimitBytes()))));
        container.put("startupProbe", probe(probes.startup(), probePort, timeoutSeconds, 2, 30));
        container.put("readinessProbe", probe(probes.ready(), probePort, timeoutSeconds, 5, 2));
        container.put("livenessProbe", probe(probes.live(), probePort, timeoutSeconds, 10, 3));
        container.put(
                "securityContext",
                map(
                        "runAsNonRoot",
                        true,
                        "allowPrivilegeEscalation",
                        false,
                        "readOnlyRootFilesystem",
                        false,
                        "capabilities",
                        map("drop", List.of("ALL"))));
        long grace = config.server().shutdownGrace().toSeconds() + 10;
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("terminationGracePeriodSeconds", grace);
        podSpec.put("securityContext", map("runAsNonRoot", true, "runAsUser", 10001, "fsGroup", 10001));
        podSpec.put("containers", List.of(container));
        Map<String, Object> deploymentSpec = new LinkedHashMap<>();
        if (deploy.autoscaleMax().isEmpty()) deploymentSpec.put("replicas", deploy.replicas());
        deploymentSpec.put("selector", selector());
        deploymentSpec.put(
                "strategy", map("type", "RollingUpdate", "rollingUpdate", map("maxUnavailable", 0, "maxSurge", 1)));
        deploymentSpec.put(
                "template", map("metadata", map("labels", map("app.kubernetes.io/name", app)), "spec", podSpec));
        return map("apiVersion", "apps/v1", "kind", "Deployment", "metadata", metadata(), "spec", deploymentSpec);
    }

    private Optional<Integer> managementPort() {
        return config.server().managementPort();
    }

    private static Map<String, Object> probe(
            String path, String port, int timeoutSeconds, int periodSeconds, int failureThreshold) {
        return map(
                "httpGet",
                map("path", path, "port", port),
                "timeoutSeconds",
                timeoutSeconds,
                "periodSeconds",
                periodSeconds,
                "failureThreshold",
                failureThreshold);
    }

    /** The comment above the Secret: what it holds and how to fill it. */
    private String secretHowTo() {
        StringBuilder text = new StringBuilder();
        text.append("# The secrets ")
                .append(config.name())
                .append(" reads from its environment, one key per variable:\n");
        for (Secrets.Secret secret : secrets) {
            text.append("#   ")
                    .append(secret.variable())
                    .append(": ")
                    .append(secret.purpose())
                    .append(secret.required() ? " (required)" : " (optional)")
                    .append('\n');
        }
        text.append("# Fill in the values before applying this file, or leave it out and create the Secret yourself:\n")
                .append("#   kubectl create secret generic ")
                .append(secretName());
        for (Secrets.Secret secret : secrets) {
            text.append(" \\\n#     ")
                    .append(
                            secret.pem()
                                    ? "--from-file=" + secret.variable() + "=public.pem"
                                    : "--from-literal=" + secret.variable() + "=...");
        }
        text.append("\n# Applied as it is, every value is empty");
        if (secrets.stream().anyMatch(s -> s.required() && !s.database())) {
            text.append(": the service refuses to start and names the first variable it misses");
        }
        if (secrets.stream().anyMatch(Secrets.Secret::database)) {
            text.append(secrets.stream().anyMatch(s -> s.required() && !s.database()) ? ", and" : ":")
                    .append(" an empty DATABASE_* value falls back to the blueprint's setting");
        }
        text.append(".\n");
        return text.toString();
    }

    private Map<String, Object> secret() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Secrets.Secret secret : secrets) values.put(secret.variable(), "");
        return map(
                "apiVersion",
                "v1",
                "kind",
                "Secret",
                "metadata",
                metadata(secretName()),
                "type",
                "Opaque",
                "stringData",
                values);
    }

    private Map<String, Object> service() {
        return map(
                "apiVersion",
                "v1",
                "kind",
                "Service",
                "metadata",
                metadata(),
                "spec",
                map(
                        "type",
                        "ClusterIP",
                        "selector",
                        map("app.kubernetes.io/name", app),
                        "ports",
                        List.of(map("name", "http", "port", 80, "targetPort", "http"))));
    }

    private Map<String, Object> autoscaler() {
        ServiceConfig.Deploy deploy = config.deploy();
        return map(
                "apiVersion",
                "autoscaling/v2",
                "kind",
                "HorizontalPodAutoscaler",
                "metadata",
                metadata(),
                "spec",
                map(
                        "scaleTargetRef", map("apiVersion", "apps/v1", "kind", "Deployment", "name", app),
                        "minReplicas", deploy.autoscaleMin().orElseThrow(),
                        "maxReplicas", deploy.autoscaleMax().orElseThrow(),
                        "metrics",
                                List.of(map(
                                        "type",
                                        "Resource",
                                        "resource",
                                        map(
                                                "name",
                                                "cpu",
                                                "target",
                                                map(
                                                        "type",
                                                        "Utilization",
                                                        "averageUtilization",
                                                        deploy.targetCpuPercent()))))));
    }

    private Map<String, Object> disruptionBudget() {
        int smallest =
                spec.config().deploy().autoscaleMin().orElse(config.deploy().replicas());
        Map<String, Object> budget = smallest > 1 ? map("minAvailable", smallest - 1) : map("maxUnavailable", 1);
        Map<String, Object> pdbSpec = new LinkedHashMap<>(budget);
        pdbSpec.put("selector", selector());
        return map("apiVersion", "policy/v1", "kind", "PodDisruptionBudget", "metadata", metadata(), "spec", pdbSpec);
    }

    static String cpu(int millis) {
        return millis % 1000 == 0 ? Integer.toString(millis / 1000) : millis + "m";
    }

    static String memory(long bytes) {
        if (bytes % (1L << 30) == 0) return (bytes >> 30) + "Gi";
        if (bytes % (1L << 20) == 0) return (bytes >> 20) + "Mi";
        if (bytes % 1_000_000 == 0) return (bytes / 1_000_000) + "M";
        return Long.toString(bytes);
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return out;
    }
}
