package io.lcpr.delivery.web;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.lcpr.delivery.DatabaseOutage;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Every service answers a refused request with its reason as {@code {"errors": [...]}}, never an empty body; and a
 * request that finds the database unreachable with 503 and Retry-After at once (a client retries it, nothing was
 * stored), where it would otherwise wait and fail with a 500.
 */
public class ErrorResponses {
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);
    /** When a client should try again after the database was unreachable. */
    static final int RETRY_AFTER_S = 5;

    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity() || e.getMessage() == null) {
            return original;
        }
        return Response.status(original.getStatus()).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("errors", List.of(e.getMessage()))).build();
    }

    /**
     * A JSON body that does not fit the request (an array where text belongs, a word where a number does, nesting
     * past the parser's depth): 400 naming the field, where Quarkus would answer an empty 400.
     */
    // the more specific types named too: Quarkus maps MismatchedInputException to an empty 400 of its own
    @ServerExceptionMapper({ MismatchedInputException.class, JsonMappingException.class, JsonProcessingException.class })
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? m.getPathReference() : null;
        String reason = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        reason = reason.length() > 300 ? reason.substring(0, 300) + "..." : reason;
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON).entity(Map.of("errors",
                List.of((field == null ? "the body is not a readable request" : "the body's " + field
                        + " does not fit the request") + ": " + reason))).build();
    }

    @ServerExceptionMapper({ PersistenceException.class, SQLException.class })
    public Response database(Exception e) {
        if (DatabaseOutage.unreachable(e)) {
            LOG.warnf("the database is unreachable: %s", e.getMessage());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_S)
                    .type(MediaType.APPLICATION_JSON).entity(Map.of("errors", List.of("the database is unreachable;"
                            + " nothing was stored: send the request again"))).build();
        }
        LOG.error("the database refused a request", e);
        return Response.serverError().type(MediaType.APPLICATION_JSON)
                .entity(Map.of("errors", List.of("internal error: see the service log"))).build();
    }
}
