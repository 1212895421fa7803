package io.lcpr.period;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class BillingMonthsTest {
    @Test
    void previousIsTheMonthBeforeNowInUtc() {
        assertEquals("2026-04", BillingMonths.previous(Instant.parse("2026-05-02T02:00:00Z")));
        assertEquals("2025-12", BillingMonths.previous(Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals("2026-01", BillingMonths.previous(Instant.parse("2026-02-28T23:59:59.999Z")));
        assertEquals("2026-02", BillingMonths.resolve("previous", Instant.parse("2026-03-31T23:00:00Z")));
        assertEquals("2026-03-15", BillingMonths.resolve("2026-03-15", Instant.parse("2026-05-01T00:00:00Z")));
    }
}
