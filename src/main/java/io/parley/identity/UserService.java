package io.parley.identity;

import io.parley.api.NotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads users for the API and for other features' author and member fields. Names are
 * cached per instance for a minute: live delivery resolves an author per subscriber per
 * event, and that must not cost a query each time.
 */
@ApplicationScoped
public class UserService {

    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int CACHE_MAX = 50_000;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private final CurrentCaller currentCaller;
    private final UserRepository users;

    public UserService(CurrentCaller currentCaller, UserRepository users) {
        this.currentCaller = currentCaller;
        this.users = users;
    }

    public Uni<User> me() {
        return currentCaller.get().map(Caller::asUser);
    }

    public Uni<User> find(String id) {
        return currentCaller.get()
                .chain(() -> users.findByIds(List.of(id)))
                .map(found -> {
                    User user = found.get(id);
                    if (user == null) {
                        throw new NotFoundException("No user has id '" + id + "'.");
                    }
                    return user;
                });
    }

    /** The users with these ids, in the same order, from the cache where fresh; for batch fields of other types. */
    public Uni<List<User>> inOrder(List<String> ids) {
        long now = System.nanoTime();
        List<String> missing = ids.stream().filter(Objects::nonNull).distinct().filter(id -> {
            Cached cached = cache.get(id);
            return cached == null || cached.expiresAt() - now < 0;
        }).toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().item(ids.stream().map(this::cachedUser).toList());
        }
        return users.findByIds(missing).map(found -> {
            if (cache.size() > CACHE_MAX) {
                cache.clear();
            }
            found.values().forEach(user -> cache.put(user.id(), new Cached(user, now + CACHE_NANOS)));
            return ids.stream().map(id -> id != null && found.containsKey(id) ? found.get(id) : cachedUser(id)).toList();
        });
    }

    private User cachedUser(String id) {
        Cached cached = id == null ? null : cache.get(id);
        return cached == null ? null : cached.user();
    }

    /** The users among {@code ids}, keyed by id. */
    public Uni<Map<String, User>> byIds(Collection<String> ids) {
        return users.findByIds(ids);
    }

    /** A user and when their cached names go stale. */
    private record Cached(User user, long expiresAt) {
    }
}
