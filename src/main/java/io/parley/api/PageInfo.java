package io.parley.api;

/** Relay page information of a connection. */
public record PageInfo(boolean hasNextPage, String endCursor) {
}
