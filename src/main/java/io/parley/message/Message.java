package io.parley.message;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/** A message as clients see it; a deleted one is a tombstone with an empty body. */
@Description("A message in a room. A deleted message keeps its place (seq) with an empty body and deleted: true.")
public record Message(
        @Id @NonNull String id,
        @Id @NonNull String roomId,
        @Description("The message's position in its room's total order.") long seq,
        @Ignore String authorId,
        @NonNull String body,
        @NonNull OffsetDateTime createdAt,
        OffsetDateTime editedAt,
        boolean deleted,
        @Description("The sender's idempotency key, if one was sent.") String clientMessageId) {
}
