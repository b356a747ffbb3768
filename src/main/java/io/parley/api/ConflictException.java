package io.parley.api;

import io.smallrye.graphql.api.ErrorCode;

/** The request clashes with the current state; nothing was changed. */
@ErrorCode("CONFLICT")
public class ConflictException extends ParleyException {

    public ConflictException(String message) {
        super(message);
    }
}
