package io.lcpr.chargeback.close;

import java.math.BigDecimal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One line of a team's charge: a workload and cost component, its part of the charge, the team's tokens there. */
@RegisterForReflection
public record StatementLine(String workload, String component, BigDecimal amount, Long tokens) {
}
