package io.lcpr.pricing.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lcpr.pricing.snapshot.EntryDraft;

/** Rate cards as spreadsheets export them: quoted cells with commas and quotes, a BOM, CRLF line ends. */
class RateCardCsvTest {
    @Test
    void aQuotedCellKeepsItsCommasAndQuotes() throws Exception {
        String csv = "\uFEFFprovider,model,input_per_million,output_per_million,effective_from\r\n"
                + "acme,\"llama-3, 70b \"\"instruct\"\"\",0.90,0.90,2026-04-01\r\n"
                + "\r\n"
                + "openai,gpt-4.1-mini,1.80,8.00,2026-04-01\r\n";
        List<EntryDraft> entries = RateCardCsv.parse(new StringReader(csv));
        assertEquals(2, entries.size());
        assertEquals("llama-3, 70b \"instruct\"", entries.get(0).model());
        assertEquals(0, new BigDecimal("0.90").compareTo(entries.get(0).inputPerMillion()));
        assertEquals("gpt-4.1-mini", entries.get(1).model());
    }

    @Test
    void badCellsAndBrokenQuotesAreNamed() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> RateCardCsv.parse(
                new StringReader("provider,model,input_per_million,output_per_million,effective_from\n"
                        + "acme,\"a, b\",cheap,1,2026-04-01\n")));
        assertEquals("line 2, input_per_million: 'cheap' is not a number", bad.getMessage());
        IllegalArgumentException unclosed = assertThrows(IllegalArgumentException.class, () -> RateCardCsv.parse(
                new StringReader("provider,model,input_per_million,output_per_million,effective_from\n"
                        + "acme,\"never closed,1,1,2026-04-01\n")));
        assertEquals(true, unclosed.getMessage().startsWith("record 2: not valid CSV"), unclosed.getMessage());
    }
}
