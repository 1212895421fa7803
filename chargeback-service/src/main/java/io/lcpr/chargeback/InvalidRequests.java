package io.lcpr.chargeback;

import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.core.Response;

/**
 * Every chargeback-service resource refuses a request its service finds invalid (an IllegalArgumentException naming
 * the field and why) with 400 {@code {"error": "..."}}; one the month's state forbids (not closed yet) with 409; a
 * close the controls refuse with 409 and every reason.
 */
public class InvalidRequests {

    @ServerExceptionMapper
    public Response refused(io.lcpr.chargeback.close.CloseRefusedException e) {
        return Response.status(Response.Status.CONFLICT).entity(Map.of("error", e.getMessage(), "reasons",
                e.reasons())).build();
    }

    @ServerExceptionMapper
    public Response conflict(IllegalStateException e) {
        return Response.status(Response.Status.CONFLICT).entity(Map.of("error", String.valueOf(e.getMessage())))
                .build();
    }

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", String.valueOf(e.getMessage())))
                .build();
    }
}
