package io.parley.api;

import io.smallrye.graphql.api.ErrorCode;

/** The caller has no valid bearer token. */
@ErrorCode("UNAUTHENTICATED")
public class UnauthenticatedException extends ParleyException {

    public UnauthenticatedException(String message) {
        super(message);
    }
}
