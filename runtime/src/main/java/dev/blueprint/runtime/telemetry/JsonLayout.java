package dev.blueprint.runtime.telemetry;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.util.Map;

/**
 * {@code LOG_FORMAT=json}: one object per line with {@code timestamp}, {@code level}, {@code logger},
 * {@code thread}, {@code message}, and when present {@code requestId}, {@code traceId}, {@code spanId} and
 * {@code exception} (the stack trace as one string).
 */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        IThrowableProxy thrown = event.getThrowableProxy();
        return LogLines.json(json -> {
            json.writeStringField("timestamp", LogLines.jsonTime(event.getTimeStamp()));
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            json.writeStringField("message", event.getFormattedMessage());
            for (String key :
                    new String[] {RequestTelemetry.REQUEST_ID, RequestTelemetry.TRACE_ID, RequestTelemetry.SPAN_ID}) {
                String value = mdc.get(key);
                if (value != null) json.writeStringField(key, value);
            }
            if (thrown != null)
                json.writeStringField(
                        "exception", ThrowableProxyUtil.asString(thrown).stripTrailing());
        });
    }
}
