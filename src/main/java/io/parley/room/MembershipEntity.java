package io.parley.room;

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

/** A user's membership of a room; the row exists while they are a member. */
@Entity
@Table(name = "memberships")
@IdClass(MembershipEntity.Key.class)
public class MembershipEntity {

    @Id
    @Column(name = "room_id")
    public UUID roomId;
    @Id
    @Column(name = "user_id", columnDefinition = "text")
    public String userId;
    @Column(columnDefinition = "text")
    @Enumerated(EnumType.STRING)
    public MemberRole role;
    @Column(name = "joined_at")
    public OffsetDateTime joinedAt;

    public Membership toMembership() {
        return new Membership(roomId.toString(), userId, role, joinedAt);
    }

    /** The composite primary key. */
    public static class Key implements Serializable {

        public UUID roomId;
        public String userId;

        public Key() {
        }

        public Key(UUID roomId, String userId) {
            this.roomId = roomId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && roomId.equals(key.roomId) && userId.equals(key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(roomId, userId);
        }
    }
}
