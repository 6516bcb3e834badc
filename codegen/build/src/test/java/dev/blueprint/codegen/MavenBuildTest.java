package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.build.ProjectWriter;
import dev.blueprint.runtime.Http;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated project builds with its own {@code mvn package} and the jar it makes starts. The runtime is put in a
 * scratch local repository (from this build's classes), never in the user's; other artifacts come from the user's
 * repository first (as a file repository) and Maven Central otherwise.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // stops a run that hangs; the test waits for events, not for times
class MavenBuildTest {

    @TempDir
    Path dir;

    @Test
    void theGeneratedProjectPackagesAndItsJarStarts() throws Exception {
        Path project = dir.resolve("tasks");
        ProjectWriter.write(Generator.generate(Blueprints.spec(Blueprints.valid("task-api.blueprint"))), project);
        Path repository = dir.resolve("repository");
        installRuntime(repository);
        Path settings = dir.resolve("settings.xml");
        Path userRepository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <profiles>
                    <profile>
                      <id>user-repository</id>
                      <repositories>
                        <repository><id>user-repository</id><url>%s</url></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>user-repository</id><url>%s</url></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>user-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository, userRepository.toUri(), userRepository.toUri()));
        Process build = new ProcessBuilder("mvn", "-B", "-q", "-s", settings.toString(), "package")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("build.log").toFile())
                .start();
        build.waitFor();
        assertThat(build.exitValue())
                .as(Files.readString(dir.resolve("build.log")))
                .isZero();
        Path jar = project.resolve("target/tasks.jar");
        assertThat(jar).exists();

        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder start = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("service.log").toFile());
        start.environment().put("PORT", Integer.toString(port));
        start.environment().put("HOST", "127.0.0.1");
        start.environment().put("BLUEPRINT_EMBEDDED_DIR", dir.resolve("data").toString());
        Process service = start.start();
        try {
            Http http = new Http(URI.create("http://127.0.0.1:" + port));
            int ready = 0;
            while (ready != 200 && service.isAlive()) {
                try {
                    ready = http.get("/health/ready").status();
                } catch (RuntimeException e) {
                    Thread.sleep(200);
                }
            }
            assertThat(ready).as(Files.readString(dir.resolve("service.log"))).isEqualTo(200);
            assertThat(http.post("/api/tasks", "{\"title\": \"packaged\"}").status())
                    .isEqualTo(201);
            service.destroy();
            service.waitFor();
        } finally {
            service.destroyForcibly();
        }
    }

    /** The runtime jar (from this build's classes) and its poms, as {@code mvn install} would lay them out. */
    private static void installRuntime(Path repository) throws IOException {
        Path root = Blueprints.root();
        String version = ProjectFiles.RUNTIME_VERSION;
        Path parent = repository.resolve("dev/blueprint/blueprint-parent/" + version);
        Files.createDirectories(parent);
        Files.copy(root.resolve("pom.xml"), parent.resolve("blueprint-parent-" + version + ".pom"));
        Path runtime = repository.resolve("dev/blueprint/blueprint-runtime/" + version);
        Files.createDirectories(runtime);
        Files.copy(root.resolve("runtime/pom.xml"), runtime.resolve("blueprint-runtime-" + version + ".pom"));
        Path classes = root.resolve("runtime/target/classes");
        try (OutputStream file = Files.newOutputStream(runtime.resolve("blueprint-runtime-" + version + ".jar"));
                JarOutputStream jar = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, jar);
                jar.closeEntry();
            }
        }
    }
}
