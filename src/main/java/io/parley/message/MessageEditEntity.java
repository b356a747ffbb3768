package io.parley.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An earlier version of a message, kept when an edit replaced it. */
@Entity
@Table(name = "message_edits")
public class MessageEditEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "message_id")
    public UUID messageId;
    @Column(columnDefinition = "text")
    public String body;
    @Column(name = "written_at")
    public OffsetDateTime writtenAt;
    @Column(name = "replaced_at")
    public OffsetDateTime replacedAt;
}
