package io.parley.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of a room's append-only event log. It names what changed (a message, a
 * member) rather than copying it, so a replay shows current state and a deleted message's
 * body is gone from the log too.
 */
@Entity
@Table(name = "room_events")
@IdClass(RoomEventEntity.Key.class)
public class RoomEventEntity {

    @Id
    @Column(name = "room_id")
    public UUID roomId;
    @Id
    public long seq;
    @Column(columnDefinition = "text")
    @Enumerated(EnumType.STRING)
    public RoomEventType type;
    public OffsetDateTime at;
    @Column(name = "actor_id", columnDefinition = "text")
    public String actorId;
    @Column(name = "message_id")
    public UUID messageId;
    @Column(name = "subject_user_id", columnDefinition = "text")
    public String subjectUserId;

    /** The composite primary key. */
    public static class Key implements Serializable {

        public UUID roomId;
        public long seq;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && roomId.equals(key.roomId) && seq == key.seq;
        }

        @Override
        public int hashCode() {
            return Objects.hash(roomId, seq);
        }
    }
}
