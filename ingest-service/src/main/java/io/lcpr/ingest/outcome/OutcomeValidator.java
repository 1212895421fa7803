package io.lcpr.ingest.outcome;

import java.math.BigDecimal;
import java.util.Set;

import io.lcpr.events.Outcome;
import io.lcpr.ingest.batch.ColumnLimits;
import io.lcpr.ingest.batch.RecordError;
import io.lcpr.ingest.batch.RecordBinder.InvalidRecordException;

/**
 * Checks one outcome record: a known kind, something to attach it to, a verdict where the kind needs one, every value
 * within its column.
 */
public final class OutcomeValidator {
    private static final Set<String> KINDS = Set.of(Outcome.EVAL, Outcome.SLO, Outcome.ESCALATION, Outcome.ACCEPTANCE);

    public Outcome validate(int index, Outcome o) throws InvalidRecordException {
        if (o.kind() == null || !KINDS.contains(o.kind())) {
            throw error(index, "kind", "unknown value '" + o.kind() + "' (eval, slo, escalation, acceptance)");
        }
        if (isBlank(o.requestId()) && isBlank(o.workUnitId())) {
            throw error(index, "request_id", "request_id or work_unit_id is required");
        }
        if (!Outcome.ESCALATION.equals(o.kind()) && o.passed() == null) {
            throw error(index, "passed", "is required for a " + o.kind() + " verdict");
        }
        negative(index, "human_cost", o.humanCost());
        negative(index, "review_minutes", o.reviewMinutes());
        ColumnLimits.text(index, "outcome_id", o.outcomeId(), 255);
        ColumnLimits.text(index, "request_id", o.requestId(), 255);
        ColumnLimits.text(index, "work_unit_id", o.workUnitId(), 255);
        ColumnLimits.text(index, "workload", o.workload(), 255);
        ColumnLimits.text(index, "grader_request_id", o.graderRequestId(), 255);
        ColumnLimits.text(index, "reason", o.reason(), 100_000);
        ColumnLimits.decimal(index, "score", o.score(), 12, 6);
        ColumnLimits.decimal(index, "human_cost", o.humanCost(), 19, 6);
        ColumnLimits.decimal(index, "review_minutes", o.reviewMinutes(), 12, 3);
        return o;
    }

    private static void negative(int index, String field, BigDecimal value) throws InvalidRecordException {
        if (value != null && value.signum() < 0) {
            throw error(index, field, "must not be negative, got " + value.toPlainString());
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static InvalidRecordException error(int index, String field, String reason) {
        return new InvalidRecordException(new RecordError(index, field, reason));
    }
}
