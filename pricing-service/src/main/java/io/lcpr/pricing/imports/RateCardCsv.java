package io.lcpr.pricing.imports;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import io.lcpr.price.BillableUnits;
import io.lcpr.pricing.quote.Instants;
import io.lcpr.pricing.snapshot.EntryDraft;

/**
 * A negotiated rate card as CSV. Header (order free; the first four and effective_from are required):
 * {@code provider,model,input_per_million,output_per_million,effective_from,service_tier,region,effective_to,
 * currency,cache_read_per_million,cache_write_per_million,cache_write_1h_per_million,reasoning_per_million}, and
 * a non-token charge's USD per unit as {@code per_<unit>} (BillableUnits: {@code per_web_search}, {@code per_request},
 * {@code per_output_image}...). Blank cells are absent values. Any bad cell refuses the file, naming its line and column.
 */
public final class RateCardCsv {
    static final Set<String> REQUIRED = Set.of("provider", "model", "input_per_million", "output_per_million",
            "effective_from");
    static final Set<String> KNOWN = Set.of("provider", "model", "service_tier", "region", "effective_from",
            "effective_to", "currency", "input_per_million", "cache_read_per_million", "cache_write_per_million",
            "cache_write_1h_per_million", "output_per_million", "reasoning_per_million");

    private RateCardCsv() {
    }

    public static List<EntryDraft> parse(Reader csv) throws IOException {
        // RFC 4180 (commons-csv): a quoted cell may hold commas, quotes and line breaks; CRLF or LF
        Iterator<CSVRecord> records = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(csv)
                .iterator();
        if (!next(records, 1)) {
            throw new IllegalArgumentException("empty file: expected a header line");
        }
        String[] columns = records.next().values();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.length; i++) {
            String name = columns[i].replace("\uFEFF", "").trim().toLowerCase(java.util.Locale.ROOT);
            if (!KNOWN.contains(name) && unitOf(name) == null) {
                throw new IllegalArgumentException("line 1: unknown column '" + name + "'; known: " + KNOWN);
            }
            index.put(name, i);
        }
        for (String required : REQUIRED) {
            if (!index.containsKey(required)) {
                throw new IllegalArgumentException("line 1: missing required column '" + required + "'");
            }
        }
        List<EntryDraft> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int number = 1;
        while (next(records, number + 1)) {
            CSVRecord record = records.next();
            number = (int) record.getRecordNumber();
            Row row = new Row(number, record.values(), index, problems);
            entries.add(new EntryDraft(row.text("provider"), row.text("model"), row.text("service_tier"),
                    row.text("region"), row.instant("effective_from"), row.instant("effective_to"), row.text("currency"),
                    row.decimal("input_per_million"), row.decimal("cache_read_per_million"),
                    row.decimal("cache_write_per_million"), row.decimal("cache_write_1h_per_million"),
                    row.decimal("output_per_million"), row.decimal("reasoning_per_million"), null, null, null, null,
                    null, row.unitPrices()));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return entries;
    }

    /** Whether another record follows; a malformed one (an unclosed quote) is refused naming where it starts. */
    private static boolean next(Iterator<CSVRecord> records, int record) {
        try {
            return records.hasNext();
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("record " + record + ": not valid CSV ("
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")");
        }
    }

    /** The unit a {@code per_<unit>} column prices, or null. */
    static String unitOf(String column) {
        String unit = column.startsWith("per_") ? column.substring(4) : null;
        return unit != null && BillableUnits.ALL.contains(unit) ? unit : null;
    }

    private record Row(int line, String[] cells, Map<String, Integer> index, List<String> problems) {
        Map<String, BigDecimal> unitPrices() {
            Map<String, BigDecimal> prices = new java.util.TreeMap<>();
            index.keySet().forEach(column -> {
                String unit = unitOf(column);
                BigDecimal price = unit == null ? null : decimal(column);
                if (price != null) {
                    prices.put(unit, price);
                }
            });
            return prices.isEmpty() ? null : prices;
        }

        String text(String column) {
            Integer i = index.get(column);
            if (i == null || i >= cells.length) {
                return null;
            }
            String value = cells[i].trim();
            return value.isEmpty() ? null : value;
        }

        BigDecimal decimal(String column) {
            String value = text(column);
            try {
                return value == null ? null : new BigDecimal(value);
            } catch (NumberFormatException e) {
                problems.add("line " + line + ", " + column + ": '" + value + "' is not a number");
                return null;
            }
        }

        Instant instant(String column) {
            String value = text(column);
            try {
                return value == null ? null
                        : Instants.dateOrInstant(value);
            } catch (DateTimeParseException e) {
                problems.add("line " + line + ", " + column + ": '" + value + "' is not a date (YYYY-MM-DD) or an instant");
                return null;
            }
        }
    }
}
