package io.lcpr.graphql.access;

import io.smallrye.graphql.api.ErrorCode;

/** The caller's token does not reach what the operation names: another team's, or finance's. */
@ErrorCode("FORBIDDEN")
public class Forbidden extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
        super(message);
    }
}
