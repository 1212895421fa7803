package io.lcpr.chargeback.close;

import java.util.List;

/** A close the controls refused: every reason, so the platform owner sees all of them at once. */
public class CloseRefusedException extends RuntimeException {
    private final List<String> reasons;

    public CloseRefusedException(String period, List<String> reasons) {
        super(period + " cannot be closed: " + String.join("; ", reasons)
                + " (close with force_reason to override, recorded with the month)");
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
