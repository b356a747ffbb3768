package io.parley.event;

import io.parley.room.RoomEntity;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.parley.api.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Appends durable events to a room's log. Each append takes the room's next seq, so the
 * caller MUST hold the room row's lock (see {@code RoomRepository.lock}) in the current
 * transaction: that lock is what makes seqs gapless and totally ordered per room.
 */
@ApplicationScoped
public class RoomEventLog implements PanacheRepositoryBase<RoomEventEntity, RoomEventEntity.Key> {

    /** Appends an event at the room's next seq and returns it. */
    public Uni<RoomEventEntity> appendNext(RoomEntity lockedRoom, RoomEventType type, OffsetDateTime at, String actorId,
            UUID messageId, String subjectUserId) {
        return append(lockedRoom.id, nextSeq(lockedRoom), type, at, actorId, messageId, subjectUserId);
    }

    /** Appends an event at a seq already taken with {@link #nextSeq}. */
    public Uni<RoomEventEntity> append(UUID roomId, long seq, RoomEventType type, OffsetDateTime at, String actorId,
            UUID messageId, String subjectUserId) {
        RoomEventEntity event = new RoomEventEntity();
        event.roomId = roomId;
        event.seq = seq;
        event.type = type;
        event.at = at;
        event.actorId = actorId;
        event.messageId = messageId;
        event.subjectUserId = subjectUserId;
        return persist(event);
    }

    /** Takes the room's next seq, for a message that must carry the seq of its own event. */
    public long nextSeq(RoomEntity lockedRoom) {
        lockedRoom.lastSeq += 1;
        lockedRoom.updatedAt = Clock.now();
        return lockedRoom.lastSeq;
    }
}
