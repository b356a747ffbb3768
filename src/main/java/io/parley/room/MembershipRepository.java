package io.parley.room;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Storage of memberships: writes in the service's transaction, batched reads on the pool. */
@ApplicationScoped
public class MembershipRepository implements PanacheRepositoryBase<MembershipEntity, MembershipEntity.Key> {

    private final Pool pool;

    public MembershipRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<MembershipEntity> find(UUID roomId, String userId) {
        return findById(new MembershipEntity.Key(roomId, userId));
    }

    /** The memberships of {@code userId} among these rooms, keyed by room id. */
    public Uni<Map<UUID, Membership>> ofUser(String userId, List<UUID> roomIds) {
        return pool.preparedQuery("""
                select room_id, user_id, role, joined_at from memberships where user_id = $1 and room_id = any($2)
                """)
                .execute(Tuple.of(userId, roomIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Membership> memberships = new HashMap<>();
                    rows.forEach(row -> memberships.put(row.getUUID("room_id"), toMembership(row)));
                    return memberships;
                });
    }

    /**
     * Up to {@code limit} members of each room, in join order, after the keyset position
     * ({@code afterJoinedAt}, {@code afterUserId}) when given; one query for all rooms.
     */
    public Uni<Map<UUID, List<Membership>>> firstMembers(List<UUID> roomIds, OffsetDateTime afterJoinedAt,
            String afterUserId, int limit) {
        return pool.preparedQuery("""
                select room_id, user_id, role, joined_at from (
                    select m.*, row_number() over (partition by m.room_id order by m.joined_at, m.user_id) as rank
                      from memberships m
                     where m.room_id = any($1)
                       and ($2::timestamptz is null or (m.joined_at, m.user_id) > ($2, $3))
                ) ranked
                 where rank <= $4
                 order by room_id, rank
                """)
                .execute(Tuple.of(roomIds.toArray(UUID[]::new), afterJoinedAt, afterUserId, limit))
                .map(rows -> {
                    Map<UUID, List<Membership>> members = new HashMap<>();
                    rows.forEach(row -> members.computeIfAbsent(row.getUUID("room_id"), id -> new ArrayList<>())
                            .add(toMembership(row)));
                    return members;
                });
    }

    private static Membership toMembership(Row row) {
        return new Membership(row.getUUID("room_id").toString(), row.getString("user_id"),
                MemberRole.valueOf(row.getString("role")), row.getOffsetDateTime("joined_at"));
    }
}
