package io.lcpr.delivery.access;

import java.net.http.HttpRequest;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The caller's bearer token, passed on when a service asks another on the caller's behalf (graphql-api's mutations,
 * chargeback's close checks): the other service decides again on the same token, and no service holds a credential
 * of its own that could do more than the caller.
 */
@ApplicationScoped
public class ForwardedToken {
    private final JsonWebToken token;

    public ForwardedToken(JsonWebToken token) {
        this.token = token;
    }

    /** The request with the caller's {@code Authorization} header, unchanged outside a request or without a token. */
    public HttpRequest.Builder onto(HttpRequest.Builder request) {
        if (!Arc.container().requestContext().isActive()) {
            return request;
        }
        String raw = token.getRawToken();
        return raw == null ? request : request.header("Authorization", "Bearer " + raw);
    }
}
