package io.lcpr.reconcile.goodput;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Goodput of load tests: {@code GET /api/goodput?runs=a,b&ttft_ms=&tpot_ms=&e2e_ms=&operating_rps=} (JSON),
 * {@code /api/goodput/page.html?...} (the curves), {@code GET /api/goodput/runs} (what has been load tested) and a
 * vendor's throughput claim for a route ({@code PUT /api/goodput/claims/{route}}
 * {@code {"output_tokens_per_second", "source"}}).
 */
@Path("/api/goodput")
public class GoodputResource {
    private final GoodputService goodput;

    public GoodputResource(GoodputService goodput) {
        this.goodput = goodput;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public GoodputService.Report analyse(@QueryParam("runs") String runs, @QueryParam("ttft_ms") Long ttftMs,
            @QueryParam("tpot_ms") Double tpotMs, @QueryParam("e2e_ms") Long e2eMs,
            @QueryParam("operating_rps") Double operatingRps) {
        return goodput.analyse(split(runs), ttftMs, tpotMs, e2eMs, operatingRps);
    }

    @GET
    @Path("/page.html")
    @Produces(MediaType.TEXT_HTML)
    public String page(@QueryParam("runs") String runs, @QueryParam("ttft_ms") Long ttftMs,
            @QueryParam("tpot_ms") Double tpotMs, @QueryParam("e2e_ms") Long e2eMs,
            @QueryParam("operating_rps") Double operatingRps) {
        return GoodputPage.html(goodput.analyse(split(runs), ttftMs, tpotMs, e2eMs, operatingRps));
    }

    @GET
    @Path("/runs")
    @Produces(MediaType.APPLICATION_JSON)
    public List<LoadTestRepository.RunSummary> runs() {
        return goodput.runs();
    }

    @PUT
    @Path("/claims/{route: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> claim(@PathParam("route") String route, Map<String, Object> body) {
        Object v = body == null ? null : body.get("output_tokens_per_second");
        BigDecimal tps = v instanceof Number n ? new BigDecimal(n.toString()) : null;
        String source = body == null ? null : (String) body.get("source");
        goodput.claim(route, tps, source);
        return Map.of("route", route, "output_tokens_per_second", tps, "source", source);
    }

    private static List<String> split(String runs) {
        return runs == null ? List.of() : Arrays.stream(runs.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }
}
