package dev.blueprint.runtime.telemetry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import dev.blueprint.runtime.Environment;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The service's logging, configured in code (no logback.xml needed): every line on standard error, as readable
 * text or, with {@code LOG_FORMAT=json}, one JSON object per line ({@link JsonLayout}); the request and trace ids
 * of the request being handled ride along (MDC). Quiet libraries (Undertow, XNIO, HikariCP, Flyway) log warnings
 * only. The OpenTelemetry SDK's own messages (java.util.logging) are sent the same way.
 *
 * <p>An application that ships its own {@code logback.xml} (or {@code logback-test.xml}, or sets
 * {@code -Dlogback.configurationFile}) keeps it: the runtime then leaves logging alone.
 *
 * <p>Part of the runtime's machinery; generated code does not call it.
 */
public final class Logging {

    /** How log lines are written. */
    public enum Format {
        /** {@code 2026-01-31T12:00:00.000+0000 [thread] INFO logger - message requestId=… traceId=…} */
        TEXT,
        /** One JSON object per line. */
        JSON
    }

    /** Loggers that are noisy at INFO. */
    private static final Map<String, Level> QUIET = Map.of(
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            "org.xnio", Level.WARN,
            "io.undertow", Level.WARN,
            "org.jboss", Level.WARN);

    /** Keeps the java.util.logging logger (weakly held by the JUL manager) configured. */
    private static final java.util.logging.Logger OPENTELEMETRY_JUL =
            java.util.logging.Logger.getLogger("io.opentelemetry");

    private static volatile boolean configuredHere;
    private static volatile Format current;

    private Logging() {}

    /** The format {@code LOG_FORMAT} asks for: {@code text} (the default) or {@code json}. */
    public static Format format(Environment env) {
        String value = env.find("LOG_FORMAT")
                .map(v -> v.trim().toLowerCase(Locale.ROOT))
                .orElse("text");
        switch (value) {
            case "text":
                return Format.TEXT;
            case "json":
                return Format.JSON;
            default:
                throw new IllegalArgumentException(
                        "environment variable LOG_FORMAT must be text or json, got '" + value + "'");
        }
    }

    /**
     * Applies {@code env}'s {@code LOG_FORMAT} when the runtime configured logging (nothing changes when the
     * application brought its own configuration or another SLF4J backend).
     *
     * @throws IllegalArgumentException when {@code LOG_FORMAT} is neither text nor json
     */
    public static void configure(Environment env) {
        Format format = format(env);
        LoggerFactory.getILoggerFactory(); // initializes logging, which runs LogConfigurator
        if (configuredHere && format != current) install((LoggerContext) LoggerFactory.getILoggerFactory(), format);
    }

    /** The format in force, when the runtime configured logging. */
    public static java.util.Optional<Format> current() {
        return configuredHere ? java.util.Optional.of(current) : java.util.Optional.empty();
    }

    /** Replaces {@code context}'s configuration with the runtime's, writing {@code format}. */
    static synchronized void install(LoggerContext context, Format format) {
        context.reset();
        context.getStatusManager().add(ErrorsToStandardError.INSTANCE);
        LayoutBase<ILoggingEvent> layout = format == Format.JSON ? new JsonLayout() : new TextLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("console");
        // standard error: standard output carries the access log, and, in the language server, the protocol
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
        routeOpenTelemetryLogs();
        current = format;
        configuredHere = true;
    }

    private static void routeOpenTelemetryLogs() {
        for (java.util.logging.Handler handler : OPENTELEMETRY_JUL.getHandlers()) {
            if (handler instanceof SLF4JBridgeHandler) return;
        }
        OPENTELEMETRY_JUL.addHandler(new SLF4JBridgeHandler());
        OPENTELEMETRY_JUL.setUseParentHandlers(false);
    }

    /** Logback's own warnings and errors (a bad configuration), on standard error, never standard output. */
    private static final class ErrorsToStandardError implements StatusListener {
        static final ErrorsToStandardError INSTANCE = new ErrorsToStandardError();

        @Override
        public void addStatusEvent(Status status) {
            if (status.getEffectiveLevel() >= Status.WARN) System.err.println("logging: " + status);
        }

        @Override
        public boolean isResetResistant() {
            return true;
        }
    }
}
