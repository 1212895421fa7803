package io.lcpr.money;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lcpr.money.Split;

class SplitTest {
    @Test
    void partsAddUpExactlyWhenTheDivisionDoesNotTerminate() {
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        weights.put("a", BigDecimal.ONE);
        weights.put("b", BigDecimal.ONE);
        weights.put("c", BigDecimal.ONE);
        Map<String, BigDecimal> parts = Split.proportional(new BigDecimal("100.00"), weights, 2);
        assertEquals(new BigDecimal("100.00"), parts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        assertEquals(new BigDecimal("33.34"), parts.get("a"));
        assertEquals(new BigDecimal("33.33"), parts.get("c"));
    }

    @Test
    void followsTheWeights() {
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        weights.put("support", new BigDecimal("14200"));
        weights.put("extraction", new BigDecimal("5800"));
        Map<String, BigDecimal> parts = Split.proportional(new BigDecimal("650"), weights, 2);
        assertEquals(new BigDecimal("461.50"), parts.get("support"));
        assertEquals(new BigDecimal("188.50"), parts.get("extraction"));
    }

    @Test
    void negativeAmountsSplitToo() {
        Map<String, BigDecimal> weights = Map.of("x", new BigDecimal("2"), "y", new BigDecimal("1"));
        Map<String, BigDecimal> parts = Split.proportional(new BigDecimal("-1.00"), weights, 2);
        assertEquals(new BigDecimal("-1.00"), parts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
