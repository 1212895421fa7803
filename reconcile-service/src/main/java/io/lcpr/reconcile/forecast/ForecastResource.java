package io.lcpr.reconcile.forecast;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The assumption register ({@code PUT /api/forecast/assumptions/{name}}), scenarios combining its entries
 * ({@code PUT /api/forecast/scenarios/{name}} {@code {"description", "assumptions": [names]}}), a scenario's forecast
 * previewed ({@code GET .../scenarios/{name}/forecast?base_period=&months=}) or kept ({@code POST /api/forecasts}
 * {@code {"scenario", "base_period", "months"}}), and a kept forecast against a month
 * ({@code GET /api/forecasts/{id}/accuracy?period=}, or the newest covering one: {@code /api/forecasts/variance}).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ForecastResource {
    private final ForecastService forecasts;

    public ForecastResource(ForecastService forecasts) {
        this.forecasts = forecasts;
    }

    @PUT
    @Path("/forecast/assumptions/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Assumption assumption(@PathParam("name") String name, Assumption body) {
        if (body == null) {
            throw new IllegalArgumentException("body: an assumption is required");
        }
        return forecasts.putAssumption(name, body);
    }

    @GET
    @Path("/forecast/assumptions")
    public List<Assumption> register() {
        return forecasts.register();
    }

    @PUT
    @Path("/forecast/scenarios/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @SuppressWarnings("unchecked")
    public ForecastRepository.Scenario scenario(@PathParam("name") String name, Map<String, Object> body) {
        if (body == null) {
            throw new IllegalArgumentException("body: {\"description\": \"...\", \"assumptions\": [...]} required");
        }
        return forecasts.putScenario(name, (String) body.get("description"), (List<String>) body.get("assumptions"));
    }

    @GET
    @Path("/forecast/scenarios/{name}/forecast")
    public Forecast preview(@PathParam("name") String name, @QueryParam("base_period") String basePeriod,
            @QueryParam("months") @DefaultValue("3") int months) {
        return forecasts.preview(name, basePeriod, months);
    }

    @POST
    @Path("/forecasts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response make(Map<String, Object> body) {
        if (body == null || body.get("scenario") == null || body.get("base_period") == null) {
            throw new IllegalArgumentException("scenario and base_period are required");
        }
        Object months = body.getOrDefault("months", 3);
        if (!(months instanceof Number n)) {
            throw new IllegalArgumentException("months: must be a number, not '" + months + "'");
        }
        return Response.status(Response.Status.CREATED).entity(forecasts.make((String) body.get("scenario"),
                (String) body.get("base_period"), n.intValue())).build();
    }

    @GET
    @Path("/forecasts/{id}")
    public Forecast get(@PathParam("id") UUID id) {
        return forecasts.get(id);
    }

    @GET
    @Path("/forecasts/{id}/accuracy")
    public Accuracy accuracy(@PathParam("id") UUID id, @QueryParam("period") String period) {
        return forecasts.accuracy(id, period);
    }

    @GET
    @Path("/forecasts/variance")
    public Accuracy variance(@QueryParam("period") String period) {
        return forecasts.variance(period).orElseThrow(() -> new NotFoundException("no kept forecast covers "
                + period));
    }
}
