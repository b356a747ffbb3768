package io.parley.message;

import io.parley.api.Clock;
import io.parley.api.ConflictException;
import io.parley.api.ForbiddenException;
import io.parley.api.Ids;
import io.parley.api.Limits;
import io.parley.api.NotFoundException;
import io.parley.api.ValidationException;
import io.parley.config.ParleyConfig;
import io.parley.event.RoomEventLog;
import io.parley.event.RoomEventType;
import io.parley.identity.Caller;
import io.parley.identity.CurrentCaller;
import io.parley.room.RoomAccess;
import io.parley.room.RoomService;
import io.parley.room.RoomService.LockedRoom;
import io.parley.realtime.Committed;
import io.parley.realtime.Publisher;
import io.parley.room.RoomEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Sending, editing, deleting and reading messages. Every write locks the room row, takes
 * the room's next seq and appends the matching event to the room's log in the same
 * transaction, so a message is acknowledged only once it and its event are committed.
 */
@ApplicationScoped
public class MessageService {

    static final int CLIENT_MESSAGE_ID_MAX = 128;

    private final CurrentCaller currentCaller;
    private final RoomService rooms;
    private final MessageRepository messages;
    private final MessageEditRepository edits;
    private final RoomEventLog log;
    private final ParleyConfig config;
    private final Publisher publisher;

    public MessageService(CurrentCaller currentCaller, RoomService rooms, MessageRepository messages,
            MessageEditRepository edits, RoomEventLog log, ParleyConfig config, Publisher publisher) {
        this.currentCaller = currentCaller;
        this.rooms = rooms;
        this.messages = messages;
        this.edits = edits;
        this.log = log;
        this.config = config;
        this.publisher = publisher;
    }

    /** Sends a message; a repeated client message id returns the message first sent with it. */
    public Uni<Message> send(SendMessageInput input) {
        UUID roomId = Ids.uuid(input.roomId(), "room id");
        String body = validBody(input.body());
        String clientMessageId = validClientMessageId(input.clientMessageId());
        return currentCaller.get().chain(caller -> publisher.commit(() -> rooms.lock(caller, roomId).chain(locked -> {
            locked.access().requireMember();
            String authorId = locked.access().caller().id();
            Uni<MessageEntity> earlier = clientMessageId == null
                    ? Uni.createFrom().nullItem()
                    : messages.findSent(roomId, authorId, clientMessageId);
            return earlier.chain(sent -> sent != null
                    ? Uni.createFrom().item(sent)
                    : append(locked, authorId, body, clientMessageId))
                    .map(message -> Committed.of(message.toMessage(), roomId, locked.room().lastSeq));
        })));
    }

    /** Replaces the body of the caller's own message, keeping the earlier version. */
    public Uni<Message> edit(String id, String newBody) {
        UUID messageId = Ids.uuid(id, "message id");
        String body = validBody(newBody);
        return currentCaller.get().chain(caller -> publisher.commit(() -> lockForChange(caller, messageId).chain(change -> {
            MessageEntity message = change.message();
            if (!message.authorId.equals(caller.id())) {
                throw new ForbiddenException("Only the author may edit a message.");
            }
            change.access().requireMember();
            if (message.deletedAt != null) {
                throw new ConflictException("This message was deleted; it can no longer be edited.");
            }
            if (message.body.equals(body)) {
                return Uni.createFrom().item(change.committed());
            }
            MessageEditEntity earlier = new MessageEditEntity();
            earlier.messageId = message.id;
            earlier.body = message.body;
            earlier.writtenAt = message.editedAt != null ? message.editedAt : message.createdAt;
            earlier.replacedAt = Clock.now();
            message.body = body;
            message.editedAt = earlier.replacedAt;
            return edits.persist(earlier)
                    .chain(() -> log.appendNext(change.room(), RoomEventType.MESSAGE_EDITED, earlier.replacedAt,
                            caller.id(), message.id, null))
                    .map(ignored -> change.committed());
        })));
    }

    /** Deletes a message, leaving a tombstone: same id and seq, empty body, no earlier versions. */
    public Uni<Message> delete(String id) {
        UUID messageId = Ids.uuid(id, "message id");
        return currentCaller.get().chain(caller -> publisher.commit(() -> lockForChange(caller, messageId).chain(change -> {
            MessageEntity message = change.message();
            if (!message.authorId.equals(caller.id()) && !change.access().moderatesMessages()) {
                throw new ForbiddenException(
                        "Only the author, the room's owner or moderators, or a global moderator may delete a message.");
            }
            if (message.deletedAt != null) {
                throw new ConflictException("This message was already deleted.");
            }
            message.body = "";
            message.deletedAt = Clock.now();
            message.deletedBy = caller.id();
            return edits.deleteOf(message.id)
                    .chain(() -> log.appendNext(change.room(), RoomEventType.MESSAGE_DELETED, message.deletedAt,
                            caller.id(), message.id, null))
                    .map(ignored -> change.committed());
        })));
    }

    /** A message the caller may read. */
    public Uni<Message> find(String id) {
        UUID messageId = Ids.uuid(id, "message id");
        return currentCaller.get().chain(caller -> messages.read(messageId).chain(message -> {
            if (message == null) {
                throw messageNotFound(messageId);
            }
            return rooms.access(caller, UUID.fromString(message.roomId())).map(access -> {
                if (!access.visible() || !access.readsMessages(config.rooms().publicPreview())) {
                    throw messageNotFound(messageId);
                }
                return message;
            });
        }));
    }

    /**
     * A window of a room's history in ascending seq order: the newest messages, or those
     * before, after or around a seq. Keyset reads on seq, so pages stay stable while others send.
     */
    public Uni<MessagePage> page(String roomId, Long before, Long after, Long around, Integer limit) {
        UUID id = Ids.uuid(roomId, "room id");
        int size = Limits.pageSize(limit, config.messages().pageDefault(), config.messages().pageMax(), "limit");
        int anchors = (before != null ? 1 : 0) + (after != null ? 1 : 0) + (around != null ? 1 : 0);
        if (anchors > 1) {
            throw new ValidationException("Pass at most one of 'before', 'after' and 'around'.");
        }
        for (Long seq : new Long[] {before, after, around}) {
            if (seq != null && seq < 0) {
                throw new ValidationException("A seq cursor must not be negative, was " + seq + ".");
            }
        }
        return currentCaller.get().chain(caller -> rooms.access(caller, id)).chain(access -> {
            access.requireVisible();
            if (!access.readsMessages(config.rooms().publicPreview())) {
                throw new ForbiddenException("You are not a member of this room: join it to read its messages.");
            }
            if (after != null) {
                return Uni.combine().all()
                        .unis(messages.from(id, after + 1, size + 1), messages.anyBefore(id, after + 1))
                        .with((newer, anyBefore) -> new MessagePage(trim(newer, size), anyBefore, newer.size() > size));
            }
            if (around != null) {
                int older = size / 2;
                return Uni.combine().all()
                        .unis(messages.before(id, around, older + 1), messages.from(id, around, size - older + 1))
                        .with((before1, from) -> {
                            List<Message> items = new ArrayList<>(reversed(trim(before1, older)));
                            items.addAll(trim(from, size - older));
                            return new MessagePage(items, before1.size() > older, from.size() > size - older);
                        });
            }
            Uni<Boolean> anyAfter = before == null ? Uni.createFrom().item(false) : messages.anyFrom(id, before);
            return Uni.combine().all()
                    .unis(messages.before(id, before, size + 1), anyAfter)
                    .with((older, more) -> new MessagePage(reversed(trim(older, size)), older.size() > size, more));
        });
    }

    /** The earlier versions of each message, oldest first. */
    public Uni<List<List<MessageEdit>>> edits(List<Message> readableMessages) {
        List<UUID> ids = readableMessages.stream().map(message -> UUID.fromString(message.id())).toList();
        return edits.ofMessages(ids).map(byMessage -> ids.stream()
                .map(id -> byMessage.getOrDefault(id, List.of()))
                .toList());
    }

    private Uni<MessageEntity> append(LockedRoom locked, String authorId, String body, String clientMessageId) {
        MessageEntity message = new MessageEntity();
        message.id = UUID.randomUUID();
        message.roomId = locked.room().id;
        message.seq = log.nextSeq(locked.room());
        message.authorId = authorId;
        message.body = body;
        message.clientMessageId = clientMessageId;
        message.createdAt = Clock.now();
        return messages.persist(message)
                .call(() -> log.append(message.roomId, message.seq, RoomEventType.MESSAGE_CREATED, message.createdAt,
                        authorId, message.id, null));
    }

    /** Locks the message and then its room; a message the caller may not see is not found. */
    private Uni<Change> lockForChange(Caller caller, UUID messageId) {
        return messages.lock(messageId).chain(message -> {
            if (message == null) {
                throw messageNotFound(messageId);
            }
            return rooms.lock(caller, message.roomId).map(locked -> {
                RoomAccess access = locked.access();
                boolean readable = access.visible() && access.readsMessages(config.rooms().publicPreview());
                if (!readable && !caller.staff()) {
                    throw messageNotFound(messageId);
                }
                return new Change(message, locked.room(), access);
            });
        });
    }

    private String validBody(String body) {
        if (body == null || body.isBlank()) {
            throw new ValidationException("A message body must not be empty or only white space.");
        }
        int max = config.messages().maxLength();
        if (body.codePointCount(0, body.length()) > max) {
            throw new ValidationException("A message body must be at most " + max + " characters.");
        }
        if (body.indexOf('\0') >= 0) {
            throw new ValidationException("A message body must not contain the NUL character.");
        }
        return body;
    }

    private static String validClientMessageId(String clientMessageId) {
        if (clientMessageId == null) {
            return null;
        }
        if (clientMessageId.isBlank() || clientMessageId.length() > CLIENT_MESSAGE_ID_MAX
                || clientMessageId.indexOf('\0') >= 0) {
            throw new ValidationException(
                    "A clientMessageId must be 1 to " + CLIENT_MESSAGE_ID_MAX + " characters and not blank.");
        }
        return clientMessageId;
    }

    private static NotFoundException messageNotFound(UUID id) {
        return new NotFoundException("No message has id '" + id + "'.");
    }

    private static List<Message> trim(List<Message> messages, int size) {
        return messages.size() > size ? messages.subList(0, size) : messages;
    }

    private static List<Message> reversed(List<Message> newestFirst) {
        List<Message> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** A message and its room, both locked, with the caller's access to the room. */
    private record Change(MessageEntity message, RoomEntity room, RoomAccess access) {

        /** The message as it now stands, with the room's last seq for live delivery. */
        Committed<Message> committed() {
            return Committed.of(message.toMessage(), room.id, room.lastSeq);
        }
    }
}
