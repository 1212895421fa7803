package io.lcpr.chargeback.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lcpr.events.ReconciliationCompletedV1.Attribution;

/** 001 ch 27's shared cache and fine-tune cases, and a dedicated endpoint's capacity, as transfers between teams. */
class TransfersTest {
    static final Instant PEAK = Instant.parse("2031-05-14T15:00:00Z");

    @Test
    void aSharedPrefixsDiscountIsShownOrPaidToTheTeamThatWarmedIt() {
        List<Attribution> lines = List.of(line("prefix", "sys-v3", "platform", 0, 90_000, "0"),
                line("prefix", "sys-v3", "support", 600_000, 0, "0.90"),
                line("prefix", "sys-v3", "search", 200_000, 0, "0.30"));
        Transfers.Result shown = Transfers.compute("2031-05", lines, Map.of(), false, false, Map.of(), 744);
        assertEquals(2, shown.transfers().size());
        assertFalse(shown.transfers().get(0).applied(), "passed through: shown, not charged");
        assertEquals(Map.of(), shown.netByTeam());

        Transfers.Result paid = Transfers.compute("2031-05", lines, Map.of(), true, false, Map.of(), 744);
        assertEquals(new BigDecimal("0.90"), paid.netOf("support"));
        assertEquals(new BigDecimal("0.30"), paid.netOf("search"));
        assertEquals(new BigDecimal("-1.20"), paid.netOf("platform"), "the warming team is paid the discount");
    }

    @Test
    void anAdaptersTrainingCostIsChargedToItsTrainerOrAmortizedUntilRecovered() {
        Map<String, Asset> assets = Map.of("adapter/lora-legal", new Asset("adapter", "lora-legal", "legal", null,
                new BigDecimal("1000"), "2031-04", 10_000L, null, null));
        List<Attribution> calls = List.of(line("adapter", "lora-legal", "legal", 0, 0, "0", 2_000),
                line("adapter", "lora-legal", "claims", 0, 0, "0", 3_000));
        Transfers.Result april = Transfers.compute("2031-04", calls, assets, false, false, Map.of(), 720);
        assertEquals(new BigDecimal("1000.00"), april.trainingOf("legal"), "charged to its trainer in its month");
        Transfers.Result may = Transfers.compute("2031-05", calls, assets, false, true, Map.of(), 744);
        assertEquals(new BigDecimal("300.00"), may.netOf("claims"), "3,000 calls at $0.10");
        assertEquals(new BigDecimal("-300.00"), may.netOf("legal"));
        assertEquals(new BigDecimal("0.00"), may.trainingOf("legal"));
        Transfers.Result late = Transfers.compute("2031-09", calls, assets, false, true,
                Map.of("lora-legal", new BigDecimal("900")), 720);
        assertEquals(new BigDecimal("100.00"), late.netOf("claims"), "amortization stops at the cost");
    }

    @Test
    void aDedicatedEndpointIsSharedByItsBusiestHour() {
        Map<String, Asset> assets = Map.of("endpoint/ded-1", new Asset("endpoint", "ded-1", "platform", null, null,
                null, null, 1_000_000L, new BigDecimal("10")));
        List<Attribution> lines = List.of(
                new Attribution("endpoint", "ded-1", "support", "p", "m", "standard", 1, 200_000_000, 0, 0, 0,
                        BigDecimal.ZERO, PEAK, 600_000L, 1_000_000L),
                new Attribution("endpoint", "ded-1", "search", "p", "m", "standard", 1, 100_000_000, 0, 0, 0,
                        BigDecimal.ZERO, PEAK, 400_000L, 1_000_000L));
        Transfers.Capacity c = Transfers.compute("2031-05", lines, assets, false, false, Map.of(), 744).capacity()
                .get(0);
        assertEquals(new BigDecimal("7440.00"), c.monthCost());
        assertEquals(new BigDecimal("0.596774"), c.unusedFraction(), "300 million of 744 million tokens used");
        assertEquals(new BigDecimal("4464.00"), c.shares().get(1).pinnedCost(), "support: 60% of the peak");
        assertTrue(c.shares().stream().anyMatch(s -> s.team().equals("search")
                && s.peakShare().compareTo(new BigDecimal("0.4")) == 0));
    }

    private static Attribution line(String kind, String ref, String team, long read, long write, String discount) {
        return line(kind, ref, team, read, write, discount, 10);
    }

    private static Attribution line(String kind, String ref, String team, long read, long write, String discount,
            long calls) {
        return new Attribution(kind, ref, team, "p", "m", "standard", calls, read + 1_000, read, write, 100,
                new BigDecimal(discount), null, null, null);
    }
}
