package io.lcpr.reconcile.signal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.lcpr.events.CanonicalTrace;

/**
 * What operating signals are folded by: the hour a call started and its workload, team, provider, model, API key and
 * project. Absent parts are empty strings, so that a key compares and groups like the stored row.
 */
public record SignalKey(Instant hour, String workload, String team, String provider, String model, String apiKeyId,
        String projectId) {

    public static SignalKey of(CanonicalTrace t) {
        return new SignalKey(t.startedAt().truncatedTo(ChronoUnit.HOURS), orEmpty(t.workload()), orEmpty(t.team()),
                orEmpty(t.provider()), orEmpty(t.model()), orEmpty(t.apiKeyId()), orEmpty(t.projectId()));
    }

    /** The five-minute bucket an instant falls in. */
    public static Instant bucket5m(Instant t) {
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(s - Math.floorMod(s, 300));
    }

    /** The key's value on one dimension, as a reader groups by it. */
    public String on(Dimension d) {
        return switch (d) {
            case HOUR -> hour.toString();
            case WORKLOAD -> workload;
            case TEAM -> team;
            case PROVIDER -> provider;
            case MODEL -> provider + "/" + model;
            case API_KEY -> apiKeyId;
            case PROJECT -> provider + "/" + projectId;
        };
    }

    /** The dimensions a reader may group signals by. */
    public enum Dimension {
        HOUR, WORKLOAD, TEAM, PROVIDER, MODEL, API_KEY, PROJECT
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
