package io.lcpr.reconcile.goodput;

import static io.lcpr.delivery.web.Pages.esc;
import static io.lcpr.delivery.web.Pages.td;

import java.util.Map;

import io.lcpr.delivery.web.Pages;
import io.lcpr.events.EventJson;

/** Goodput as a page: goodput and throughput by offered rate, cost per accepted result by rate, the table and pick. */
final class GoodputPage {
    private GoodputPage() {
    }

    static String html(GoodputService.Report report) {
        GoodputAnalysis.Result r = report.analysis();
        StringBuilder s = Pages.head("Goodput", "");
        s.append("<h1>Goodput</h1><p id=\"slo\">SLO: TTFT ").append(r.slo().ttftMs() == null ? "-" : r.slo().ttftMs()
                + " ms").append(", TPOT ").append(r.slo().tpotMs() == null ? "-" : r.slo().tpotMs() + " ms")
                .append(", E2E ").append(r.slo().e2eMs() == null ? "-" : r.slo().e2eMs() + " ms")
                .append("; quality gate: the workload's acceptance</p>");
        s.append("<p id=\"pick\">Pick at the operating point: <strong>").append(esc(r.pick())).append("</strong> (")
                .append(esc(r.why())).append("); highest throughput: ").append(esc(r.highestThroughput()))
                .append("</p>");
        s.append("<div id=\"goodput\" class=\"chart\"></div><div id=\"cost\" class=\"chart\"></div>");
        s.append("<table id=\"routes\"><tr><th>Route</th><th>Capacity ceiling (req/s)</th><th>Claimed tokens/s</th>"
                + "<th>Measured tokens/s</th><th>Transfer gap</th></tr>");
        r.routes().forEach(x -> s.append("<tr><td>").append(esc(x.route())).append("</td>")
                .append(td(x.capacityCeilingRps(), "%.1f")).append(td(x.claimedOutputTokensPerSecond(), "%.0f"))
                .append(td(x.measuredOutputTokensPerSecond(), "%.0f"))
                .append(td(x.transferGap() == null ? null : x.transferGap() * 100, "%.1f%%")).append("</tr>"));
        s.append("</table><table id=\"steps\"><tr><th>Route</th><th>Offered req/s</th><th>Throughput req/s</th>"
                + "<th>Output tokens/s</th><th>Goodput</th><th>Cost per accepted</th><th>Quality pass</th>"
                + "<th>SLO met</th></tr>");
        r.routes().forEach(x -> x.steps().forEach(p -> s.append("<tr><td>").append(esc(x.route())).append("</td>")
                .append(td(p.rateRps(), "%.1f")).append(td(p.throughputRps(), "%.2f"))
                .append(td(p.outputTokensPerSecond(), "%.0f")).append(td(p.goodputRps(), "%.2f"))
                .append(td(p.costPerAccepted(), "%.5f"))
                .append(td(p.qualityPassRate() == null ? null : p.qualityPassRate() * 100, "%.1f%%"))
                .append(td(p.sloAttainment() == null ? null : p.sloAttainment() * 100, "%.1f%%")).append("</tr>")));
        s.append("</table>").append(Pages.data("data", EventJson.write(Map.of("routes", r.routes()))))
                .append("<script>").append(Pages.READ_JSON).append("""
                        const routes = readJson('data').routes;
                        function curve(id, title, pick) {
                          const chart = echarts.init(document.getElementById(id));
                          chart.setOption({
                            title: { text: title }, tooltip: { trigger: 'axis' }, legend: { top: 24 },
                            xAxis: { type: 'value', name: 'offered req/s' }, yAxis: { type: 'value' },
                            series: routes.flatMap(r => pick(r))
                          });
                        }
                        curve('goodput', 'Goodput and throughput by offered rate', r => [
                          { name: r.route + ' goodput', type: 'line', data: r.steps.map(s => [s.rateRps, s.goodputRps]) },
                          { name: r.route + ' throughput', type: 'line', lineStyle: { type: 'dashed' },
                            data: r.steps.map(s => [s.rateRps, s.throughputRps]) }]);
                        curve('cost', 'Cost per accepted result by offered rate', r => [
                          { name: r.route, type: 'line', data: r.steps.map(s => [s.rateRps, s.costPerAccepted]) }]);
                        document.body.dataset.chart = 'drawn';
                        </script></body></html>""");
        return s.toString();
    }
}
