package io.lcpr.reconcile.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.ProviderContractV1;
import io.lcpr.events.Topics;

class BurnDownTest {

    @Test
    void theGoldenContractAfterFourMonthsOf14850() {
        // $150,000 committed over 2026-01-01 08:00Z .. 2027-01-01 08:00Z; invoices Jan-Apr at $14,850 = $59,400
        ProviderContractV1 c = EventJson.read(Goldens.read(Topics.PRICING_CONTRACTS), ProviderContractV1.class);
        List<BurnDown.InvoicedPeriod> invoices = List.of("2026-01", "2026-02", "2026-03", "2026-04").stream()
                .map(m -> new BurnDown.InvoicedPeriod(Instant.parse(m + "-01T08:00:00Z"), new BigDecimal("14850")))
                .toList();
        Instant asOf = Instant.parse("2026-05-01T08:00:00Z"); // 120 of 365 days
        BurnDown.Result r = BurnDown.compute(c, invoices, asOf);
        assertEquals(0, new BigDecimal("59400").compareTo(r.spent()));
        assertEquals(0, new BigDecimal("90600").compareTo(r.remaining()));
        assertEquals(new BigDecimal("0.328767"), r.elapsedShare()); // 120 / 365
        assertEquals(new BigDecimal("49315.05"), r.expectedByNow());
        assertEquals(new BigDecimal("1.2045"), r.pace());
        assertEquals(0, BigDecimal.ZERO.compareTo(r.projectedShortfall()), "ahead of pace: no shortfall");
        assertEquals(0, new BigDecimal("5000").compareTo(r.creditsAvailable()), "the launch credit is valid until July");
        assertEquals(0, BigDecimal.ZERO.compareTo(
                BurnDown.compute(c, invoices, Instant.parse("2026-08-01T00:00:00Z")).creditsAvailable()));
    }
}
