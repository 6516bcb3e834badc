package bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The floor of what this stack can cost: the same three endpoints as the generated Tasks
 * service (get by key, a paged list, create), hand-written on Undertow, HikariCP and JDBC
 * with nothing else: no validation framework, no metrics, no problem documents beyond the
 * minimum. Settings come from the environment: PORT, DATABASE_URL, DATABASE_USER,
 * IO_THREADS, WORKER_THREADS, POOL_SIZE.
 */
public final class Baseline {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static HikariDataSource db;

  private Baseline() {}

  public static void main(String[] args) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(env("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"));
    config.setUsername(env("DATABASE_USER", "postgres"));
    config.setMaximumPoolSize(Integer.parseInt(env("POOL_SIZE", "20")));
    config.setConnectionTimeout(3_000);
    db = new HikariDataSource(config);
    try (Connection c = db.getConnection()) {
      c.createStatement().execute("create table if not exists baseline_task ("
          + "id uuid primary key, title varchar(200) not null, status varchar(16) not null, "
          + "due date, added timestamp with time zone not null)");
    }
    RoutingHandler routes = Handlers.routing()
        .get("/api/tasks/{id}", blocking(Baseline::get))
        .get("/api/tasks", blocking(Baseline::list))
        .post("/api/tasks", blocking(Baseline::create));
    int cores = Runtime.getRuntime().availableProcessors();
    Undertow.builder()
        .setIoThreads(Integer.parseInt(env("IO_THREADS", Integer.toString(cores))))
        .setWorkerThreads(Integer.parseInt(env("WORKER_THREADS", Integer.toString(cores * 8))))
        .addHttpListener(Integer.parseInt(env("PORT", "8090")), "127.0.0.1")
        .setHandler(routes)
        .build()
        .start();
  }

  private interface Work {
    void handle(HttpServerExchange exchange) throws Exception;
  }

  private static HttpHandler blocking(Work work) {
    return new HttpHandler() {
      @Override
      public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
          exchange.dispatch(this);
          return;
        }
        try {
          work.handle(exchange);
        } catch (Exception e) {
          send(exchange, 500, "{\"title\":\"Internal Server Error\"}");
        }
      }
    };
  }

  private static void get(HttpServerExchange exchange) throws Exception {
    UUID id;
    try {
      id = UUID.fromString(exchange.getQueryParameters().get("id").getFirst());
    } catch (IllegalArgumentException e) {
      send(exchange, 400, "{\"title\":\"Bad Request\"}");
      return;
    }
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("select id, title, status, due, added from baseline_task where id = ?")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          send(exchange, 404, "{\"title\":\"Not Found\"}");
          return;
        }
        send(exchange, 200, JSON.writeValueAsString(row(r)));
      }
    }
  }

  private static void list(HttpServerExchange exchange) throws Exception {
    int limit = intParam(exchange, "limit", 50);
    int offset = intParam(exchange, "offset", 0);
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(
            "select id, title, status, due, added from baseline_task order by id limit ? offset ?")) {
      s.setInt(1, limit + 1);
      s.setInt(2, offset);
      ObjectNode page = JSON.createObjectNode();
      ArrayNode items = page.putArray("items");
      int n = 0;
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (n++ < limit) {
            items.add(row(r));
          }
        }
      }
      page.put("limit", limit).put("offset", offset).put("hasMore", n > limit);
      send(exchange, 200, JSON.writeValueAsString(page));
    }
  }

  private static void create(HttpServerExchange exchange) throws Exception {
    exchange.startBlocking();
    JsonNode body;
    try {
      body = JSON.readTree(exchange.getInputStream());
    } catch (Exception e) {
      send(exchange, 400, "{\"title\":\"Bad Request\"}");
      return;
    }
    JsonNode title = body == null ? null : body.get("title");
    if (title == null || !title.isTextual() || title.asText().isEmpty() || title.asText().length() > 200) {
      send(exchange, 422, "{\"title\":\"Unprocessable Content\"}");
      return;
    }
    UUID id = UUID.randomUUID();
    String status = body.hasNonNull("status") ? body.get("status").asText() : "OPEN";
    LocalDate due = body.hasNonNull("due") ? LocalDate.parse(body.get("due").asText()) : null;
    Instant added = Instant.now();
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(
            "insert into baseline_task (id, title, status, due, added) values (?, ?, ?, ?, ?)")) {
      s.setObject(1, id);
      s.setString(2, title.asText());
      s.setString(3, status);
      s.setDate(4, due == null ? null : Date.valueOf(due));
      s.setTimestamp(5, Timestamp.from(added));
      s.executeUpdate();
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("id", id.toString()).put("title", title.asText()).put("status", status)
        .put("due", due == null ? null : due.toString()).put("added", added.toString());
    exchange.getResponseHeaders().put(Headers.LOCATION, "/api/tasks/" + id);
    send(exchange, 201, JSON.writeValueAsString(out));
  }

  private static ObjectNode row(ResultSet r) throws SQLException {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", r.getObject(1).toString());
    o.put("title", r.getString(2));
    o.put("status", r.getString(3));
    Date due = r.getDate(4);
    o.put("due", due == null ? null : due.toLocalDate().toString());
    o.put("added", r.getTimestamp(5).toInstant().toString());
    return o;
  }

  private static int intParam(HttpServerExchange exchange, String name, int fallback) {
    var values = exchange.getQueryParameters().get(name);
    try {
      return values == null ? fallback : Math.max(0, Math.min(500, Integer.parseInt(values.getFirst())));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static void send(HttpServerExchange exchange, int status, String json) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, status < 400 ? "application/json" : "application/problem+json");
    exchange.getResponseSender().send(json);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }
}
