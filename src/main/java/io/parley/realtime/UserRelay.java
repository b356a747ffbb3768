package io.parley.realtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Delivers events addressed to one user to all of that user's connections on any instance,
 * through one Redis channel per user with local subscribers. These notices are live-only
 * (not durable): what they announce can always be read back through queries.
 */
@ApplicationScoped
public class UserRelay {

    private static final Logger LOG = Logger.getLogger(UserRelay.class);
    private static final String CHANNEL_PREFIX = "parley:user:";

    private final RedisFanout fanout;
    private final MeterRegistry meters;
    private final Map<String, Listeners> listeners = new ConcurrentHashMap<>();

    public UserRelay(RedisFanout fanout, MeterRegistry meters) {
        this.fanout = fanout;
        this.meters = meters;
    }

    /** The user's events from now on. */
    public Multi<UserEvent> subscribe(String userId, int maxPending) {
        return Multi.createFrom().emitter(emitter -> {
            Listeners group = join(userId, emitter);
            emitter.onTermination(() -> leave(userId, group, emitter));
        }, maxPending);
    }

    /** Sends the event to every connection of its user, on every instance. */
    public void publish(UserEvent event) {
        fanout.publish(CHANNEL_PREFIX + event.userId(), event.toJson().encode()).subscribe().with(ignored -> { });
    }

    private Listeners join(String userId, MultiEmitter<? super UserEvent> emitter) {
        while (true) {
            Listeners[] created = new Listeners[1];
            Listeners group = listeners.computeIfAbsent(userId, id -> created[0] = new Listeners());
            synchronized (group) {
                if (group.closed) {
                    listeners.remove(userId, group);
                    continue;
                }
                group.emitters.add(emitter);
            }
            if (created[0] == group) {
                fanout.subscribe(CHANNEL_PREFIX + userId, group.handler);
            }
            return group;
        }
    }

    private void leave(String userId, Listeners group, MultiEmitter<? super UserEvent> emitter) {
        boolean close;
        synchronized (group) {
            group.emitters.remove(emitter);
            close = group.emitters.isEmpty() && !group.closed;
            group.closed |= close;
        }
        if (close) {
            listeners.remove(userId, group);
            fanout.unsubscribe(CHANNEL_PREFIX + userId, group.handler);
        }
    }

    /** One user's connections on this instance. Guarded by its own lock. */
    private final class Listeners {

        final Set<MultiEmitter<? super UserEvent>> emitters = ConcurrentHashMap.newKeySet();
        final Consumer<String> handler = this::deliver;
        boolean closed;

        private void deliver(String message) {
            UserEvent event;
            try {
                event = UserEvent.fromJson(new JsonObject(message));
            } catch (RuntimeException e) {
                meters.counter("parley.realtime.user.events.malformed").increment();
                LOG.debugf("Ignoring a malformed user event: %s", e.getMessage());
                return;
            }
            synchronized (this) {
                emitters.forEach(emitter -> emitter.emit(event));
            }
        }
    }
}
