package io.parley.api;

import io.smallrye.graphql.api.ErrorCode;

/** The thing named does not exist or is hidden from the caller. */
@ErrorCode("NOT_FOUND")
public class NotFoundException extends ParleyException {

    public NotFoundException(String message) {
        super(message);
    }
}
