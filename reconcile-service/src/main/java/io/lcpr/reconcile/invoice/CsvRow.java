package io.lcpr.reconcile.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The current record of a CSV file read by column name (any case), with the null spellings of real exports (empty,
 * {@code NULL}) and the file line it came from, so a refusal names line and column.
 */
final class CsvRow {
    private final Map<String, String> columns;
    private CSVRecord record;
    private String line;

    private CsvRow(Map<String, String> columns) {
        this.columns = columns;
    }

    /** A row reader over a parser whose header holds every required column. */
    static CsvRow over(CSVParser csv, List<String> required, String formatName) {
        Map<String, String> columns = new TreeMap<>();
        csv.getHeaderNames().forEach(h -> columns.putIfAbsent(h.trim().toLowerCase(Locale.ROOT), h));
        for (String column : required) {
            if (!columns.containsKey(column.toLowerCase(Locale.ROOT))) {
                throw new InvoiceFileException("line 1 (header)", column, "a required " + formatName
                        + " column is missing");
            }
        }
        return new CsvRow(columns);
    }

    CsvRow at(CSVRecord r, CSVParser csv) {
        record = r;
        line = "line " + csv.getCurrentLineNumber();
        if (!r.isConsistent()) {
            throw new InvoiceFileException(line, null, "has " + r.size() + " fields, the header " + columns.size());
        }
        return this;
    }

    String line() {
        return line;
    }

    /** The value, or null for an absent column, an empty string or the literal NULL. */
    String text(String column) {
        String name = columns.get(column.toLowerCase(Locale.ROOT));
        if (name == null) {
            return null;
        }
        String v = record.get(name);
        return v == null || v.isBlank() || v.trim().equalsIgnoreCase("NULL") ? null : v.trim();
    }

    String firstOf(String... names) {
        for (String name : names) {
            String v = text(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    String required(String column) {
        String v = text(column);
        if (v == null) {
            throw new InvoiceFileException(line, column, "is empty; the format requires it");
        }
        return v;
    }

    BigDecimal requiredDecimal(String column) {
        required(column);
        return decimal(column);
    }

    BigDecimal decimal(String column) {
        String v = text(column);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new InvoiceFileException(line, column, "'" + v + "' is not a decimal number");
        }
    }

    Instant time(String column, boolean required) {
        String v = required ? required(column) : text(column);
        if (v == null) {
            return null;
        }
        try {
            return BillingTimes.parse(v);
        } catch (DateTimeParseException e) {
            throw new InvoiceFileException(line, column, "'" + v + "' is not a date and time");
        }
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
