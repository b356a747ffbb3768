package io.parley.realtime;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Runs a write in one transaction and, only once it has committed, announces what changed:
 * to this instance's relay directly, and to the other instances through Redis. Storage
 * first, signal second: a lost signal is repaired from the log, an unsent one is harmless.
 */
@ApplicationScoped
public class Publisher {

    private final RoomRelay rooms;
    private final UserRelay users;
    private final RedisFanout fanout;

    public Publisher(RoomRelay rooms, UserRelay users, RedisFanout fanout) {
        this.rooms = rooms;
        this.users = users;
        this.fanout = fanout;
    }

    /** Runs {@code write} in a transaction, then publishes what it reports and returns its result. */
    public <T> Uni<T> commit(Supplier<Uni<Committed<T>>> write) {
        return Panache.withTransaction(write).invoke(committed -> {
            if (committed.roomId() != null) {
                rooms.announce(committed.roomId(), committed.lastSeq());
                fanout.publish(RoomRelay.CHANNEL_PREFIX + committed.roomId(), Long.toString(committed.lastSeq()))
                        .subscribe().with(ignored -> { });
            }
            committed.userEvents().forEach(users::publish);
        }).map(Committed::result);
    }
}
