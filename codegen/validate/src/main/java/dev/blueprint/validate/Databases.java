package dev.blueprint.validate;

import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.lang.naming.EnvironmentNames;
import dev.blueprint.lang.settings.ServiceConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.tools.Server;

/**
 * The databases the service under test reaches, each through a {@link FaultProxy}: by default an H2 server over
 * TCP that {@code validate} runs in its own JVM (one database per store, in a fresh folder), or the PostgreSQL
 * database given with {@code --database}. {@link #environment()} is what the child process gets.
 */
final class Databases implements AutoCloseable {

    /** H2's PostgreSQL compatibility, as the runtime sets it for embedded stores. */
    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private final Optional<Server> h2;
    private final List<FaultProxy> proxies;
    private final Map<String, String> environment;
    private final String description;

    private Databases(
            Optional<Server> h2, List<FaultProxy> proxies, Map<String, String> environment, String description) {
        this.h2 = h2;
        this.proxies = List.copyOf(proxies);
        this.environment = Map.copyOf(environment);
        this.description = description;
    }

    /** Checks a {@code --database} URL; the problem as a sentence, or empty when it is usable. */
    static Optional<String> problem(String url) {
        if (!url.startsWith("jdbc:postgresql://")) {
            return Optional.of(
                    "--database must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST[:PORT]/DATABASE), not '" + url
                            + "'; without --database, validate runs the service on H2");
        }
        String hostPart = url.substring("jdbc:postgresql://".length()).split("[/?]", 2)[0];
        if (hostPart.contains(",")) return Optional.of("--database names several hosts (" + hostPart + "); give one");
        if (hostPart.isEmpty()) return Optional.of("--database names no host: " + url);
        try {
            URI uri = URI.create("postgresql://" + hostPart);
            if (uri.getHost() == null) return Optional.of("--database has a malformed host '" + hostPart + "'");
        } catch (IllegalArgumentException e) {
            return Optional.of("--database has a malformed host '" + hostPart + "'");
        }
        return Optional.empty();
    }

    /** H2 over TCP in {@code folder}, one database per store. */
    static Databases h2(ServiceSpec spec, Path folder) throws IOException {
        Server server;
        try {
            server = Server.createTcpServer(
                            "-tcpPort", "0", "-baseDir", folder.toAbsolutePath().toString(), "-ifNotExists")
                    .start();
        } catch (SQLException e) {
            throw new IOException("cannot start the H2 server: " + e.getMessage(), e);
        }
        List<FaultProxy> proxies = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (ServiceConfig.Store store : spec.config().stores()) {
                FaultProxy proxy = new FaultProxy("127.0.0.1", server.getPort());
                proxies.add(proxy);
                env.put(
                        variable(spec, store, EnvironmentNames.DATABASE_URL),
                        "jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/./" + store.name() + H2_OPTIONS);
                env.put(variable(spec, store, EnvironmentNames.DATABASE_USER), "sa");
                env.put(variable(spec, store, EnvironmentNames.DATABASE_PASSWORD), "");
            }
        } catch (IOException | RuntimeException e) {
            proxies.forEach(FaultProxy::close);
            server.stop();
            throw e;
        }
        return new Databases(
                Optional.of(server), proxies, env, "H2 (a server in validate's JVM, over TCP through the fault proxy)");
    }

    /** The PostgreSQL database at {@code url} (checked with {@link #problem}) for every store. */
    static Databases postgres(ServiceSpec spec, String url, Optional<String> user, Optional<String> password)
            throws IOException {
        String rest = url.substring("jdbc:postgresql://".length());
        String[] split = rest.split("(?=[/?])", 2);
        URI hostPort = URI.create("postgresql://" + split[0]);
        String host = hostPort.getHost();
        int port = hostPort.getPort() < 0 ? 5432 : hostPort.getPort();
        String tail = split.length > 1 ? split[1] : "/";
        List<FaultProxy> proxies = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (ServiceConfig.Store store : spec.config().stores()) {
                FaultProxy proxy = new FaultProxy(host, port);
                proxies.add(proxy);
                env.put(
                        variable(spec, store, EnvironmentNames.DATABASE_URL),
                        "jdbc:postgresql://127.0.0.1:" + proxy.port() + tail);
                user.ifPresent(u -> env.put(variable(spec, store, EnvironmentNames.DATABASE_USER), u));
                password.ifPresent(p -> env.put(variable(spec, store, EnvironmentNames.DATABASE_PASSWORD), p));
            }
        } catch (IOException | RuntimeException e) {
            proxies.forEach(FaultProxy::close);
            throw e;
        }
        String safe = "jdbc:postgresql://" + host + ":" + port + tail.replaceAll("\\?.*", "");
        return new Databases(Optional.empty(), proxies, env, "PostgreSQL " + safe + " (through the fault proxy)");
    }

    /** The variable that sets {@code setting} for {@code store} ({@code DATABASE_URL}, {@code STOCK_DATABASE_URL}). */
    private static String variable(ServiceSpec spec, ServiceConfig.Store store, String setting) {
        return EnvironmentNames.store(store.name(), store == spec.config().defaultStore(), setting);
    }

    Map<String, String> environment() {
        return environment;
    }

    String description() {
        return description;
    }

    void cut() {
        proxies.forEach(FaultProxy::cut);
    }

    void restore() {
        proxies.forEach(FaultProxy::restore);
    }

    @Override
    public void close() {
        proxies.forEach(FaultProxy::close);
        h2.ifPresent(Server::stop);
    }
}
