package io.lcpr.chargeback.report;

import java.math.BigDecimal;

import io.lcpr.delivery.web.Pages;
import io.lcpr.events.EventJson;

/**
 * The monthly report as a page: the figures as tables, the month-over-month waterfall drawn by Apache ECharts (the
 * webjar this service serves), the trend paragraph. Every text is escaped; the chart reads its data from JSON.
 */
final class ReportPage {
    private ReportPage() {
    }

    static String html(MonthlyReport r) {
        StringBuilder s = Pages.head("Chargeback " + r.team() + " " + r.period(), "");
        s.append("<h1>").append(esc(r.team())).append(": ").append(esc(r.period())).append("</h1>");
        s.append("<p id=\"state\">").append(esc(r.state())).append(", ").append(esc(r.mode()))
                .append(" allocation</p>");
        s.append("<p id=\"trend\">").append(esc(r.trend())).append("</p>");
        s.append("<table id=\"totals\"><tr><th>Charged</th><th>Reserve contribution</th><th>Incident credit</th>"
                + "<th>Net</th></tr><tr>").append(td(r.charged())).append(td(r.reserveContribution()))
                .append(td(r.incidentCredit())).append(td(r.net())).append("</tr></table>");
        s.append("<h2>By component</h2><table id=\"components\"><tr><th>Component</th><th>")
                .append(esc(r.period())).append("</th>");
        if (r.lastPeriod() != null) {
            s.append("<th>").append(esc(r.lastPeriod())).append("</th>");
        }
        s.append("</tr>");
        r.byComponent().forEach((c, v) -> {
            s.append("<tr><td>").append(esc(c)).append("</td>").append(td(v));
            if (r.lastByComponent() != null) {
                s.append(td(r.lastByComponent().get(c)));
            }
            s.append("</tr>");
        });
        s.append("</table>");
        s.append("<h2>Month over month</h2><div id=\"waterfall\" class=\"chart\"></div>");
        s.append("<h2>Largest changes</h2><table id=\"deltas\"><tr><th>Workload</th><th>Component</th><th>Change</th>"
                + "<th>Why</th></tr>");
        r.largestDeltas().forEach(d -> s.append("<tr><td>").append(esc(d.workload())).append("</td><td>")
                .append(esc(d.component())).append("</td>").append(td(d.change())).append("<td>")
                .append(esc(d.explanation())).append("</td></tr>"));
        s.append("</table><h2>LCPR by workload</h2><table id=\"lcpr\"><tr><th>Workload</th><th>LCPR</th>"
                + "<th>Accepted</th><th>Team share</th></tr>");
        r.lcpr().forEach(l -> s.append("<tr><td>").append(esc(l.workload())).append("</td>").append(td(l.lcpr()))
                .append("<td>").append(l.acceptedUnits()).append("</td>").append(td(l.teamShare())).append("</tr>"));
        s.append("</table><h2>Every mode</h2><table id=\"modes\"><tr><th>Mode</th><th>Charge</th></tr>");
        r.modes().forEach((m, v) -> s.append("<tr><td>").append(esc(m)).append("</td>").append(td(v)).append("</tr>"));
        s.append("</table><h2>Transfers</h2><table id=\"transfers\"><tr><th>Kind</th><th>Asset</th><th>From</th>"
                + "<th>To</th><th>Amount</th><th>Charged</th></tr>");
        r.transfers().forEach(t -> s.append("<tr><td>").append(esc(t.kind())).append("</td><td>").append(esc(t.ref()))
                .append("</td><td>").append(esc(t.from())).append("</td><td>").append(esc(t.to())).append("</td>")
                .append(td(t.amount())).append("<td>").append(t.applied() ? "yes" : "shown").append("</td></tr>"));
        s.append("</table><h2>Dedicated capacity</h2><table id=\"capacity\"><tr><th>Endpoint</th>"
                + "<th>Share of peak</th><th>Cost by that share</th><th>Unused</th></tr>");
        r.capacity().forEach(c -> s.append("<tr><td>").append(esc(c.endpoint())).append("</td>")
                .append(td(c.peakShare())).append(td(c.pinnedCost())).append(td(c.unusedFraction())).append("</tr>"));
        s.append("</table>");
        ForecastVariance f = r.forecast();
        if (f != null) {
            s.append("<h2>Against the forecast</h2><p id=\"forecast-note\">").append(f.note() != null ? esc(f.note())
                    : "scenario " + esc(f.scenario()) + ": the team's share predicted " + f.teamPredicted()
                            .toPlainString() + ", actual " + f.teamActual().toPlainString() + ", variance "
                            + f.teamVariance().toPlainString()).append("</p><table id=\"forecast\"><tr><th>Workload"
                            + "</th><th>Predicted</th><th>Actual</th><th>Variance</th><th>%</th><th>Team share</th></tr>");
            f.workloads().forEach(l -> s.append("<tr><td>").append(esc(l.workload())).append("</td>")
                    .append(td(l.predicted())).append(td(l.actual())).append(td(l.variance()))
                    .append(td(l.variancePct())).append(td(l.teamShare())).append("</tr>"));
            s.append("</table>");
        }
        s.append(Pages.data("data", EventJson.write(r.waterfall()))).append("<script>").append(Pages.READ_JSON)
                .append(Pages.WATERFALL).append("drawWaterfall('waterfall', readJson('data'));"
                        + "document.body.dataset.chart = 'drawn';</script></body></html>");
        return s.toString();
    }

    private static String td(BigDecimal v) {
        return Pages.td(v);
    }

    private static String esc(String s) {
        return Pages.esc(s);
    }
}
