package io.lcpr.ingest.batch;

import java.math.BigDecimal;

import io.lcpr.ingest.batch.RecordBinder.InvalidRecordException;

/**
 * A record's values checked against the columns they are stored in, before they reach the database: a value over a
 * limit refuses its own record, naming the field, instead of failing the whole chunk it would be stored with (a
 * 500 that a retrying sender would never get past).
 */
public final class ColumnLimits {
    private ColumnLimits() {
    }

    /** Text of at most {@code maxLength} characters, without U+0000 (which PostgreSQL text cannot hold). */
    public static void text(int index, String field, String value, int maxLength) throws InvalidRecordException {
        if (value == null) {
            return;
        }
        if (value.indexOf('\0') >= 0) {
            throw error(index, field, "contains a NUL character (U+0000)");
        }
        if (value.length() > maxLength) {
            throw error(index, field, "is " + value.length() + " characters long; at most " + maxLength);
        }
    }

    /** A decimal that fits {@code numeric(precision, scale)}: at most precision - scale digits before the point. */
    public static void decimal(int index, String field, BigDecimal value, int precision, int scale)
            throws InvalidRecordException {
        if (value != null && value.precision() - value.scale() > precision - scale) {
            throw error(index, field, "is " + value.toEngineeringString() + "; at most " + (precision - scale)
                    + " digits before the decimal point");
        }
    }

    private static InvalidRecordException error(int index, String field, String reason) {
        return new InvalidRecordException(new RecordError(index, field, reason));
    }
}
