import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The floor of what the stack costs: the benchmark's three operations (GET by key, a paged list, POST) written
 * by hand on Undertow, HikariCP and JDBC, with no validation beyond what the work needs, no metrics, no logs.
 * It shares the generated service's table.
 */
public final class Handwritten {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "\"id\", \"name\", \"price\", \"added\"";

    public static void main(String[] args) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(System.getenv("DATABASE_URL"));
        config.setUsername(System.getenv().getOrDefault("DATABASE_USER", "postgres"));
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(16);
        HikariDataSource db = new HikariDataSource(config);
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8081"));
        Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setIoThreads(Runtime.getRuntime().availableProcessors())
                .setWorkerThreads(64)
                .setHandler(exchange -> {
                    if (exchange.isInIoThread()) {
                        exchange.dispatch(() -> handle(exchange, db));
                    } else {
                        handle(exchange, db);
                    }
                })
                .build()
                .start();
        System.out.println("handwritten ready on " + port);
    }

    private static void handle(HttpServerExchange exchange, HikariDataSource db) {
        try {
            String path = exchange.getRelativePath();
            if (path.equals("/api/items") && exchange.getRequestMethod().equals(Methods.GET)) {
                list(exchange, db);
            } else if (path.equals("/api/items") && exchange.getRequestMethod().equals(Methods.POST)) {
                create(exchange, db);
            } else if (path.startsWith("/api/items/") && exchange.getRequestMethod().equals(Methods.GET)) {
                get(exchange, db, UUID.fromString(path.substring("/api/items/".length())));
            } else {
                exchange.setStatusCode(404);
                exchange.endExchange();
            }
        } catch (Exception e) {
            exchange.setStatusCode(500);
            exchange.endExchange();
        }
    }

    private static ObjectNode row(ResultSet rs) throws Exception {
        ObjectNode item = JSON.createObjectNode();
        item.put("id", rs.getObject(1, UUID.class).toString());
        item.put("name", rs.getString(2));
        item.put("price", rs.getBigDecimal(3));
        item.put("added", rs.getObject(4, java.time.OffsetDateTime.class).toInstant().toString());
        return item;
    }

    private static void get(HttpServerExchange exchange, HikariDataSource db, UUID id) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM \"item\" WHERE \"id\" = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    exchange.setStatusCode(404);
                    exchange.endExchange();
                    return;
                }
                send(exchange, 200, row(rs));
            }
        }
    }

    private static void list(HttpServerExchange exchange, HikariDataSource db) throws Exception {
        int limit = 20;
        int offset = 0;
        var offsetParam = exchange.getQueryParameters().get("offset");
        if (offsetParam != null) offset = Integer.parseInt(offsetParam.getFirst());
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM \"item\" ORDER BY \"id\" LIMIT ? OFFSET ?")) {
            s.setInt(1, limit + 1);
            s.setInt(2, offset);
            try (ResultSet rs = s.executeQuery()) {
                ArrayNode items = JSON.createArrayNode();
                int n = 0;
                boolean more = false;
                while (rs.next()) {
                    if (++n > limit) {
                        more = true;
                        break;
                    }
                    items.add(row(rs));
                }
                ObjectNode page = JSON.createObjectNode();
                page.set("items", items);
                page.put("limit", limit);
                page.put("offset", offset);
                page.put("hasMore", more);
                send(exchange, 200, page);
            }
        }
    }

    private static void create(HttpServerExchange exchange, HikariDataSource db) throws Exception {
        exchange.startBlocking();
        JsonNode body;
        try (InputStream in = exchange.getInputStream()) {
            body = JSON.readTree(in);
        }
        UUID id = UUID.randomUUID();
        Instant added = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String name = body.get("name").asText();
        BigDecimal price = body.get("price").decimalValue();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO \"item\" (" + COLUMNS + ") VALUES (?, ?, ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, name);
            s.setBigDecimal(3, price);
            s.setObject(4, added.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
        ObjectNode item = JSON.createObjectNode();
        item.put("id", id.toString());
        item.put("name", name);
        item.put("price", price);
        item.put("added", added.toString());
        exchange.getResponseHeaders().put(Headers.LOCATION, "/api/items/" + id);
        send(exchange, 201, item);
    }

    private static void send(HttpServerExchange exchange, int status, JsonNode body) throws Exception {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(JSON.writeValueAsBytes(body)));
    }
}
