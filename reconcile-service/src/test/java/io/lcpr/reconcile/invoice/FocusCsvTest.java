package io.lcpr.reconcile.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.lcpr.infra.SharedData;

/** The real FOCUS sample as it is, against sums a second CSV reader computes from the same file. */
class FocusCsvTest {
    static final InvoiceImportContext NONE = new InvoiceImportContext(null, null);

    static List<InvoiceLine> parse(String csv) throws IOException {
        List<InvoiceLine> lines = new ArrayList<>();
        FocusCsv.parse(new StringReader(csv), NONE, lines::add);
        return lines;
    }

    static String sample() throws IOException {
        return Files.readString(SharedData.file("focus_sample.csv"), StandardCharsets.UTF_8);
    }

    @Test
    void theSampleImportsWholeAndItsTotalsPerServiceAndCategoryMatchAnIndependentSum() throws IOException {
        List<InvoiceLine> lines = parse(sample());
        Map<String, BigDecimal> expected = new TreeMap<>();
        CsvSchema header = CsvSchema.emptySchema().withHeader();
        try (InputStream in = Files.newInputStream(SharedData.file("focus_sample.csv"));
                MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class).with(header)
                        .readValues(in)) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                expected.merge(row.get("ServiceName") + " / " + row.get("ChargeCategory").toLowerCase(),
                        new BigDecimal(row.get("BilledCost")), BigDecimal::add);
            }
        }
        Map<String, BigDecimal> actual = new TreeMap<>();
        lines.forEach(l -> actual.merge(l.service() + " / " + l.category().label(), l.billedCost(), BigDecimal::add));
        assertEquals(1000, lines.size());
        assertEquals(expected, actual);
        assertEquals(Map.of("aws", 942L, "microsoft", 51L, "oracle", 7L), count(lines));
        assertEquals(2, lines.stream().filter(l -> l.category() == ChargeCategory.ADJUSTMENT).count());
        assertEquals(1, lines.stream().filter(l -> l.category() == ChargeCategory.CREDIT).count());
        InvoiceLine first = lines.get(0);
        assertEquals("2024-09", first.period(), "BillingPeriodStart 2024-09-01 00:00:00, read as UTC");
        assertEquals("2024-09-18T22:00:00Z", first.chargeStart().toString());
        assertEquals("1234567890123", first.billingAccount());
        assertEquals(null, first.model(), "the literal NULL is no value");
    }

    @Test
    void aBadCellIsRefusedNamingItsLineAndColumn() throws IOException {
        String[] rows = sample().split("\n", -1);
        rows[56] = rows[56].replaceFirst("^NULL,[0-9.]+,", "NULL,12,5,"); // line 57: BilledCost "12" and a shift
        InvoiceFileException shifted = assertThrows(InvoiceFileException.class, () -> parse(String.join("\n", rows)));
        assertEquals("line 57", shifted.line(), shifted.getMessage());

        String[] again = sample().split("\n", -1);
        again[99] = again[99].replaceFirst("^NULL,[0-9.]+,", "NULL,twelve,");
        InvoiceFileException bad = assertThrows(InvoiceFileException.class, () -> parse(String.join("\n", again)));
        assertEquals("line 100", bad.line());
        assertEquals("BilledCost", bad.column());
        assertTrue(bad.getMessage().contains("'twelve' is not a decimal number"), bad.getMessage());
    }

    @Test
    void aFileWithoutARequiredColumnIsRefusedAtItsHeader() {
        InvoiceFileException e = assertThrows(InvoiceFileException.class,
                () -> parse("BilledCost,BillingAccountId,BillingCurrency,ChargeCategory,ChargePeriodStart\n1,a,USD,Usage,2026-04-01\n"));
        assertEquals("BillingPeriodStart", e.column());
    }

    @Test
    void theSpecsVirtualCurrencyExampleWithItsByteOrderMarkAndUsDatesImports() throws IOException {
        List<InvoiceLine> lines = new ArrayList<>();
        try (var reader = Files.newBufferedReader(SharedData.file("focus_v1.2_virtual_currency_tokens_example.csv"))) {
            FocusCsv.parse(reader, NONE, lines::add);
        }
        assertEquals(3, lines.size());
        assertEquals(ChargeCategory.USAGE, lines.get(0).category());
        assertEquals("2025-04", lines.get(0).period(), "4/1/25 is 1 April 2025");
        assertEquals(0, BigDecimal.ZERO.compareTo(lines.get(0).billedCost()), "drawn from prepaid tokens: billed 0");
    }

    private static Map<String, Long> count(List<InvoiceLine> lines) {
        Map<String, Long> byProvider = new TreeMap<>();
        lines.forEach(l -> byProvider.merge(l.provider(), 1L, Long::sum));
        return byProvider;
    }
}
