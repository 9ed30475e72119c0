package dev.sluice.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps every log record as the text a log handler could write (logger, message, formatted
 * message, parameters, stack trace), for tests asserting that something never reaches a log.
 * Attached to the root logger by {@link #onRoot()}, detached by {@link #close()}.
 */
public final class CapturingLogHandler extends Handler implements AutoCloseable {

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    private CapturingLogHandler() {
        setLevel(Level.ALL);
    }

    public static CapturingLogHandler onRoot() {
        CapturingLogHandler handler = new CapturingLogHandler();
        Logger.getLogger("").addHandler(handler);
        return handler;
    }

    /** Everything captured so far, one record per line (stack traces span lines). */
    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getMessage());
        if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
            line.append(' ').append(ext.getFormattedMessage());
        }
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                line.append(' ').append(parameter);
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    @Override
    public void flush() {
    }

    /** Detaches from the root logger; what was captured stays readable. */
    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
