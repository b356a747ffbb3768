package io.parley.api;

import io.smallrye.graphql.api.ErrorCode;

/** A service Parley depends on is down; the request may be retried. */
@ErrorCode("UNAVAILABLE")
public class UnavailableException extends ParleyException {

    public UnavailableException(String message) {
        super(message);
    }
}
