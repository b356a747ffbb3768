package io.parley.message;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Storage of messages. Writes go through Hibernate Reactive in the service's transaction;
 * history reads are keyset queries on (room_id, seq) over the reactive pool.
 */
@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<MessageEntity, UUID> {

    private static final String COLUMNS =
            "id, room_id, seq, author_id, body, created_at, edited_at, deleted_at, client_message_id";

    private final Pool pool;

    public MessageRepository(Pool pool) {
        this.pool = pool;
    }

    /** The message, its row locked until the transaction ends. */
    public Uni<MessageEntity> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The message this author already sent to the room under this client message id, or null. */
    public Uni<MessageEntity> findSent(UUID roomId, String authorId, String clientMessageId) {
        return find("roomId = ?1 and authorId = ?2 and clientMessageId = ?3", roomId, authorId, clientMessageId)
                .firstResult();
    }

    /** The message, or null. */
    public Uni<Message> read(UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from messages where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : toMessage(rows.iterator().next()));
    }

    /** Up to {@code limit} messages before {@code seq} (all, when null), newest first. */
    public Uni<List<Message>> before(UUID roomId, Long seq, int limit) {
        return pool.preparedQuery("select " + COLUMNS + """
                 from messages where room_id = $1 and ($2::bigint is null or seq < $2) order by seq desc limit $3
                """)
                .execute(Tuple.of(roomId, seq, limit))
                .map(MessageRepository::toMessages);
    }

    /** Up to {@code limit} messages from {@code seq} on, {@code seq} itself included, oldest first. */
    public Uni<List<Message>> from(UUID roomId, long seq, int limit) {
        return pool.preparedQuery("select " + COLUMNS + """
                 from messages where room_id = $1 and seq >= $2 order by seq limit $3
                """)
                .execute(Tuple.of(roomId, seq, limit))
                .map(MessageRepository::toMessages);
    }

    /** Whether the room has a message before {@code seq}. */
    public Uni<Boolean> anyBefore(UUID roomId, long seq) {
        return exists("select exists (select 1 from messages where room_id = $1 and seq < $2)", roomId, seq);
    }

    /** Whether the room has a message at or after {@code seq}. */
    public Uni<Boolean> anyFrom(UUID roomId, long seq) {
        return exists("select exists (select 1 from messages where room_id = $1 and seq >= $2)", roomId, seq);
    }

    private Uni<Boolean> exists(String sql, UUID roomId, long seq) {
        return pool.preparedQuery(sql).execute(Tuple.of(roomId, seq))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    private static List<Message> toMessages(RowSet<Row> rows) {
        List<Message> messages = new ArrayList<>(rows.size());
        rows.forEach(row -> messages.add(toMessage(row)));
        return messages;
    }

    private static Message toMessage(Row row) {
        return new Message(row.getUUID("id").toString(), row.getUUID("room_id").toString(), row.getLong("seq"),
                row.getString("author_id"), row.getString("body"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("edited_at"), row.getOffsetDateTime("deleted_at") != null,
                row.getString("client_message_id"));
    }
}
