package io.parley.event;

import io.parley.message.Message;
import io.parley.room.MemberRole;
import io.parley.room.Membership;
import io.parley.room.Room;
import io.parley.room.RoomEntity;
import io.parley.room.Visibility;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import io.parley.api.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A room's durable event log: appends in the writer's transaction, reads for replay and relay. Each append takes the room's next seq, so the
 * caller MUST hold the room row's lock (see {@code RoomRepository.lock}) in the current
 * transaction: that lock is what makes seqs gapless and totally ordered per room.
 */
@ApplicationScoped
public class RoomEventLog implements PanacheRepositoryBase<RoomEventEntity, RoomEventEntity.Key> {

    private final Pool pool;

    public RoomEventLog(Pool pool) {
        this.pool = pool;
    }

    /**
     * Up to {@code limit} events of the room after {@code afterSeq}, in seq order, each with
     * the current state of its message, membership and room; one query.
     */
    public Uni<List<RoomEvent>> readAfter(UUID roomId, long afterSeq, int limit) {
        return pool.preparedQuery("""
                select e.seq, e.type, e.at, e.actor_id, e.subject_user_id,
                       m.id as m_id, m.seq as m_seq, m.author_id, m.body, m.created_at as m_created_at, m.edited_at,
                       m.deleted_at, m.client_message_id,
                       ms.role, ms.joined_at,
                       r.name, r.topic, r.description, r.visibility, r.creator_id, r.created_at as r_created_at,
                       r.member_count, r.last_seq
                  from room_events e
                  join rooms r on r.id = e.room_id
                  left join messages m on m.id = e.message_id
                  left join memberships ms on ms.room_id = e.room_id and ms.user_id = e.subject_user_id
                       and e.type = 'MEMBER_JOINED'
                 where e.room_id = $1 and e.seq > $2
                 order by e.seq
                 limit $3
                """)
                .execute(Tuple.of(roomId, afterSeq, limit))
                .map(rows -> {
                    List<RoomEvent> events = new ArrayList<>(rows.size());
                    rows.forEach(row -> events.add(toEvent(roomId, row)));
                    return events;
                });
    }

    /** The seq of each room's newest event, keyed by room id. */
    public Uni<Map<UUID, Long>> lastSeqs(Collection<UUID> roomIds) {
        return pool.preparedQuery("select id, last_seq from rooms where id = any($1)")
                .execute(Tuple.of(roomIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Long> seqs = new HashMap<>();
                    rows.forEach(row -> seqs.put(row.getUUID("id"), row.getLong("last_seq")));
                    return seqs;
                });
    }

    private static RoomEvent toEvent(UUID roomId, Row row) {
        String id = roomId.toString();
        Message message = row.getUUID("m_id") == null ? null : new Message(row.getUUID("m_id").toString(), id,
                row.getLong("m_seq"), row.getString("author_id"), row.getString("body"),
                row.getOffsetDateTime("m_created_at"), row.getOffsetDateTime("edited_at"),
                row.getOffsetDateTime("deleted_at") != null, row.getString("client_message_id"));
        Membership membership = row.getString("role") == null ? null : new Membership(id,
                row.getString("subject_user_id"), MemberRole.valueOf(row.getString("role")),
                row.getOffsetDateTime("joined_at"));
        Room room = new Room(id, row.getString("name"), row.getString("topic"), row.getString("description"),
                Visibility.valueOf(row.getString("visibility")), row.getString("creator_id"),
                row.getOffsetDateTime("r_created_at"), row.getInteger("member_count"), row.getLong("last_seq"));
        return new RoomEvent(id, row.getLong("seq"), RoomEventType.valueOf(row.getString("type")),
                row.getOffsetDateTime("at"), row.getString("actor_id"), row.getString("subject_user_id"),
                message, membership, room);
    }

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
