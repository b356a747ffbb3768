package io.parley.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Opens and closes subscriber connections over both event loops, a bounded number of handshakes at a time. */
final class Fleet {

    static final String SELECTION = "{ seq type message { id body createdAt author { id displayName } } }";
    private static final Duration SLOT_WAIT = Duration.ofSeconds(90);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final WebSocketClient client;
    private final List<Context> contexts = new CopyOnWriteArrayList<>();
    private final List<Integer> ports;
    private final List<String> tokens;
    private final Deliveries deliveries;
    private final int handshakes;

    Fleet(Vertx vertx, List<Integer> ports, List<String> tokens, Deliveries deliveries, int handshakes) {
        this.ports = ports;
        this.tokens = tokens;
        this.deliveries = deliveries;
        this.handshakes = handshakes;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(Integer.MAX_VALUE).setConnectTimeout(30_000));
        // One context per event loop: a connection lives on the event loop of the context that opened it.
        int loops = 2;
        Await.result(vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                contexts.add(context);
            }
        }, new DeploymentOptions().setInstances(loops)));
    }

    /**
     * Opens {@code count} subscribers and returns them all (each in state SUBSCRIBED or FAILED).
     * Connection {@code k = offset + i} subscribes to room {@code k % rooms} after its
     * {@code afterSeqs} entry; the j-th connection of a room goes to instance {@code j % 2} and
     * uses the demo users' tokens in turn, so every room has subscribers on both instances.
     */
    List<Subscriber> open(List<String> roomIds, long[] afterSeqs, int count, int offset) {
        Semaphore slots = new Semaphore(handshakes);
        List<Subscriber> opened = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int k = offset + i;
            int room = k % roomIds.size();
            int nth = k / roomIds.size();
            int instance = nth % ports.size();
            String token = tokens.get((nth / ports.size()) % tokens.size());
            Subscriber subscriber = new Subscriber(room, afterSeqs[room], contexts.get(i % contexts.size()), deliveries);
            acquire(slots, 1);
            subscriber.start(client, ports.get(instance), token, subscribe(roomIds.get(room), afterSeqs[room]),
                    slots::release);
            opened.add(subscriber);
        }
        acquire(slots, handshakes);   // every handshake is over
        slots.release(handshakes);
        return opened;
    }

    /** Closes the subscribers' sockets and waits (bounded) until they are closed. */
    void close(List<Subscriber> subscribers) {
        subscribers.forEach(Subscriber::close);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (System.nanoTime() < deadline && subscribers.stream().anyMatch(s -> s.state() == Subscriber.State.SUBSCRIBED
                || s.state() == Subscriber.State.CONNECTING)) {
            Await.sleep(Duration.ofMillis(100));
        }
    }

    private static String subscribe(String roomId, long afterSeq) {
        String query = "subscription { roomEvents(roomId: \"" + roomId + "\", afterSeq: " + afterSeq + ") " + SELECTION + " }";
        return new JsonObject().put("id", "1").put("type", "subscribe")
                .put("payload", new JsonObject().put("query", query)).encode();
    }

    private static void acquire(Semaphore slots, int permits) {
        try {
            if (!slots.tryAcquire(permits, SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("WebSocket handshakes did not finish within " + SLOT_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
