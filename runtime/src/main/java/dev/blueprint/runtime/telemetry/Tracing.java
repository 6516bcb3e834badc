package dev.blueprint.runtime.telemetry;

import dev.blueprint.runtime.Environment;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.resources.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a service's {@link OpenTelemetry} comes from by default: the standard {@code OTEL_*} environment variables,
 * through the SDK's autoconfiguration, exporting traces over OTLP/HTTP ({@code http/protobuf} unless
 * {@code OTEL_EXPORTER_OTLP_PROTOCOL=http/json}; gRPC is not bundled) with the JDK's HTTP client. Tracing is off
 * ({@link OpenTelemetry#noop()}) unless one of {@code OTEL_EXPORTER_OTLP_ENDPOINT},
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or {@code OTEL_TRACES_EXPORTER} is set, and always when
 * {@code OTEL_SDK_DISABLED=true}. Only traces are exported: metrics stay on {@code /metrics} and logs on the
 * standard streams unless {@code OTEL_METRICS_EXPORTER} / {@code OTEL_LOGS_EXPORTER} say otherwise.
 *
 * <p>Part of the runtime's machinery; generated code does not call it.
 */
public final class Tracing {

    /** Variables that turn tracing on. */
    static final List<String> SWITCHES =
            List.of("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_TRACES_EXPORTER");

    /**
     * The standard variables that matter for traces, read through the service's {@link Environment} (so a test or
     * {@code blueprint run} can set them); any other {@code OTEL_*} variable is read from the process by the SDK.
     */
    static final List<String> VARIABLES = List.of(
            "OTEL_SDK_DISABLED",
            "OTEL_SERVICE_NAME",
            "OTEL_RESOURCE_ATTRIBUTES",
            "OTEL_PROPAGATORS",
            "OTEL_TRACES_EXPORTER",
            "OTEL_TRACES_SAMPLER",
            "OTEL_TRACES_SAMPLER_ARG",
            "OTEL_METRICS_EXPORTER",
            "OTEL_LOGS_EXPORTER",
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_EXPORTER_OTLP_PROTOCOL",
            "OTEL_EXPORTER_OTLP_HEADERS",
            "OTEL_EXPORTER_OTLP_TIMEOUT",
            "OTEL_EXPORTER_OTLP_COMPRESSION",
            "OTEL_EXPORTER_OTLP_CERTIFICATE",
            "OTEL_EXPORTER_OTLP_CLIENT_KEY",
            "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
            "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
            "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION",
            "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE",
            "OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY",
            "OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE",
            "OTEL_BSP_SCHEDULE_DELAY",
            "OTEL_BSP_EXPORT_TIMEOUT",
            "OTEL_BSP_MAX_QUEUE_SIZE",
            "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
            "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT",
            "OTEL_ATTRIBUTE_COUNT_LIMIT",
            "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT",
            "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT",
            "OTEL_SPAN_EVENT_COUNT_LIMIT",
            "OTEL_SPAN_LINK_COUNT_LIMIT");

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");

    private Tracing() {}

    /** Whether {@code env} turns tracing on; see the class comment. */
    public static boolean enabled(Environment env) {
        if (env.find("OTEL_SDK_DISABLED")
                .map(v -> v.trim().equalsIgnoreCase("true"))
                .orElse(false)) return false;
        return SWITCHES.stream().anyMatch(name -> env.find(name).isPresent());
    }

    /**
     * The service's OpenTelemetry: {@link OpenTelemetry#noop()} when tracing is off, otherwise an SDK configured from
     * the {@code OTEL_*} variables, {@code service.name} and {@code service.version} defaulting to the service's. The
     * caller owns the SDK and shuts it down (no JVM shutdown hook is registered).
     *
     * @throws IllegalArgumentException when the variables do not make a valid configuration
     */
    public static OpenTelemetry fromEnvironment(Environment env, String serviceName, String serviceVersion) {
        if (!enabled(env)) return OpenTelemetry.noop();
        Map<String, String> overrides = new HashMap<>();
        for (String name : VARIABLES) env.find(name).ifPresent(value -> overrides.put(property(name), value.trim()));
        String protocol = env.find("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
                .or(() -> env.find("OTEL_EXPORTER_OTLP_PROTOCOL"))
                .orElse("");
        if (protocol.trim().equalsIgnoreCase("grpc")) {
            throw new IllegalArgumentException(
                    "OTEL_EXPORTER_OTLP_PROTOCOL grpc is not supported: the service exports OTLP over HTTP "
                            + "(http/protobuf, the default, or http/json; a collector listens for it on port 4318)");
        }
        try {
            return AutoConfiguredOpenTelemetrySdk.builder()
                    // defaults, below the environment: only traces leave the process, over OTLP/HTTP (the
                    // specification's default protocol; the SDK's own default is still gRPC)
                    .addPropertiesSupplier(() -> Map.of(
                            "otel.metrics.exporter",
                            "none",
                            "otel.logs.exporter",
                            "none",
                            "otel.exporter.otlp.protocol",
                            "http/protobuf"))
                    .addPropertiesCustomizer(config -> overrides)
                    .addResourceCustomizer((resource, config) -> named(resource, serviceName, serviceVersion))
                    .disableShutdownHook()
                    .build()
                    .getOpenTelemetrySdk();
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException(
                    "the OTEL_* environment variables are not a valid OpenTelemetry configuration: " + e.getMessage(),
                    e);
        }
    }

    /** {@code OTEL_EXPORTER_OTLP_ENDPOINT} -> {@code otel.exporter.otlp.endpoint}, as the SDK maps them. */
    static String property(String variable) {
        return variable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static Resource named(Resource resource, String serviceName, String serviceVersion) {
        AttributesBuilder attributes = Attributes.builder();
        String name = resource.getAttribute(SERVICE_NAME);
        if (name == null || name.startsWith("unknown_service")) attributes.put(SERVICE_NAME, serviceName);
        if (resource.getAttribute(SERVICE_VERSION) == null) attributes.put(SERVICE_VERSION, serviceVersion);
        return resource.merge(Resource.create(attributes.build()));
    }
}
