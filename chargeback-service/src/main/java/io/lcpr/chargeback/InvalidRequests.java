package io.lcpr.chargeback;

import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.core.Response;

/**
 * Every chargeback-service resource refuses a request its service finds invalid (an IllegalArgumentException naming
 * the field and why) with 400 {@code {"error": "..."}}.
 */
public class InvalidRequests {

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", String.valueOf(e.getMessage())))
                .build();
    }
}
