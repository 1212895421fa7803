package io.lcpr.reconcile.lcpr;

/** Where one work unit lands in the denominator breakdown. */
public enum UnitResult {
    FIRST_ATTEMPT_PASS, RECOVERED, ESCALATED, UNRECOVERED;

    public boolean accepted() {
        return this == FIRST_ATTEMPT_PASS || this == RECOVERED;
    }
}
