package io.parley.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A room row; {@code lastSeq} is the room's total order, advanced under the row lock. */
@Entity
@Table(name = "rooms")
public class RoomEntity {

    @Id
    public UUID id;
    @Column(columnDefinition = "text")
    public String name;
    @Column(columnDefinition = "text")
    public String topic;
    @Column(columnDefinition = "text")
    public String description;
    @Column(columnDefinition = "text")
    @Enumerated(EnumType.STRING)
    public Visibility visibility;
    @Column(name = "creator_id", columnDefinition = "text")
    public String creatorId;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "member_count")
    public int memberCount;
    @Column(name = "last_seq")
    public long lastSeq;

    public Room toRoom() {
        return new Room(id.toString(), name, topic, description, visibility, creatorId, createdAt, memberCount, lastSeq);
    }
}
