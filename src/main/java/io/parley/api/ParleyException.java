package io.parley.api;

/**
 * A failure a client can act on. Each subclass carries one GraphQL error code
 * ({@code extensions.code}); its message is shown to the client as written, so it must
 * never contain internals.
 */
public abstract class ParleyException extends RuntimeException {

    protected ParleyException(String message) {
        super(message, null, false, false);
    }
}
