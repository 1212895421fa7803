package io.lcpr.graphql.access;

import io.smallrye.graphql.api.ErrorCode;

/**
 * No valid bearer token. Over HTTP the request is answered 401 before it reaches GraphQL; this is what a WebSocket
 * subscription without a token in its {@code connection_init} payload receives.
 */
@ErrorCode("UNAUTHENTICATED")
public class Unauthenticated extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unauthenticated(String message) {
        super(message);
    }
}
