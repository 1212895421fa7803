package io.lcpr.reconcile.invoice;

import java.util.Locale;

/**
 * What an invoice line charges for (FOCUS's ChargeCategory, plus the usage exports that carry counts and no money).
 * Usage, credits and adjustments make the invoice total a reconciliation compares with the traces; a purchase (a
 * prepaid commitment) and tax are kept and reported beside it, never spread over workloads as inference.
 */
public enum ChargeCategory {
    USAGE, CREDIT, ADJUSTMENT, PURCHASE, TAX,
    /** A usage export's counts (tokens, requests) without an amount: compared with the traces' counts. */
    REPORTED_USAGE;

    /** Whether the line's amount is part of the invoice total compared with the trace-derived cost. */
    public boolean inDelta() {
        return this == USAGE || this == CREDIT || this == ADJUSTMENT;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** FOCUS's spelling ({@code Usage}, {@code Credit}, ...), any case; null when it is none of them. */
    public static ChargeCategory parse(String value) {
        if (value == null) {
            return null;
        }
        for (ChargeCategory c : values()) {
            if (c.name().equalsIgnoreCase(value.trim().replace('-', '_').replace(' ', '_'))) {
                return c;
            }
        }
        return null;
    }
}
