package dev.blueprint.codegen;

import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EndpointSpec;
import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.naming.EnvironmentNames;
import dev.blueprint.lang.naming.Identifiers;
import dev.blueprint.lang.settings.Configured;
import dev.blueprint.lang.settings.ServiceConfig;
import java.util.List;
import java.util.Locale;

/** The plain-text files of a generated project: pom.xml, Dockerfile, docker-compose.yml, README.md. */
final class ProjectFiles {

    /** The runtime version generated projects depend on: the toolchain's own. */
    static final String RUNTIME_VERSION = "0.1.0-SNAPSHOT";

    private final ServiceSpec spec;
    private final ServiceConfig config;
    private final String artifact;

    ProjectFiles(ServiceSpec spec) {
        this.spec = spec;
        this.config = spec.config();
        this.artifact = Identifiers.dnsLabel(config.name());
    }

    String pom() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%2$s</groupId>
                  <artifactId>%3$s</artifactId>
                  <version>%4$s</version>
                  <name>%1$s</name>

                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <maven.compiler.release>17</maven.compiler.release>
                    <blueprint.runtime.version>%5$s</blueprint.runtime.version>
                  </properties>

                  <dependencies>
                    <dependency>
                      <groupId>dev.blueprint</groupId>
                      <artifactId>blueprint-runtime</artifactId>
                      <version>${blueprint.runtime.version}</version>
                    </dependency>
                  </dependencies>

                  <build>
                    <finalName>%3$s</finalName>
                    <pluginManagement>
                      <plugins>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId><version>3.1.3</version></plugin>
                      </plugins>
                    </pluginManagement>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.13.0</version>
                        <configuration>
                          <compilerArgs><arg>-Xlint:all</arg><arg>-Werror</arg></compilerArgs>
                        </configuration>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-shade-plugin</artifactId>
                        <version>3.6.0</version>
                        <executions>
                          <execution>
                            <phase>package</phase>
                            <goals><goal>shade</goal></goals>
                            <configuration>
                              <createDependencyReducedPom>false</createDependencyReducedPom>
                              <transformers>
                                <transformer implementation="org.apache.maven.plugins.shade.resource.ManifestResourceTransformer">
                                  <mainClass>%2$s.Main</mainClass>
                                </transformer>
                                <transformer implementation="org.apache.maven.plugins.shade.resource.ServicesResourceTransformer"/>
                              </transformers>
                              <filters>
                                <filter>
                                  <artifact>*:*</artifact>
                                  <excludes>
                                    <exclude>META-INF/*.SF</exclude>
                                    <exclude>META-INF/*.DSA</exclude>
                                    <exclude>META-INF/*.RSA</exclude>
                                    <exclude>module-info.class</exclude>
                                  </excludes>
                                </filter>
                              </filters>
                            </configuration>
                          </execution>
                        </executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(
                        xml(config.name()), config.javaPackage(), artifact, xml(config.version()), RUNTIME_VERSION);
    }

    String dockerfile() {
        int port = config.server().port();
        int probePort = config.server().managementPort().orElse(port);
        String exposed = probePort == port ? Integer.toString(port) : port + " " + probePort;
        return """
                # Generated by Blueprint. Build: docker build -t %1$s:%2$s .
                FROM maven:3.9-eclipse-temurin-17 AS build
                WORKDIR /src
                COPY pom.xml .
                RUN mvn -B -q dependency:go-offline
                COPY src ./src
                RUN mvn -B -q package -DskipTests

                FROM eclipse-temurin:17-jre
                RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --home-dir /app app
                WORKDIR /app
                COPY --from=build /src/target/%1$s.jar /app/app.jar
                RUN mkdir -p /app/data && chown -R app:app /app
                USER 10001
                EXPOSE %5$s
                ENV PORT=%3$d JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
                HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \\
                  CMD ["java", "-cp", "/app/app.jar", "dev.blueprint.runtime.Probe", "http://127.0.0.1:%6$d%4$s"]
                ENTRYPOINT ["java", "-jar", "/app/app.jar"]
                """.formatted(artifact, config.version(), port, config.probes().ready(), exposed, probePort);
    }

    String dockerignore() {
        return "target/\ndata/\n.git/\n";
    }

    String compose() {
        int port = config.server().port();
        boolean postgres = config.stores().stream().anyMatch(s -> s.engine() == ServiceConfig.Engine.POSTGRES);
        StringBuilder yaml =
                new StringBuilder("# Generated by Blueprint: the service with PostgreSQL, both health-checked.\n");
        yaml.append("services:\n");
        yaml.append("  db:\n")
                .append("    image: postgres:16\n")
                .append("    environment:\n")
                .append("      POSTGRES_DB: ")
                .append(artifact.replace('-', '_'))
                .append('\n')
                .append("      POSTGRES_USER: app\n")
                .append("      POSTGRES_PASSWORD: app\n")
                .append("    healthcheck:\n")
                .append("      test: [\"CMD-SHELL\", \"pg_isready -U app -d ")
                .append(artifact.replace('-', '_'))
                .append("\"]\n")
                .append("      interval: 5s\n")
                .append("      timeout: 3s\n")
                .append("      retries: 10\n")
                .append("    volumes:\n")
                .append("      - db-data:/var/lib/postgresql/data\n");
        int probePort = config.server().managementPort().orElse(port);
        yaml.append("  app:\n")
                .append("    build: .\n")
                .append("    ports:\n")
                .append("      - \"")
                .append(port)
                .append(':')
                .append(port)
                .append("\"\n");
        if (probePort != port)
            yaml.append("      - \"")
                    .append(probePort)
                    .append(':')
                    .append(probePort)
                    .append("\"\n");
        yaml.append("    environment:\n").append("      PORT: \"").append(port).append("\"\n");
        boolean first = true;
        for (ServiceConfig.Store store : config.stores()) {
            if (store.engine() == ServiceConfig.Engine.POSTGRES || (first && !postgres)) {
                yaml.append("      ")
                        .append(EnvironmentNames.store(store.name(), first, EnvironmentNames.DATABASE_URL))
                        .append(": jdbc:postgresql://db:5432/")
                        .append(artifact.replace('-', '_'))
                        .append('\n')
                        .append("      ")
                        .append(EnvironmentNames.store(store.name(), first, EnvironmentNames.DATABASE_USER))
                        .append(": app\n")
                        .append("      ")
                        .append(EnvironmentNames.store(store.name(), first, EnvironmentNames.DATABASE_PASSWORD))
                        .append(": app\n");
            }
            first = false;
        }
        for (Secrets.Secret secret : Secrets.of(spec)) {
            if (secret.database()) continue;
            String name = secret.variable();
            // required: compose stops with "set NAME" when the variable is unset or empty; optional: passed on when set
            yaml.append("      ")
                    .append(name)
                    .append(": \"${")
                    .append(name)
                    .append(secret.required() ? ":?set " + name : ":-")
                    .append("}\"\n");
        }
        yaml.append("    depends_on:\n")
                .append("      db:\n")
                .append("        condition: service_healthy\n")
                .append("    healthcheck:\n")
                .append(
                        "      test: [\"CMD\", \"java\", \"-cp\", \"/app/app.jar\", \"dev.blueprint.runtime.Probe\", \"http://127.0.0.1:")
                .append(probePort)
                .append(config.probes().ready())
                .append("\"]\n")
                .append("      interval: 10s\n")
                .append("      timeout: 5s\n")
                .append("      retries: 3\n")
                .append("      start_period: 20s\n");
        yaml.append("volumes:\n  db-data: {}\n");
        return yaml.toString();
    }

    String readme() {
        ServiceConfig.Security security = config.security();
        List<Secrets.Secret> secrets = Secrets.of(spec);
        StringBuilder md = new StringBuilder();
        md.append("# ")
                .append(config.name())
                .append(' ')
                .append(config.version())
                .append("\n\n");
        if (!config.description().isBlank())
            md.append(config.description().strip()).append("\n\n");
        md.append("Generated by Blueprint. Edit the blueprint and generate again rather than editing these files.\n\n");
        md.append("## Run it\n\n")
                .append("```\n")
                .append("mvn -q package            # needs dev.blueprint:blueprint-runtime:")
                .append(RUNTIME_VERSION)
                .append(" in your Maven repository\n")
                .append("java -jar target/")
                .append(artifact)
                .append(".jar\n")
                .append("docker compose up --build # the service and PostgreSQL\n")
                .append("kubectl apply -f k8s/     # Deployment, Service, PodDisruptionBudget")
                .append(config.deploy().autoscaleMax().isPresent() ? ", HorizontalPodAutoscaler" : "")
                .append(secrets.isEmpty() ? "" : ", Secret (fill it in first: see k8s/secret.yaml)")
                .append("\n")
                .append("```\n\n");
        boolean access = security.authenticates();
        md.append("## Endpoints\n\n| method | path | operation |")
                .append(access ? " access |" : "")
                .append("\n| --- | --- | --- |")
                .append(access ? " --- |" : "")
                .append('\n');
        for (EndpointSpec e : spec.endpoints()) {
            md.append("| ")
                    .append(e.method())
                    .append(" | `")
                    .append(e.path())
                    .append("` | ")
                    .append(e.operation().name().toLowerCase(Locale.ROOT))
                    .append(' ')
                    .append(e.entity())
                    .append(" |");
            if (access) md.append(' ').append(describe(e.access())).append(" |");
            md.append('\n');
        }
        ServiceConfig.Probes probes = config.probes();
        md.append("\nAlso: `")
                .append(probes.live())
                .append("` (live), `")
                .append(probes.ready())
                .append("` (ready), `")
                .append(probes.startup())
                .append("` (startup), `/health` (stores and pool figures), `/metrics` (Prometheus)");
        md.append(", `/openapi.json` (OpenAPI 3.1)")
                .append(security.authenticates() ? ", none of them behind a credential." : ".");
        spec.config()
                .server()
                .managementPort()
                .ifPresent(port -> md.append(" The probes, `/health` and `/metrics` answer on the ")
                        .append("management port ")
                        .append(port)
                        .append(" only; the main port answers 404 for them."));
        md.append("\n\n");
        md.append("Lists take `?limit=` (default ")
                .append(config.server().pageSize())
                .append(", at most ")
                .append(config.server().maxPageSize())
                .append(") and `?offset=`. Errors are RFC 9457 `application/problem+json`.\n\n");
        if (security.enforced()) md.append(securitySection(security));
        md.append(
                        "## Configuration\n\nEnvironment variables override the blueprint: `PORT`, `HOST`, `MANAGEMENT_PORT`, ")
                .append("`IO_THREADS`, `WORKER_THREADS`, ")
                .append(
                        "`DATABASE_URL`, `DATABASE_USER`, `DATABASE_PASSWORD`, `DATABASE_POOL_MAX_SIZE`, `DATABASE_POOL_MIN_IDLE` ")
                .append(
                        "(for stores other than the first, prefix them with the store's name: `STOCK_DATABASE_URL`), and ")
                .append("`BLUEPRINT_EMBEDDED_DIR` (every store becomes an embedded H2 database in that directory). ")
                .append("`LOG_FORMAT=json` writes logs as JSON lines; the standard `OTEL_*` variables ")
                .append("(`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_SERVICE_NAME`, …) turn on tracing with OpenTelemetry, ")
                .append("off while none is set.\n\n");
        List<Secrets.Secret> keys = secrets.stream().filter(s -> !s.database()).toList();
        if (!keys.isEmpty()) {
            md.append("Secrets, from the environment (in Kubernetes from the Secret `")
                    .append(new KubernetesGenerator(spec).secretName())
                    .append("`):\n\n");
            for (Secrets.Secret secret : keys) {
                md.append("- `")
                        .append(secret.variable())
                        .append("`: ")
                        .append(secret.purpose())
                        .append(secret.required() ? "; the service does not start without it" : "")
                        .append('\n');
            }
            md.append('\n');
        }
        md.append("## Files\n\n")
                .append("- `src/main/java/")
                .append(config.javaPackage().replace('.', '/'))
                .append("/`: a record, an input record, a repository and an API per entity; `Main`\n")
                .append("- `src/main/resources/db/migration/`: the Flyway schema (PostgreSQL and H2)\n")
                .append("- `src/main/resources/openapi.json`: the OpenAPI document, also served at `/openapi.json`\n")
                .append("- `Dockerfile`, `docker-compose.yml`, `k8s/`\n");
        return md.toString();
    }

    private static String describe(Endpoint.Access access) {
        return switch (access.kind()) {
            case DEFAULT -> "any client";
            case PUBLIC -> "public";
            case ROLES -> "role " + String.join(" or ", access.roles());
        };
    }

    /** What the security block means for a client: how to authenticate, the limits, the answers. */
    private String securitySection(ServiceConfig.Security security) {
        StringBuilder md = new StringBuilder("## Security\n\n");
        security.apiKeys().ifPresent(keys -> {
            md.append("API keys in the `").append(keys.header()).append("` header. Clients:\n\n");
            for (ServiceConfig.ApiClient client : keys.clients()) {
                md.append("- `")
                        .append(client.name())
                        .append("`: ")
                        .append(client.roles().isEmpty() ? "no roles" : "roles " + String.join(", ", client.roles()))
                        .append(client.key()
                                .env()
                                .map(v -> "; key from `" + v + "`")
                                .orElse(""))
                        .append('\n');
            }
            md.append('\n');
        });
        security.jwt().ifPresent(jwt -> {
            md.append("JWT bearer tokens (`Authorization: Bearer …`) issued by `")
                    .append(jwt.issuer())
                    .append('`');
            jwt.audience()
                    .ifPresent(a -> md.append(" for the audience `").append(a).append('`'));
            md.append(", signed with ")
                    .append(String.join(" or ", jwt.algorithms()))
                    .append(", verified with ")
                    .append(jwt.jwksUrl()
                            .map(u -> "the keys at " + u)
                            .orElseGet(() -> jwt.publicKey()
                                    .flatMap(Configured::env)
                                    .map(v -> "the PEM in `" + v + "`")
                                    .orElse("the PEM in the blueprint")))
                    .append("; roles in the claim `")
                    .append(jwt.rolesClaim())
                    .append("`; clocks may differ by ")
                    .append(jwt.clockSkew().toSeconds())
                    .append(" s.\n\n");
        });
        if (security.authenticates()) {
            md.append(
                            "A request to a non-public endpoint without a valid credential gets 401 with `WWW-Authenticate`; ")
                    .append("one whose credential holds none of the endpoint's roles gets 403.\n");
        }
        security.rateLimit()
                .ifPresent(limit -> md.append("At most ")
                        .append(limit.perSecond())
                        .append(" requests per second per ")
                        .append(limit.by() == ServiceConfig.RateKey.ADDRESS ? "address" : "client")
                        .append(" (bursts of ")
                        .append(limit.burst())
                        .append("); above it 429 with `Retry-After`.\n"));
        security.cors()
                .ifPresent(cors -> md.append("Browsers may call it from ")
                        .append(String.join(
                                ", ",
                                cors.origins().stream().map(o -> "`" + o + "`").toList()))
                        .append(".\n"));
        md.append(
                        "Answers carry `X-Content-Type-Options`, `Referrer-Policy`, `X-Frame-Options`, `Content-Security-Policy` ")
                .append("and `Cache-Control: no-store`.\n\n");
        return md.toString();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
