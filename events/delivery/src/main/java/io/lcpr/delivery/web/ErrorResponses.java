package io.lcpr.delivery.web;

import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every service answers a refused request with its reason as {@code {"errors": [...]}}, never an empty body. */
public class ErrorResponses {

    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity() || e.getMessage() == null) {
            return original;
        }
        return Response.status(original.getStatus()).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("errors", List.of(e.getMessage()))).build();
    }
}
