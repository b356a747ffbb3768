package io.parley.api;

import io.smallrye.graphql.api.ErrorCode;

/** The input is malformed or out of range; nothing was changed. */
@ErrorCode("VALIDATION")
public class ValidationException extends ParleyException {

    public ValidationException(String message) {
        super(message);
    }
}
