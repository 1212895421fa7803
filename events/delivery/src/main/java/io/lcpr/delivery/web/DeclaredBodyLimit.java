package io.lcpr.delivery.web;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lcpr.events.EventJson;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request whose Content-Length is above the HTTP layer's body limit ({@code quarkus.http.limits.max-body-size}) is
 * refused with 413 and the limit in {@code {"errors": [...]}}, before a byte of it is read. The HTTP layer's own check
 * answers the same request with an empty 413, which a sender cannot act on; this one runs just before it.
 */
@ApplicationScoped
public class DeclaredBodyLimit {
    private final long limitBytes;

    public DeclaredBodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size",
            defaultValue = "10240K") MemorySize limit) {
        this.limitBytes = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    void check(RoutingContext rc) {
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1; // the HTTP layer refuses a malformed length itself
        }
        if (length <= limitBytes) {
            rc.next();
            return;
        }
        rc.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close") // the body is not read: the connection cannot be reused
                .end(EventJson.write(Map.of("errors", List.of("the body declares " + length + " bytes; the limit is "
                        + limitBytes + " bytes (quarkus.http.limits.max-body-size): send smaller batches"))));
    }
}
