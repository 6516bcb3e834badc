package dev.blueprint.runtime.telemetry;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.blueprint.runtime.Environment;

/**
 * Logback's entry point into the runtime (registered in {@code META-INF/services}): configures logging as
 * {@link Logging} describes from the process environment's {@code LOG_FORMAT}, unless the application has a
 * configuration file of its own, which logback then reads as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** Called by logback through the service loader. */
    public LogConfigurator() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (hasOwnConfiguration()) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        Logging.Format format;
        String problem = null;
        try {
            format = Logging.format(Environment.system());
        } catch (IllegalArgumentException e) {
            format = Logging.Format.TEXT;
            problem = e.getMessage();
        }
        Logging.install(context, format);
        if (problem != null) addWarn(problem + "; writing text");
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean hasOwnConfiguration() {
        if (System.getProperty("logback.configurationFile") != null) return true;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) loader = LogConfigurator.class.getClassLoader();
        return loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null;
    }
}
