package dev.blueprint.lang.settings;

import java.time.Duration;
import java.util.List;

/**
 * The effective configuration of a checked program: every settings key with its written
 * value or its default from {@link Schema}. What the generator reads.
 */
public record ServiceConfig(
    String name,
    String version,
    String javaPackage,
    String description,
    Server server,
    List<Store> stores,
    Probes probes,
    Deploy deploy) {

  public ServiceConfig {
    stores = List.copyOf(stores);
  }

  /** The default store: the first declared, or the implicit {@code main} on h2. */
  public Store defaultStore() {
    return stores.get(0);
  }

  /** Server settings; {@code ioThreads} and {@code workerThreads} are null when they follow the machine's cores. */
  public record Server(
      int port,
      Integer ioThreads,
      Integer workerThreads,
      long maxBodyBytes,
      Duration requestTimeout,
      Duration idleTimeout,
      Duration shutdownGrace,
      int pageSize,
      int maxPageSize) {}

  public enum Engine {
    H2,
    POSTGRES
  }

  /**
   * A store; {@code url} is null for an h2 store that keeps the default file under
   * {@code ./data}; {@code user}, {@code password} and {@code maxConnections} may be null.
   */
  public record Store(
      String name, Engine engine, Configured url, Configured user, Configured password, Integer maxConnections, Pool pool) {}

  /** A HikariCP pool; {@code leakDetection} is null when off. */
  public record Pool(
      int minIdle, int maxSize, Duration connectTimeout, Duration idleTimeout, Duration maxLifetime, Duration leakDetection) {}

  public record Probes(String live, String ready, String startup, List<String> checks, Duration timeout) {
    public Probes {
      checks = List.copyOf(checks);
    }
  }

  /** Deployment; CPU in millicores, memory in bytes; {@code autoscaleMin}/{@code Max} are null when off. */
  public record Deploy(
      String image,
      int replicas,
      int cpuMillis,
      int cpuLimitMillis,
      long memoryBytes,
      long memoryLimitBytes,
      Integer autoscaleMin,
      Integer autoscaleMax,
      int targetCpuPercent) {}
}
