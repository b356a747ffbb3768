package io.parley.room;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/** A room as clients see it. */
@Description("A chat room.")
public record Room(
        @Id @NonNull String id,
        @NonNull String name,
        String topic,
        String description,
        @NonNull Visibility visibility,
        @Ignore String creatorId,
        @NonNull OffsetDateTime createdAt,
        @Description("How many members the room has.") int memberCount,
        @Description("The seq of the room's newest event; resume subscriptions after it.") long lastSeq) {
}
