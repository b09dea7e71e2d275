package io.continuum.privacy;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Masks personal data and secrets ({@link PiiMasking}) in every record a log handler writes: the
 * formatted message and every exception of the chain, ours, Camel's, Hibernate's or the JDBC driver's
 * (a duplicate-key error quotes the value). It never drops a record. Configured on the console
 * handler with {@code quarkus.log.console.filter=pii-masking}.
 */
@LoggingFilter(name = PiiMaskingLogFilter.NAME)
public final class PiiMaskingLogFilter implements Filter {

    public static final String NAME = "pii-masking";

    private static final SimpleFormatter PLAIN_RECORDS = new SimpleFormatter();

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord extended) {
            extended.setMessage(PiiMasking.mask(extended.getFormattedMessage()), ExtLogRecord.FormatStyle.NO_FORMAT);
        } else {
            record.setMessage(PiiMasking.mask(PLAIN_RECORDS.formatMessage(record)));
        }
        record.setParameters(null);
        if (record.getThrown() != null && !(record.getThrown() instanceof MaskedThrowable)) {
            record.setThrown(MaskedThrowable.of(record.getThrown()));
        }
        return true;
    }

    /**
     * An exception as the log shows it: the original's class, masked message and stack trace, with
     * its causes and suppressed exceptions masked the same way.
     */
    static final class MaskedThrowable extends Throwable {

        private final String originalClass;

        private MaskedThrowable(Throwable original, MaskedThrowable cause) {
            super(PiiMasking.mask(original.getMessage()), cause, true, true);
            this.originalClass = original.getClass().getName();
            setStackTrace(original.getStackTrace());
        }

        static MaskedThrowable of(Throwable original) {
            Throwable cause = original.getCause();
            MaskedThrowable masked = new MaskedThrowable(original, cause == null || cause == original ? null : of(cause));
            for (Throwable suppressed : original.getSuppressed()) {
                masked.addSuppressed(of(suppressed));
            }
            return masked;
        }

        @Override
        public String toString() {
            return getMessage() == null ? originalClass : originalClass + ": " + getMessage();
        }
    }
}
