package io.lcpr.reconcile.review;

import static io.lcpr.delivery.web.Pages.esc;
import static io.lcpr.delivery.web.Pages.td;

import java.util.Map;

import io.lcpr.delivery.web.Pages;
import io.lcpr.events.EventJson;

/**
 * The review pack as a page in the order of the 30-minute review: LCPR with its drivers, quality with its trend
 * chart, cost composition with the month-over-month waterfall, capacity, incidents, recommendations and last month's
 * actions. Charts by Apache ECharts read their data from JSON in the page; every text is escaped.
 */
final class ReviewPage {
    private ReviewPage() {
    }

    static String html(ReviewPack p) {
        StringBuilder s = Pages.head("Inference review " + p.period(), ".up{color:#a00}.down{color:#060}");
        s.append("<h1>Inference review: ").append(esc(p.period())).append("</h1><p id=\"state\">")
                .append(p.preview() ? "Preview: the month is still open" : "Closed month").append(", reconciled ")
                .append(esc(String.valueOf(p.runAt()))).append(", against ").append(esc(p.lastPeriod()))
                .append("</p>");
        s.append("<h2>LCPR by workload</h2><table id=\"lcpr\"><tr><th>Workload</th><th>LCPR (").append(esc(p.period()))
                .append(")</th><th>LCPR (").append(esc(p.lastPeriod())).append(")</th><th>Delta</th>"
                        + "<th>Primary driver</th><th>Why</th></tr>");
        for (LcprDrivers d : p.lcpr()) {
            s.append("<tr><td>").append(esc(d.workload())).append("</td>").append(td(d.lcprNow()))
                    .append(td(d.lcprThen())).append("<td class=\"").append(d.change() == null ? ""
                            : d.change().signum() > 0 ? "up" : "down").append("\">")
                    .append(d.changePct() == null ? "" : (d.changePct().signum() > 0 ? "+" : "")
                            + d.changePct().toPlainString() + "%")
                    .append("</td><td class=\"driver\">").append(esc(d.primary())).append("</td><td>")
                    .append(esc(d.explanation())).append("</td></tr>");
        }
        s.append("</table><h2>Quality</h2><div id=\"quality-trend\" class=\"chart\"></div><table id=\"quality\"><tr>"
                + "<th>Workload</th><th>Pass rate</th><th>Most frequent failures</th></tr>");
        for (ReviewPack.Quality q : p.quality()) {
            StringBuilder reasons = new StringBuilder();
            q.failureReasons().forEach((r, n) -> reasons.append(reasons.isEmpty() ? "" : ", ").append(r)
                    .append(" (").append(n).append(')'));
            s.append("<tr><td>").append(esc(q.workload())).append("</td>")
                    .append(td(q.passRate() == null ? null : q.passRate() * 100, "%.1f%%")).append("<td>")
                    .append(esc(reasons.toString())).append("</td></tr>");
        }
        s.append("</table><h2>Cost composition</h2><table id=\"costs\"><tr><th>Workload</th>");
        ReviewService.COMPONENTS.forEach(c -> s.append("<th>").append(c).append("</th>"));
        s.append("</tr>");
        for (ReviewPack.Composition c : p.costs()) {
            s.append("<tr><td>").append(esc(c.workload())).append("</td>");
            ReviewService.COMPONENTS.forEach(k -> s.append(td(c.now().get(k))));
            s.append("</tr>");
        }
        s.append("</table><h3>Month over month</h3><p id=\"waterfall-driver\">Moved most: ")
                .append(esc(p.waterfallDriver())).append("</p><div id=\"waterfall\" class=\"chart\"></div>");
        s.append("<h2>Capacity</h2><h3>Dedicated</h3><table id=\"dedicated\"><tr><th>Endpoint</th><th>Tokens</th>"
                + "<th>Mean hour</th><th>Peak hour</th><th>Capacity an hour</th><th>Utilization</th><th>Headroom</th>"
                + "<th>Load factor</th></tr>");
        p.dedicated().forEach(d -> s.append("<tr><td>").append(esc(d.endpoint())).append("</td><td>").append(d.tokens())
                .append("</td><td>").append(d.meanHourTokens()).append("</td><td>").append(d.peakHourTokens())
                .append("</td><td>").append(d.capacityTokensPerHour() == null ? "" : d.capacityTokensPerHour())
                .append("</td>").append(pct(d.utilization())).append(pct(d.headroom())).append(pct(d.loadFactor()))
                .append("</tr>"));
        s.append("</table><h3>Serverless</h3><table id=\"serverless\"><tr><th>Model</th><th>Calls</th><th>Last month</th>"
                + "<th>Change</th><th>Peak requests/min</th><th>Limit</th><th>Proximity</th><th>Peak tokens/min</th>"
                + "<th>Limit</th><th>Proximity</th></tr>");
        p.serverless().forEach(v -> s.append("<tr><td>").append(esc(v.provider() + "/" + v.model())).append("</td><td>")
                .append(v.calls()).append("</td><td>").append(v.lastCalls()).append("</td>")
                .append(td(v.callsChangePct(), "%+.1f%%")).append(td(v.peakRequestsPerMinute(), "%.1f")).append("<td>")
                .append(v.requestsPerMinuteLimit() == null ? "" : v.requestsPerMinuteLimit()).append("</td>")
                .append(pct(v.requestLimitProximity())).append(td(v.peakTokensPerMinute(), "%.0f")).append("<td>")
                .append(v.tokensPerMinuteLimit() == null ? "" : v.tokensPerMinuteLimit()).append("</td>")
                .append(pct(v.tokenLimitProximity())).append("</tr>"));
        ReviewPack.Incidents inc = p.incidents();
        s.append("</table><h2>Incidents</h2><p id=\"incident-summary\">").append(inc.count()).append(" incident")
                .append(inc.count() == 1 ? "" : "s").append(", total cost ").append(inc.totalCost().toPlainString())
                .append(inc.byCategory().isEmpty() ? "" : "; " + esc(inc.byCategory().toString())).append("</p>")
                .append("<table id=\"incidents\"><tr><th>Incident</th><th>Category</th><th>Status</th><th>Cost</th>"
                        + "<th>Requests affected</th><th>Minutes to detect</th><th>Preventive actions</th></tr>");
        inc.list().forEach(i -> s.append("<tr><td>").append(esc(i.name())).append("</td><td>").append(esc(i.category()))
                .append("</td><td>").append(esc(i.status())).append("</td>").append(td(i.totalCost())).append("<td>")
                .append(i.requestsAffected()).append("</td><td>")
                .append(i.minutesToDetect() == null ? "" : i.minutesToDetect()).append("</td><td>")
                .append(esc(i.preventiveActions())).append("</td></tr>"));
        s.append("</table><h2>Recommendations</h2><table id=\"recommendations\"><tr><th>Action</th>"
                + "<th>Expected impact a month</th><th>Owner</th><th>Status</th></tr>");
        p.recommendations().forEach(a -> s.append("<tr><td>").append(esc(a.text())).append("</td>")
                .append(td(a.impact())).append("<td>").append(esc(a.owner())).append("</td><td>")
                .append(esc(a.status())).append("</td></tr>"));
        s.append("</table><h3>Last month's actions</h3><p id=\"last-actions\">")
                .append(p.lastActionsCompleted() == null ? "none recorded"
                        : p.lastActionsCompleted().movePointRight(2).stripTrailingZeros().toPlainString()
                                + "% completed")
                .append("</p><table id=\"last-action-list\"><tr><th>Action</th><th>Owner</th><th>Status</th></tr>");
        p.lastActions().forEach(a -> s.append("<tr><td>").append(esc(a.text())).append("</td><td>")
                .append(esc(a.owner())).append("</td><td>").append(esc(a.status())).append("</td></tr>"));
        s.append("</table>");
        Map<String, Object> charts = Map.of("waterfall", p.waterfall(), "quality", p.quality());
        s.append(Pages.data("data", EventJson.write(charts))).append("<script>").append(Pages.READ_JSON)
                .append(Pages.WATERFALL).append(QUALITY).append("""
                        const data = readJson('data');
                        drawWaterfall('waterfall', data.waterfall);
                        drawQuality('quality-trend', data.quality);
                        document.body.dataset.chart = 'drawn';
                        </script></body></html>""");
        return s.toString();
    }

    private static String pct(Double v) {
        return td(v == null ? null : v * 100, "%.1f%%");
    }

    /** One line a workload: its pass rate by month. */
    private static final String QUALITY = """
            function drawQuality(elementId, quality) {
              const months = [...new Set(quality.flatMap(q => Object.keys(q.trend)))].sort();
              const chart = echarts.init(document.getElementById(elementId));
              chart.setOption({
                tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: months },
                yAxis: { type: 'value', min: 0, max: 1 },
                series: quality.map(q => ({ name: q.workload, type: 'line',
                  data: months.map(m => q.trend[m] === undefined ? null : q.trend[m]) }))
              });
            }
            """;
}
