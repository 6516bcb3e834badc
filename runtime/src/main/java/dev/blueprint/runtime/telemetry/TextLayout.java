package dev.blueprint.runtime.telemetry;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.util.Map;

/**
 * The readable format: {@code 2026-01-31T12:00:00.000+0000 [thread] INFO logger - message}, then
 * {@code requestId=… traceId=…} when a request is being handled, then the stack trace on the following lines. The
 * message is escaped ({@link LogLines#appendEscaped}): text from a request cannot forge a line.
 */
public final class TextLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160);
        line.append(LogLines.textTime(event.getTimeStamp()))
                .append(" [")
                .append(event.getThreadName())
                .append("] ")
                .append(event.getLevel())
                .append(' ')
                .append(event.getLoggerName())
                .append(" - ");
        LogLines.appendEscaped(line, event.getFormattedMessage());
        Map<String, String> mdc = event.getMDCPropertyMap();
        String requestId = mdc.get(RequestTelemetry.REQUEST_ID);
        if (requestId != null) line.append(" requestId=").append(requestId);
        String traceId = mdc.get(RequestTelemetry.TRACE_ID);
        if (traceId != null) line.append(" traceId=").append(traceId);
        line.append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
        return line.toString();
    }
}
