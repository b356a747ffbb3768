package io.parley.identity;

import io.parley.api.NotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads users for the API and for other features' author and member fields. */
@ApplicationScoped
public class UserService {

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

    /** The users with these ids, in the same order; for batch fields of other types. */
    public Uni<List<User>> inOrder(List<String> ids) {
        return users.findByIds(ids.stream().distinct().toList()).map(found -> ids.stream().map(found::get).toList());
    }

    /** The users among {@code ids}, keyed by id. */
    public Uni<Map<String, User>> byIds(Collection<String> ids) {
        return users.findByIds(ids);
    }
}
