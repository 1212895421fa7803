package io.lcpr.graphql.owner;

import org.eclipse.microprofile.graphql.GraphQLException;

import io.smallrye.graphql.api.ErrorCode;

/**
 * What the owning service answered instead of doing a forwarded mutation, as an error a client can act on: its
 * message is the owner's, its {@code extensions.code} one of the subclasses' codes.
 */
public abstract class OwnerException extends GraphQLException {
    private static final long serialVersionUID = 1L;

    OwnerException(String message) {
        super(message);
    }

    /** The owner refused the input (400): fix the named field and retry. */
    @ErrorCode("BAD_USER_INPUT")
    public static class Invalid extends OwnerException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** The owner refused the caller's token (401, 403): another team's, or a role it is not for. */
    @ErrorCode("FORBIDDEN")
    public static class Refused extends OwnerException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** What the mutation names does not exist at the owner (404). */
    @ErrorCode("NOT_FOUND")
    public static class NotFound extends OwnerException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    /** The owner's state forbids it now (409: a month that cannot close yet); the reasons are in the message. */
    @ErrorCode("CONFLICT")
    public static class Conflict extends OwnerException {
        private static final long serialVersionUID = 1L;

        Conflict(String message) {
            super(message);
        }
    }

    /** The owner did not answer or failed (5xx): retry later; nothing was done that the owner did not say. */
    @ErrorCode("OWNER_UNAVAILABLE")
    public static class Unavailable extends OwnerException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }
}
