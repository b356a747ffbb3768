package io.parley.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A message row; a deleted message keeps its row and seq with an empty body (the tombstone). */
@Entity
@Table(name = "messages")
public class MessageEntity {

    @Id
    public UUID id;
    @Column(name = "room_id")
    public UUID roomId;
    public long seq;
    @Column(name = "author_id", columnDefinition = "text")
    public String authorId;
    @Column(columnDefinition = "text")
    public String body;
    @Column(name = "client_message_id", columnDefinition = "text")
    public String clientMessageId;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "edited_at")
    public OffsetDateTime editedAt;
    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;
    @Column(name = "deleted_by", columnDefinition = "text")
    public String deletedBy;

    public Message toMessage() {
        return new Message(id.toString(), roomId.toString(), seq, authorId, body, createdAt, editedAt,
                deletedAt != null, clientMessageId);
    }
}
