package io.parley.room;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Storage of rooms. Writes go through Hibernate Reactive inside the service's transaction;
 * reads are plain SQL on the reactive pool, which is safe for GraphQL's concurrent field
 * resolvers because each query borrows its own connection.
 */
@ApplicationScoped
public class RoomRepository implements PanacheRepositoryBase<RoomEntity, UUID> {

    private static final String ROOM_COLUMNS =
            "r.id, r.name, r.topic, r.description, r.visibility, r.creator_id, r.created_at, r.member_count, r.last_seq";

    private final Pool pool;

    public RoomRepository(Pool pool) {
        this.pool = pool;
    }

    /** The room, its row locked until the transaction ends: this serializes the room's writers. */
    public Uni<RoomEntity> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Whether a public room other than {@code exceptId} already has this name, whatever its case. */
    public Uni<Boolean> publicNameTaken(String name, UUID exceptId) {
        return count("visibility = ?1 and lower(name) = lower(?2) and id <> ?3", Visibility.PUBLIC, name, exceptId)
                .map(count -> count > 0);
    }

    /** The room and the role of {@code userId} in it (null role: not a member); null if there is no room. */
    public Uni<RoomView> findView(UUID id, String userId) {
        return pool.preparedQuery("select " + ROOM_COLUMNS + """
                , m.role from rooms r left join memberships m on m.room_id = r.id and m.user_id = $2
                 where r.id = $1
                """)
                .execute(Tuple.of(id, userId))
                .map(rows -> rows.size() == 0 ? null : toView(rows.iterator().next()));
    }

    /**
     * One page of the directory: public rooms and the user's rooms whose name or topic
     * contains {@code pattern} (null: all), ordered by name, after the keyset position
     * ({@code afterName}, {@code afterId}) when given.
     */
    public Uni<List<Room>> directory(String userId, String pattern, String afterName, UUID afterId, int limit) {
        return pool.preparedQuery("select " + ROOM_COLUMNS + """
                 from rooms r left join memberships m on m.room_id = r.id and m.user_id = $1
                 where (r.visibility = 'PUBLIC' or m.user_id is not null)
                   and ($2::text is null or r.name ilike $2 escape '\\' or r.topic ilike $2 escape '\\')
                   and ($3::text is null or (lower(r.name), r.id) > ($3, $4))
                 order by lower(r.name), r.id
                 limit $5
                """)
                .execute(Tuple.of(userId, pattern, afterName, afterId, limit))
                .map(rows -> {
                    List<Room> rooms = new ArrayList<>();
                    rows.forEach(row -> rooms.add(toRoom(row)));
                    return rooms;
                });
    }

    /** The rooms with these ids, keyed by id. */
    public Uni<Map<UUID, Room>> findByIds(List<UUID> ids) {
        return pool.preparedQuery("select " + ROOM_COLUMNS + " from rooms r where r.id = any($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Room> rooms = new HashMap<>();
                    rows.forEach(row -> rooms.put(row.getUUID("id"), toRoom(row)));
                    return rooms;
                });
    }

    private static RoomView toView(Row row) {
        String role = row.getString("role");
        return new RoomView(toRoom(row), role == null ? null : MemberRole.valueOf(role));
    }

    private static Room toRoom(Row row) {
        return new Room(row.getUUID("id").toString(), row.getString("name"), row.getString("topic"),
                row.getString("description"), Visibility.valueOf(row.getString("visibility")),
                row.getString("creator_id"), row.getOffsetDateTime("created_at"), row.getInteger("member_count"),
                row.getLong("last_seq"));
    }

    /** A room with the role of the user who asked (null when not a member). */
    public record RoomView(Room room, MemberRole role) {
    }
}
