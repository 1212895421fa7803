package io.lcpr.chargeback.close;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Who closes (or corrects) a month, and, to close in spite of the controls, why ({@code force_reason}: recorded with
 * the reasons it overrode); a correction states its {@code reason}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CloseRequest(String by, String forceReason, String reason) {
}
