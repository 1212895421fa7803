package io.lcpr.pricing.snapshot;

import java.util.List;

/** A refused price version, with every problem found. */
public class InvalidSnapshotException extends RuntimeException {
    private final List<String> problems;

    public InvalidSnapshotException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = problems;
    }

    public List<String> problems() {
        return problems;
    }
}
