package io.parley.realtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.UnavailableException;
import io.parley.config.ParleyConfig;
import io.parley.event.RoomEvent;
import io.parley.event.RoomEventLog;
import io.parley.event.RoomEventType;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Delivers each room's durable events to this instance's subscribers, in seq order, with
 * no gap and no duplicate.
 *
 * <p>The room event log in Postgres is the only source: a notification (local, or from
 * another instance through Redis) only says "room R has reached seq N". The room's
 * {@link Channel} then reads everything after the last seq it delivered, once for all its
 * local subscribers, so a lost notification delays delivery but never loses an event; a
 * periodic sweep and every Redis reconnect bound that delay. A new subscriber first replays
 * from its {@code afterSeq} through the log (or the channel's recent events) and turns live
 * only once it has caught up, under the channel's lock, so nothing falls between replay and
 * live. What a subscriber has not yet read is bounded: once its socket's backlog passes
 * {@code max-backlog} (or its stream buffer {@code max-pending} events), its socket is closed
 * with {@link LiveSockets#TOO_FAR_BEHIND}, telling the client to resubscribe with {@code afterSeq}.
 */
@ApplicationScoped
public class RoomRelay {

    private static final Logger LOG = Logger.getLogger(RoomRelay.class);
    private static final int PAGE = 500;
    private static final int RECENT = 512;
    static final String CHANNEL_PREFIX = "parley:room:";
    private static final String TOO_FAR_BEHIND = "Too far behind: reconnect and resubscribe with afterSeq";

    private final RoomEventLog log;
    private final RedisFanout fanout;
    private final Vertx vertx;
    private final ParleyConfig config;
    private final MeterRegistry meters;
    private final Map<UUID, Channel> channels = new ConcurrentHashMap<>();
    private final long maxBacklog;

    public RoomRelay(RoomEventLog log, RedisFanout fanout, Vertx vertx, ParleyConfig config, MeterRegistry meters) {
        this.log = log;
        this.fanout = fanout;
        this.vertx = vertx;
        this.config = config;
        this.meters = meters;
        this.maxBacklog = config.realtime().maxBacklog().asLongValue();
    }

    void start(@Observes StartupEvent event) {
        fanout.onReconnect(this::sweep);
        vertx.setPeriodic(config.realtime().sweepInterval().toMillis(), id -> sweep());
        meters.gaugeMapSize("parley.realtime.rooms", List.of(), channels);
    }

    /**
     * The room's events after {@code afterSeq} (or from now on, when null), then its live
     * events, for a subscriber on {@code socket}. The stream completes after the subscriber's
     * own MEMBER_LEFT event, and when live delivery fails (graphql-transport-ws servers cannot
     * send an error after a stream started, so completion is the signal to resubscribe with
     * afterSeq). A subscriber too far behind has its socket closed instead.
     */
    public Multi<RoomEvent> subscribe(UUID roomId, String userId, Long afterSeq, LiveSockets.Socket socket) {
        return Multi.createFrom().<RoomEvent>emitter(emitter -> {
            Subscriber subscriber = new Subscriber(userId, emitter, afterSeq == null ? -1 : afterSeq, socket);
            Channel channel = join(roomId, subscriber);
            emitter.onTermination(() -> leave(channel, subscriber));
            synchronized (channel) {
                if (channel.ready) {
                    start(channel, subscriber);
                }
            }
        }, config.realtime().maxPending()).onFailure().invoke(failure -> {
            if (failure instanceof BackPressureFailure) {
                socket.close(LiveSockets.TOO_FAR_BEHIND, TOO_FAR_BEHIND);
            }
            meters.counter("parley.realtime.subscriptions.ended", "reason", failure.getClass().getSimpleName())
                    .increment();
            LOG.debugf("Ending a room subscription: %s", failure.getMessage());
        }).onFailure().recoverWithCompletion();
    }

    /** Tells this instance's subscribers of a room that its log has reached {@code seq}. */
    public void announce(UUID roomId, long seq) {
        Channel channel = channels.get(roomId);
        if (channel == null) {
            return;
        }
        synchronized (channel) {
            if (!channel.ready || channel.reading) {
                channel.again = true;
                return;
            }
            if (seq <= channel.lastSeq) {
                return;
            }
            channel.reading = true;
        }
        read(channel);
    }

    /** Checks every room with local subscribers for events no notification announced. */
    void sweep() {
        if (channels.isEmpty()) {
            return;
        }
        log.lastSeqs(List.copyOf(channels.keySet())).subscribe().with(
                seqs -> seqs.forEach(this::announce),
                failure -> LOG.debugf("Sweep of subscribed rooms failed: %s", failure.getMessage()));
    }

    /** Adds the subscriber to the room's channel, opening the channel if it is the room's first here. */
    private Channel join(UUID roomId, Subscriber subscriber) {
        while (true) {
            Channel[] created = new Channel[1];
            Channel channel = channels.computeIfAbsent(roomId, id -> created[0] = new Channel(id));
            synchronized (channel) {
                if (channel.closed) {
                    channels.remove(roomId, channel);
                    continue;
                }
                channel.subscribers.add(subscriber);
            }
            if (created[0] == channel) {
                open(channel);
            }
            return channel;
        }
    }

    /** Removes the subscriber; the room's last one here closes the channel. */
    private void leave(Channel channel, Subscriber subscriber) {
        boolean close;
        synchronized (channel) {
            channel.subscribers.remove(subscriber);
            close = channel.subscribers.isEmpty() && !channel.closed;
            channel.closed |= close;
        }
        if (close) {
            channels.remove(channel.roomId, channel);
            fanout.unsubscribe(channel.redisChannel(), channel.handler);
        }
    }

    /** Subscribes to the room's Redis channel, then takes the log's current seq as the starting point. */
    private void open(Channel channel) {
        fanout.subscribe(channel.redisChannel(), channel.handler);
        log.lastSeqs(List.of(channel.roomId)).subscribe().with(seqs -> {
            boolean readNow;
            synchronized (channel) {
                channel.lastSeq = seqs.getOrDefault(channel.roomId, 0L);
                channel.ready = true;
                readNow = channel.again;
                channel.again = false;
                channel.reading = readNow;
                for (Subscriber subscriber : List.copyOf(channel.subscribers)) {
                    start(channel, subscriber);
                }
            }
            if (readNow) {
                read(channel);
            }
        }, failure -> {
            LOG.warnf("Could not open live delivery for room %s: %s", channel.roomId, failure.getMessage());
            synchronized (channel) {
                List.copyOf(channel.subscribers).forEach(subscriber -> subscriber.emitter.fail(unavailable()));
            }
        });
    }

    /** Starts a subscriber of a ready channel: from now, or by catching up from its afterSeq. Holds the lock. */
    private void start(Channel channel, Subscriber subscriber) {
        if (subscriber.cursor < 0) {
            subscriber.cursor = channel.lastSeq;
            subscriber.live = true;
        } else {
            catchUp(channel, subscriber);
        }
    }

    /** Replays what the subscriber missed, page by page, until it can turn live. */
    private void catchUp(Channel channel, Subscriber subscriber) {
        synchronized (channel) {
            if (subscriber.emitter.isCancelled()) {
                return;
            }
            if (subscriber.cursor >= channel.lastSeq) {
                subscriber.live = true;
                return;
            }
            RoomEvent oldest = channel.recent.peekFirst();
            if (oldest != null && oldest.seq() <= subscriber.cursor + 1) {
                channel.recent.forEach(event -> deliver(subscriber, event));
                subscriber.live = true;
                return;
            }
        }
        log.readAfter(channel.roomId, subscriber.cursor, PAGE).subscribe().with(events -> {
            synchronized (channel) {
                events.forEach(event -> deliver(subscriber, event));
            }
            if (events.isEmpty()) {
                synchronized (channel) {
                    subscriber.live = true;
                }
            } else {
                catchUp(channel, subscriber);
            }
        }, failure -> subscriber.emitter.fail(unavailable()));
    }

    /** Reads the channel's new events from the log and hands each to every live subscriber, in order. */
    private void read(Channel channel) {
        long after;
        synchronized (channel) {
            after = channel.lastSeq;
        }
        log.readAfter(channel.roomId, after, PAGE).subscribe().with(events -> {
            boolean again;
            synchronized (channel) {
                for (RoomEvent event : events) {
                    if (event.seq() != channel.lastSeq + 1) {
                        channel.again = true;
                        break;
                    }
                    channel.lastSeq = event.seq();
                    channel.remember(event);
                    for (Subscriber subscriber : List.copyOf(channel.subscribers)) {
                        if (subscriber.live) {
                            deliver(subscriber, event);
                        }
                    }
                }
                again = events.size() == PAGE || channel.again;
                channel.again = false;
                channel.reading = again;
            }
            if (again) {
                read(channel);
            }
        }, failure -> {
            LOG.debugf("Reading room %s's events failed: %s; the sweep retries", channel.roomId, failure.getMessage());
            synchronized (channel) {
                channel.reading = false;
            }
        });
    }

    /**
     * Emits the event if it is the subscriber's next one, unless the subscriber's client
     * stopped reading: then closes its socket. Holds the channel's lock.
     */
    private void deliver(Subscriber subscriber, RoomEvent event) {
        if (event.seq() != subscriber.cursor + 1 || subscriber.emitter.isCancelled() || subscriber.cutOff) {
            return;
        }
        if (subscriber.socket.backlogOver(maxBacklog)) {
            subscriber.cutOff = true;
            subscriber.socket.close(LiveSockets.TOO_FAR_BEHIND, TOO_FAR_BEHIND);
            return;
        }
        subscriber.cursor = event.seq();
        subscriber.emitter.emit(event);
        if (event.type() == RoomEventType.MEMBER_LEFT && subscriber.userId.equals(event.subjectUserId())) {
            subscriber.emitter.complete();
        }
    }

    private static UnavailableException unavailable() {
        return new UnavailableException("Live delivery is unavailable right now: subscribe again with afterSeq.");
    }

    /** This instance's subscribers of one room and what has been delivered to them. Guarded by its own lock. */
    private final class Channel {

        final UUID roomId;
        final Set<Subscriber> subscribers = new LinkedHashSet<>();
        final ArrayDeque<RoomEvent> recent = new ArrayDeque<>();
        final java.util.function.Consumer<String> handler;
        long lastSeq;
        boolean ready;
        boolean closed;
        boolean reading;
        boolean again;

        Channel(UUID roomId) {
            this.roomId = roomId;
            this.handler = message -> announce(roomId, parseSeq(message));
        }

        String redisChannel() {
            return CHANNEL_PREFIX + roomId;
        }

        void remember(RoomEvent event) {
            recent.addLast(event);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
    }

    private static long parseSeq(String message) {
        try {
            return Long.parseLong(message);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** One subscription; {@code cursor} is the seq of the last event it was given. */
    private static final class Subscriber {

        final String userId;
        final MultiEmitter<? super RoomEvent> emitter;
        final LiveSockets.Socket socket;
        long cursor;
        boolean live;
        boolean cutOff;

        Subscriber(String userId, MultiEmitter<? super RoomEvent> emitter, long cursor, LiveSockets.Socket socket) {
            this.userId = userId;
            this.emitter = emitter;
            this.cursor = cursor;
            this.socket = socket;
        }
    }
}
