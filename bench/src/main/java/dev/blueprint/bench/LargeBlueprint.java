package dev.blueprint.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a large, valid blueprint: a service with server, store, probes and deploy blocks,
 * one enum, {@code n} entities with 10 fields each (every field type, attributes, defaults,
 * a reference to the previous entity), a CRUD resource for every entity and two routes for
 * every tenth. About 15 lines per entity; it checks with no error and no warning.
 *
 * <p>{@code java -cp benchmarks.jar dev.blueprint.bench.LargeBlueprint N FILE}
 */
public final class LargeBlueprint {
    private LargeBlueprint() {}

    public static String generate(int n) {
        StringBuilder s = new StringBuilder(n * 600);
        s.append("// A generated blueprint with ").append(n).append(" entities, for benchmarks.\n");
        s.append("service Large").append(n).append(" {\n  version \"1.0.0\"\n  package \"com.example.large\"\n}\n\n");
        s.append("server {\n  port 8080\n  worker_threads 64\n  request_timeout 30s\n  max_page_size 500\n}\n\n");
        s.append(
                        "store main {\n  engine postgres\n  url env(\"DATABASE_URL\", \"jdbc:postgresql://localhost/large\")\n")
                .append(
                        "  user env(\"DATABASE_USER\", \"postgres\")\n  password env(\"DATABASE_PASSWORD\")\n  max_connections 500\n")
                .append("  pool {\n    max_size 20\n    min_idle 5\n    connect_timeout 3s\n  }\n}\n\n");
        s.append("probes {\n  checks [main]\n  timeout 2s\n}\n\n");
        s.append(
                "deploy {\n  replicas 3\n  autoscale 3..10\n  cpu 500m\n  cpu_limit 2\n  memory 512MiB\n  memory_limit 1GiB\n}\n\n");
        s.append("enum Status { ACTIVE, PAUSED, CLOSED }\n\n");
        for (int i = 0; i < n; i++) {
            s.append("/// Entity number ").append(i).append(".\n");
            s.append("entity E").append(i).append(" {\n");
            s.append("  id:       uuid @key\n");
            s.append("  name:     string(80) @length(1..80)\n");
            s.append("  code:     string(20) @unique @pattern(\"[A-Z0-9-]+\")\n");
            s.append("  quantity: int @range(0..100000) = 0\n");
            s.append("  price:    decimal(12, 2) @range(0..1000000)\n");
            s.append("  active:   bool = true\n");
            s.append("  status:   Status = ACTIVE\n");
            s.append("  due:      date?\n");
            s.append("  created:  timestamp @created\n");
            s.append(i == 0 ? "  notes:    text?\n" : "  parent:   E" + (i - 1) + "? @index\n");
            s.append("}\n\n");
        }
        s.append("api \"/api/v1\" {\n");
        for (int i = 0; i < n; i++) {
            s.append("  resource \"/e").append(i).append("\" E").append(i).append('\n');
            if (i % 10 == 0) {
                s.append("  route GET \"/e")
                        .append(i)
                        .append("/by-code/{code}\" -> E")
                        .append(i)
                        .append(" where code == $code\n");
                s.append("  route GET \"/e")
                        .append(i)
                        .append("/by-status\" -> E")
                        .append(i)
                        .append("[] where status == $status and active == $active order by created desc limit 100\n");
            }
        }
        s.append("}\n");
        return s.toString();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LargeBlueprint N FILE");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, generate(Integer.parseInt(args[0])));
    }
}
