package io.parley.room;

import io.parley.api.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.NonNull;

/** One page of rooms, Relay style. */
public record RoomConnection(@NonNull List<@NonNull RoomEdge> edges, @NonNull PageInfo pageInfo) {

    /** A room and the cursor to continue after it. */
    public record RoomEdge(@NonNull String cursor, @NonNull Room node) {
    }
}
