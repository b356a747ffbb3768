package io.parley.message;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Storage of messages' earlier versions. */
@ApplicationScoped
public class MessageEditRepository implements PanacheRepositoryBase<MessageEditEntity, Long> {

    private final Pool pool;

    public MessageEditRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Long> deleteOf(UUID messageId) {
        return delete("messageId", messageId);
    }

    /** The earlier versions of each message, oldest first, keyed by message id; one query for all. */
    public Uni<Map<UUID, List<MessageEdit>>> ofMessages(List<UUID> messageIds) {
        return pool.preparedQuery("""
                select message_id, body, written_at, replaced_at from message_edits
                 where message_id = any($1) order by message_id, id
                """)
                .execute(Tuple.of(messageIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<MessageEdit>> edits = new HashMap<>();
                    rows.forEach(row -> edits.computeIfAbsent(row.getUUID("message_id"), id -> new ArrayList<>())
                            .add(new MessageEdit(row.getString("body"), row.getOffsetDateTime("written_at"),
                                    row.getOffsetDateTime("replaced_at"))));
                    return edits;
                });
    }
}
