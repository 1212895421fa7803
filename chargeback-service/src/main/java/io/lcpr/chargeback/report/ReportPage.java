package io.lcpr.chargeback.report;

import java.math.BigDecimal;

import io.lcpr.events.EventJson;

/**
 * The monthly report as a page: the figures as tables, the month-over-month waterfall drawn by Apache ECharts (the
 * webjar this service serves), the trend paragraph. Every text is escaped; the chart reads its data from JSON.
 */
final class ReportPage {
    static final String ECHARTS = "/webjars/echarts/5.3.1/dist/echarts.min.js";

    private ReportPage() {
    }

    static String html(MonthlyReport r) {
        StringBuilder s = new StringBuilder();
        s.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Chargeback ")
                .append(esc(r.team())).append(' ').append(esc(r.period())).append("</title>")
                .append("<style>body{font-family:sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;"
                        + "margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}"
                        + "td:first-child,th:first-child{text-align:left}#waterfall{width:100%;height:360px}</style>")
                // script errors are kept where a reader (and the page's browser test) can see them
                .append("<script>window.__errors = []; addEventListener('error', e => __errors.push(String(e.message)));"
                        + "</script>")
                .append("<script src=\"").append(ECHARTS).append("\"></script></head><body>");
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
        s.append("<h2>Month over month</h2><div id=\"waterfall\"></div>");
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
        s.append("<script id=\"data\" type=\"application/json\">").append(esc(EventJson.write(r.waterfall())))
                .append("</script><script>").append(WATERFALL).append("</script></body></html>");
        return s.toString();
    }

    /**
     * The waterfall as ECharts draws one: an invisible base series stacked under the visible bars, so each change
     * starts where the running total stands.
     */
    private static final String WATERFALL = """
            const steps = JSON.parse(document.getElementById('data').textContent.replace(/&quot;/g, '"')
              .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
            let running = 0; const base = [], bars = [];
            for (const s of steps) {
              const v = Number(s.value);
              if (s.total) { base.push(0); bars.push(v); running = v; }
              else { base.push(v >= 0 ? running : running + v); bars.push(Math.abs(v)); running += v; }
            }
            const chart = echarts.init(document.getElementById('waterfall'));
            chart.setOption({
              tooltip: {}, xAxis: { type: 'category', data: steps.map(s => s.label) }, yAxis: { type: 'value' },
              series: [
                { type: 'bar', stack: 'w', data: base, itemStyle: { color: 'transparent' } },
                { type: 'bar', stack: 'w', data: bars, label: { show: true, position: 'top' } }
              ]
            });
            document.body.dataset.chart = 'drawn';
            """;

    private static String td(BigDecimal v) {
        return "<td>" + (v == null ? "" : v.toPlainString()) + "</td>";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
