package io.parley.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Storage of users: an upsert from token claims and lookups by id. */
@ApplicationScoped
public class UserRepository {

    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    /** Creates the user, or refreshes their names when the token says otherwise. */
    public Uni<Void> upsert(User user) {
        return pool.preparedQuery("""
                insert into users (id, username, display_name) values ($1, $2, $3)
                on conflict (id) do update
                   set username = excluded.username, display_name = excluded.display_name, updated_at = now()
                 where users.username <> excluded.username or users.display_name <> excluded.display_name
                """)
                .execute(Tuple.of(user.id(), user.username(), user.displayName()))
                .replaceWithVoid();
    }

    /** The users among {@code ids}, keyed by id; unknown ids are absent. */
    public Uni<Map<String, User>> findByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select id, username, display_name from users where id = any($1)")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, User> users = new HashMap<>();
                    for (Row row : rows) {
                        users.put(row.getString("id"), toUser(row));
                    }
                    return users;
                });
    }

    private static User toUser(Row row) {
        return new User(row.getString("id"), row.getString("username"), row.getString("display_name"));
    }
}
