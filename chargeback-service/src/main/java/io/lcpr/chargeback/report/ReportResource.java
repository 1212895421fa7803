package io.lcpr.chargeback.report;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A team's monthly report: {@code .../report?team=} as JSON, {@code .../report.html?team=} as a page. */
@Path("/api/chargeback/periods/{period}")
public class ReportResource {
    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("/report")
    @Produces(MediaType.APPLICATION_JSON)
    public MonthlyReport report(@PathParam("period") String period, @QueryParam("team") String team) {
        return reports.report(period, team);
    }

    @GET
    @Path("/report.html")
    @Produces(MediaType.TEXT_HTML)
    public String page(@PathParam("period") String period, @QueryParam("team") String team) {
        return ReportPage.html(reports.report(period, team));
    }
}
