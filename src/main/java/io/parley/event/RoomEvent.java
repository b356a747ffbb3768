package io.parley.event;

import io.parley.message.Message;
import io.parley.room.Membership;
import io.parley.room.Room;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * A durable event of a room as subscribers see it. It carries the current state of what
 * it names (so a replayed MESSAGE_CREATED of a since-deleted message is a tombstone).
 */
@Description("A durable event of a room, in the room's total order (seq). Message and room events carry the "
        + "message or room as it is now; membership events name the member in 'user'.")
public record RoomEvent(
        @Id @NonNull String roomId,
        @Description("The event's position in the room's total order; resume after it with afterSeq.") long seq,
        @NonNull RoomEventType type,
        @NonNull OffsetDateTime at,
        @Ignore String actorId,
        @Ignore String subjectUserId,
        @Description("The message, for MESSAGE_* events.") Message message,
        @Description("The membership, for MEMBER_JOINED while the member is still in the room.") Membership membership,
        @Description("The room.") @NonNull Room room) {
}
