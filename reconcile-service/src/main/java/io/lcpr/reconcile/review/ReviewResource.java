package io.lcpr.reconcile.review;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The monthly review pack: {@code GET /api/reviews/{period}} as JSON, {@code .../pack.html} as a page; an action's
 * completion ({@code PUT .../actions/{workload}/{kind}} {@code {"status": "done", "note": "..."}}); and the limits
 * the capacity section compares with ({@code PUT /api/capacity-limits/model/{provider}/{model}} or
 * {@code .../endpoint/{ref}} with {@code requests_per_minute}, {@code tokens_per_minute}, {@code tokens_per_hour}).
 */
@Path("/api")
public class ReviewResource {
    private final ReviewService reviews;

    public ReviewResource(ReviewService reviews) {
        this.reviews = reviews;
    }

    @GET
    @Path("/reviews/{period}")
    @Produces(MediaType.APPLICATION_JSON)
    public ReviewPack pack(@PathParam("period") String period) {
        return reviews.pack(period);
    }

    @GET
    @Path("/reviews/{period}/pack.html")
    @Produces(MediaType.TEXT_HTML)
    public String page(@PathParam("period") String period) {
        return ReviewPage.html(reviews.pack(period));
    }

    @PUT
    @Path("/reviews/{period}/actions/{workload}/{kind}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> action(@PathParam("period") String period, @PathParam("workload") String workload,
            @PathParam("kind") String kind, Map<String, String> body) {
        if (body == null) {
            throw new IllegalArgumentException("body: {\"status\": \"open|done|dropped\", \"note\": \"...\"} required");
        }
        String status = body.get("status");
        reviews.setActionStatus(period, workload, kind, status, body.get("note"));
        return Map.of("period", period, "workload", workload, "kind", kind, "status", status);
    }

    @PUT
    @Path("/capacity-limits/{kind}/{ref: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReviewRepository.Limit limit(@PathParam("kind") String kind, @PathParam("ref") String ref,
            Map<String, Object> body) {
        ReviewRepository.Limit l = new ReviewRepository.Limit(kind, ref, number(body, "requests_per_minute"),
                number(body, "tokens_per_minute"), number(body, "tokens_per_hour"),
                body == null ? null : (String) body.get("source"));
        reviews.putLimit(l);
        return l;
    }

    private static Long number(Map<String, Object> body, String key) {
        Object v = body == null ? null : body.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.longValue() <= 0) {
            throw new IllegalArgumentException(key + ": must be a positive number, not '" + v + "'");
        }
        return n.longValue();
    }
}
