package io.lcpr.chargeback.close;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.lcpr.events.EventJson;
import io.lcpr.events.TeamAllocationV1;

/**
 * A closed month's chargeback as a FOCUS 1.2 cost-and-usage file (FORMATS.md section 3), so a FinOps tool takes it as
 * it takes a cloud bill: one row per team (the sub-account), workload and cost component, each a part of the team's
 * charge under the mode in force, with the team's tokens on its inference rows; then, per team, its transfers with
 * other teams (adjustments: paid positive, received negative), an adapter's training cost (a purchase), its incident
 * reserve contribution (an adjustment) and its incident credit (a credit, negative). The rows add up to what the teams pay;
 * the usage rows to the month allocated. Custom columns carry the {@code x_} prefix.
 */
public final class FocusExport {
    /** The FOCUS columns written, mandatory ones first, then the suite's own. */
    public static final List<String> COLUMNS = List.of("BilledCost", "BillingAccountId", "BillingAccountName",
            "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargeCategory", "ChargeClass",
            "ChargeDescription", "ChargeFrequency", "ChargePeriodStart", "ChargePeriodEnd", "ConsumedQuantity",
            "ConsumedUnit", "ContractedCost", "EffectiveCost", "InvoiceIssuerName", "ListCost", "PricingQuantity",
            "PricingUnit", "ProviderName", "PublisherName", "ServiceCategory", "ServiceSubcategory", "ServiceName",
            "SubAccountId", "SubAccountName", "SubAccountType", "Tags", "x_Workload", "x_CostComponent",
            "x_AllocationMode", "x_StatementId", "x_Version");
    static final String PLATFORM = "lcpr-inference-platform";

    /** A team's current statement and its lines. */
    public record Statement(TeamAllocationV1 event, List<StatementLine> lines) {
    }

    /** A closed month at its current version. */
    public record Month(String period, int version, List<Statement> statements) {
    }

    private FocusExport() {
    }

    public static String csv(Month m) {
        YearMonth month = YearMonth.parse(m.period());
        String start = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC).toInstant().toString();
        String end = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC).toInstant().toString();
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new))
                .get())) {
            for (Statement s : m.statements()) {
                TeamAllocationV1 e = s.event();
                boolean correction = e.version() != null && e.version() > 1;
                for (StatementLine l : s.lines()) {
                    row(csv, start, end, e, l.amount(), "Usage", correction, "Usage-Based",
                            e.team() + "'s share of " + l.workload() + " (" + l.component() + ") under " + e.mode()
                                    + " allocation", l.tokens(), l.workload(), l.component());
                }
                if (e.reserveContribution() != null && e.reserveContribution().signum() != 0) {
                    row(csv, start, end, e, e.reserveContribution(), "Adjustment", correction, "Recurring",
                            "contribution to the incident reserve", null, TeamStatements.PLATFORM, "reserve");
                }
                if (e.transfers() != null) {
                    for (TeamAllocationV1.Transfer t : e.transfers()) {
                        if (t.applied()) {
                            BigDecimal signed = t.from().equals(e.team()) ? t.amount() : t.amount().negate();
                            row(csv, start, end, e, signed, "Adjustment", correction, "Usage-Based", t.basis(), null,
                                    t.ref(), t.kind() + "_transfer");
                        }
                    }
                }
                if (e.trainingCharge() != null && e.trainingCharge().signum() != 0) {
                    row(csv, start, end, e, e.trainingCharge(), "Purchase", correction, "One-Time",
                            "training cost of the team's fine-tuned adapters", null, TeamStatements.PLATFORM,
                            "adapter_training");
                }
                if (e.incidentCredit() != null && e.incidentCredit().signum() != 0) {
                    row(csv, start, end, e, e.incidentCredit().negate(), "Credit", correction, "One-Time",
                            "incident credit paid from the reserve", null, TeamStatements.PLATFORM, "incident_credit");
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    private static void row(CSVPrinter csv, String start, String end, TeamAllocationV1 e, BigDecimal cost,
            String category, boolean correction, String frequency, String description, Long tokens, String workload,
            String component) throws IOException {
        String c = cost.toPlainString();
        csv.printRecord(c, PLATFORM, "LCPR inference platform", e.currency(), start, end, category,
                correction ? "Correction" : null, description, frequency, start, end, tokens, tokens == null ? null
                        : "Tokens", c, c, PLATFORM, c, tokens == null ? "1" : tokens.toString(),
                tokens == null ? "Allocation" : "Tokens", PLATFORM, PLATFORM, "AI and Machine Learning",
                "Generative AI", workload, e.team(), e.team(), "Team", EventJson.write(Map.of("team", e.team(),
                        "workload", workload, "component", component)), workload, component, e.mode(),
                e.eventId(), e.version());
    }
}
