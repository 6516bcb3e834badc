package dev.blueprint.codegen;

import dev.blueprint.codegen.spec.ServiceSpec;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a checked program's {@link ServiceSpec} into a service project: a pure function from the spec to
 * files (path relative to the project root, text). The same spec always gives the same bytes.
 */
public final class Generator {

    /** Where generated Java sources live inside the project. */
    public static final String JAVA_ROOT = "src/main/java/";
    /** Where generated resources live inside the project. */
    public static final String RESOURCES_ROOT = "src/main/resources/";

    private Generator() {
    }

    /** Every file of the project, sorted by path. */
    public static SortedMap<String, String> generate(ServiceSpec spec) {
        Naming names = new Naming(spec);
        SortedMap<String, String> files = new TreeMap<>();
        new JavaGenerator(spec, names).generate().forEach((path, text) -> files.put(JAVA_ROOT + path, text));
        if (!spec.entities().isEmpty()) {
            files.put(RESOURCES_ROOT + "db/migration/V1__schema.sql", new SqlGenerator(spec).migration());
        }
        files.put(RESOURCES_ROOT + "openapi.json", new OpenApiGenerator(spec).document());
        files.put(RESOURCES_ROOT + "simplelogger.properties", ProjectFiles.loggerProperties());
        ProjectFiles project = new ProjectFiles(spec);
        files.put("pom.xml", project.pom());
        files.put("Dockerfile", project.dockerfile());
        files.put(".dockerignore", project.dockerignore());
        files.put("docker-compose.yml", project.compose());
        files.put("README.md", project.readme());
        new KubernetesGenerator(spec).manifests().forEach((name, text) -> files.put("k8s/" + name, text));
        return Collections.unmodifiableSortedMap(files);
    }

    /** Only the Java sources, keyed by path under {@link #JAVA_ROOT}. */
    public static Map<String, String> javaSources(Map<String, String> files) {
        Map<String, String> sources = new TreeMap<>();
        files.forEach((path, text) -> {
            if (path.startsWith(JAVA_ROOT) && path.endsWith(".java")) sources.put(path.substring(JAVA_ROOT.length()), text);
        });
        return sources;
    }
}
