package io.parley.api;

import io.smallrye.graphql.api.ErrorCode;

/** The caller is known but may not do this. */
@ErrorCode("FORBIDDEN")
public class ForbiddenException extends ParleyException {

    public ForbiddenException(String message) {
        super(message);
    }
}
