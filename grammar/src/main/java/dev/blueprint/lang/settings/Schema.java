package dev.blueprint.lang.settings;

import java.util.List;
import java.util.Optional;

/**
 * The one table of every settings key: kind, unit, bounds, default and doc. The checker
 * validates against it, completion and hover read it, the resolver fills defaults from it
 * and the language guide is checked against it. Nothing else repeats these facts.
 */
public final class Schema {
  private Schema() {}

  private static final long SECOND = 1_000;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long MB = 1_000_000;
  private static final long GIB = 1L << 30;

  public static final BlockSchema SERVICE = new BlockSchema("service", "The service: its name, version and Java package.");
  public static final BlockSchema SERVER = new BlockSchema("server", "How the HTTP server runs: port, threads, limits and timeouts.");
  public static final BlockSchema STORE = new BlockSchema("store", "A database the service keeps its entities in.");
  public static final BlockSchema POOL = new BlockSchema("pool", "The store's HikariCP connection pool.");
  public static final BlockSchema PROBES = new BlockSchema("probes", "The health probes: paths, what readiness checks and how long it waits.");
  public static final BlockSchema DEPLOY = new BlockSchema("deploy", "How the service is deployed: image, replicas, resources and autoscaling.");

  // service
  public static final Key VERSION = SERVICE.add(string("version", "\"0.1.0\"", "The service's version, shown by /health and in the OpenAPI document."));
  public static final Key PACKAGE = SERVICE.add(new Key("package", Kind.PACKAGE, null, null, List.of(), false, false,
      "derived from the name", "The Java package of the generated code.", null));
  public static final Key DESCRIPTION = SERVICE.add(string("description", "none", "A sentence on what the service does; used in the OpenAPI document and README."));

  // server
  public static final Key PORT = SERVER.add(intKey("port", 1, 65_535, "8080", "The TCP port the HTTP server listens on (the PORT environment variable overrides it)."));
  public static final Key IO_THREADS = SERVER.add(intKey("io_threads", 1, 1_024, "the machine's cores", "Undertow IO threads: they accept connections and never block."));
  public static final Key WORKER_THREADS = SERVER.add(intKey("worker_threads", 1, 10_000, "cores × 8", "Worker threads that run handlers and wait on the database."));
  public static final Key MAX_BODY = SERVER.add(quantity("max_body", Kind.SIZE, 1L, 1_024 * MB, "1MB", "The largest request body accepted; larger bodies get 413."));
  public static final Key REQUEST_TIMEOUT = SERVER.add(quantity("request_timeout", Kind.DURATION, 1L, HOUR, "30s", "How long a request may take before it is abandoned."));
  public static final Key IDLE_TIMEOUT = SERVER.add(quantity("idle_timeout", Kind.DURATION, SECOND, DAY, "60s", "How long an idle keep-alive connection stays open."));
  public static final Key SHUTDOWN_GRACE = SERVER.add(quantity("shutdown_grace", Kind.DURATION, 0L, HOUR, "20s", "How long in-flight requests may run after SIGTERM before the server stops."));
  public static final Key PAGE_SIZE = SERVER.add(intKey("page_size", 1, 100_000, "50", "Rows a list returns when the client gives no ?limit."));
  public static final Key MAX_PAGE_SIZE = SERVER.add(intKey("max_page_size", 1, 100_000, "500", "The largest ?limit a client may ask for."));

  // store
  public static final Key ENGINE = STORE.add(new Key("engine", Kind.CHOICE, null, null, List.of("h2", "postgres"), false, false,
      "h2", "The database: h2 (embedded, a file under ./data) or postgres.", null));
  public static final Key URL = STORE.add(new Key("url", Kind.STRING, null, null, List.of(), true, false,
      "an H2 file under ./data (required for postgres)", "The JDBC URL (DATABASE_URL overrides it).", null));
  public static final Key USER = STORE.add(new Key("user", Kind.STRING, null, null, List.of(), true, false,
      "none", "The database user (DATABASE_USER overrides it).", null));
  public static final Key PASSWORD = STORE.add(new Key("password", Kind.STRING, null, null, List.of(), true, false,
      "none", "The database password; write it as env(\"…\") and keep it out of the file. Never logged.", null));
  public static final Key MAX_CONNECTIONS = STORE.add(intKey("max_connections", 1, 1_000_000, "unknown",
      "How many connections the database server allows; capacity checks compare pools against it."));
  public static final Key POOL_BLOCK = STORE.add(new Key("pool", Kind.BLOCK, null, null, List.of(), false, false,
      "defaults", "The connection pool (HikariCP).", POOL));

  // pool
  public static final Key MIN_IDLE = POOL.add(intKey("min_idle", 0, 10_000, "= max_size", "Idle connections the pool keeps open; equal to max_size gives a fixed-size pool."));
  public static final Key MAX_SIZE = POOL.add(intKey("max_size", 1, 10_000, "10", "The most connections the pool opens."));
  public static final Key CONNECT_TIMEOUT = POOL.add(quantity("connect_timeout", Kind.DURATION, 250L, 10 * MINUTE, "3s", "How long a request waits for a connection before failing with 503."));
  public static final Key POOL_IDLE_TIMEOUT = POOL.add(quantity("idle_timeout", Kind.DURATION, 10 * SECOND, DAY, "10m", "How long a connection above min_idle may sit idle before it is closed."));
  public static final Key MAX_LIFETIME = POOL.add(quantity("max_lifetime", Kind.DURATION, 30 * SECOND, 7 * DAY, "30m", "How long a connection lives before it is replaced."));
  public static final Key LEAK_DETECTION = POOL.add(new Key("leak_detection", Kind.DURATION, 2 * SECOND, HOUR, List.of(), false, true,
      "off", "Log a connection held longer than this (a likely leak).", null));

  // probes
  public static final Key LIVE = PROBES.add(path("live", "\"/health/live\"", "Liveness: 200 while the process can serve."));
  public static final Key READY = PROBES.add(path("ready", "\"/health/ready\"", "Readiness: 200 when started, not draining, and every checked store answers."));
  public static final Key STARTUP = PROBES.add(path("startup", "\"/health/startup\"", "Startup: 503 until migrations ran and the server listens."));
  public static final Key CHECKS = PROBES.add(new Key("checks", Kind.STORE_LIST, null, null, List.of(), false, false,
      "all stores", "The stores readiness checks.", null));
  public static final Key PROBE_TIMEOUT = PROBES.add(quantity("timeout", Kind.DURATION, 10L, MINUTE, "2s", "How long readiness waits for each store to answer."));

  // deploy
  public static final Key IMAGE = DEPLOY.add(new Key("image", Kind.STRING, null, null, List.of(), true, false,
      "the service name", "The container image name, without tag (the tag is the version).", null));
  public static final Key REPLICAS = DEPLOY.add(intKey("replicas", 1, 1_000, "2", "How many instances run; 1 by default when every store is embedded h2."));
  public static final Key CPU = DEPLOY.add(quantity("cpu", Kind.CPU, 1L, 256_000L, "500m", "CPU requested per instance."));
  public static final Key CPU_LIMIT = DEPLOY.add(quantity("cpu_limit", Kind.CPU, 1L, 256_000L, "2", "CPU limit per instance."));
  public static final Key MEMORY = DEPLOY.add(quantity("memory", Kind.SIZE, 64 * MB, 1024 * GIB, "512MiB", "Memory requested per instance."));
  public static final Key MEMORY_LIMIT = DEPLOY.add(quantity("memory_limit", Kind.SIZE, 64 * MB, 1024 * GIB, "1GiB", "Memory limit per instance."));
  public static final Key AUTOSCALE = DEPLOY.add(new Key("autoscale", Kind.INT_RANGE, 1L, 1_000L, List.of(), false, true,
      "off", "Scale between min..max instances on CPU (a HorizontalPodAutoscaler).", null));
  public static final Key TARGET_CPU = DEPLOY.add(quantity("target_cpu", Kind.PERCENT, 1L, 100L, "70%", "The CPU use autoscaling aims for."));

  /** Every top-level settings block, by the keyword that opens it. */
  public static Optional<BlockSchema> block(String keyword) {
    return switch (keyword) {
      case "service" -> Optional.of(SERVICE);
      case "server" -> Optional.of(SERVER);
      case "store" -> Optional.of(STORE);
      case "probes" -> Optional.of(PROBES);
      case "deploy" -> Optional.of(DEPLOY);
      case "pool" -> Optional.of(POOL);
      default -> Optional.empty();
    };
  }

  public static List<BlockSchema> blocks() {
    return List.of(SERVICE, SERVER, STORE, POOL, PROBES, DEPLOY);
  }

  private static Key intKey(String name, long min, long max, String def, String doc) {
    return new Key(name, Kind.INT, min, max, List.of(), false, false, def, doc, null);
  }

  private static Key quantity(String name, Kind kind, Long min, Long max, String def, String doc) {
    return new Key(name, kind, min, max, List.of(), false, false, def, doc, null);
  }

  private static Key string(String name, String def, String doc) {
    return new Key(name, Kind.STRING, null, null, List.of(), false, false, def, doc, null);
  }

  private static Key path(String name, String def, String doc) {
    return new Key(name, Kind.PATH, null, null, List.of(), false, false, def, doc, null);
  }
}
