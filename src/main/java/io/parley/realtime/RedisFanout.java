package io.parley.realtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Redis pub/sub between Parley instances. Publishing is best effort: a failed publish is
 * logged and counted, never surfaced, because the committed event log is the truth and
 * subscribers repair from it. Subscriptions share one dedicated connection per instance;
 * when it drops, it is re-established with back-off, every channel is subscribed again,
 * and the reconnect listeners run so relays can catch up on what they missed meanwhile.
 */
@ApplicationScoped
public class RedisFanout {

    private static final Logger LOG = Logger.getLogger(RedisFanout.class);
    private static final long MIN_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final Redis redis;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private final Map<String, Consumer<String>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();

    private volatile RedisConnection connection;
    private volatile boolean connecting;
    private volatile boolean stopped;
    private long backoffMs = MIN_BACKOFF_MS;

    public RedisFanout(Redis redis, Vertx vertx, MeterRegistry meters) {
        this.redis = redis;
        this.vertx = vertx;
        this.meters = meters;
    }

    void start(@Observes StartupEvent event) {
        connect();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        RedisConnection current = connection;
        if (current != null) {
            current.closeAndForget();
        }
    }

    /** Publishes a message; never fails (see the class comment). */
    public Uni<Void> publish(String channel, String message) {
        return redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(message))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    meters.counter("parley.redis.publish.failures").increment();
                    LOG.debugf("Redis publish to %s failed: %s", channel, failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Delivers the channel's messages to {@code handler} (on an event loop) until unsubscribed. */
    public void subscribe(String channel, Consumer<String> handler) {
        handlers.put(channel, handler);
        send(Command.SUBSCRIBE, channel);
    }

    /** Stops delivering the channel, if {@code handler} is still the one subscribed to it. */
    public void unsubscribe(String channel, Consumer<String> handler) {
        if (handlers.remove(channel, handler)) {
            send(Command.UNSUBSCRIBE, channel);
        }
    }

    /** Runs {@code listener} each time the subscriber connection comes back after a loss. */
    public void onReconnect(Runnable listener) {
        reconnectListeners.add(listener);
    }

    private void send(Command command, String channel) {
        RedisConnection current = connection;
        if (current != null) {
            current.send(Request.cmd(command).arg(channel)).subscribe().with(
                    ignored -> { },
                    failure -> LOG.debugf("Redis %s %s failed: %s", command, channel, failure.getMessage()));
        }
    }

    private synchronized void connect() {
        if (stopped || connecting || connection != null) {
            return;
        }
        connecting = true;
        redis.connect().subscribe().with(this::connected, failure -> {
            connecting = false;
            retryLater(failure);
        });
    }

    private void connected(RedisConnection fresh) {
        fresh.handler(this::dispatch);
        fresh.exceptionHandler(failure -> lost(fresh, failure));
        fresh.endHandler(() -> lost(fresh, null));
        synchronized (this) {
            connection = fresh;
            connecting = false;
            backoffMs = MIN_BACKOFF_MS;
        }
        handlers.keySet().forEach(channel -> send(Command.SUBSCRIBE, channel));
        LOG.info("Redis subscriber connection established");
        reconnectListeners.forEach(Runnable::run);
    }

    private void lost(RedisConnection lostConnection, Throwable failure) {
        synchronized (this) {
            if (connection != lostConnection) {
                return;
            }
            connection = null;
        }
        if (stopped) {
            return;
        }
        meters.counter("parley.redis.subscriber.disconnects").increment();
        LOG.warnf("Redis subscriber connection lost%s; reconnecting",
                failure == null ? "" : " (" + failure.getMessage() + ")");
        lostConnection.closeAndForget();
        retryLater(failure);
    }

    private void retryLater(Throwable failure) {
        if (stopped) {
            return;
        }
        long delay;
        synchronized (this) {
            delay = backoffMs;
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        }
        LOG.debugf("Redis not reachable (%s); retrying in %d ms", failure == null ? "closed" : failure.getMessage(),
                delay);
        vertx.setTimer(delay, id -> connect());
    }

    private void dispatch(Response push) {
        if (push.size() == 3 && "message".equals(push.get(0).toString())) {
            Consumer<String> handler = handlers.get(push.get(1).toString());
            if (handler != null) {
                handler.accept(push.get(2).toString());
            }
        }
    }
}
