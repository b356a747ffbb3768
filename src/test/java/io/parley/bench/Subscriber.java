package io.parley.bench;

import io.vertx.core.Context;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/** One WebSocket carrying one roomEvents subscription (graphql-transport-ws); checks seq order on every delivery. */
final class Subscriber {

    // Everything but the volatile fields is touched only on this subscriber's event loop.

    enum State { CONNECTING, SUBSCRIBED, FAILED, CLOSED }

    private static final String SEQ_FIELD = "\"seq\":";
    private static final String TIMED_BODY = "\"body\":\"b|";
    private static final String PONG = "{\"type\":\"pong\"}";
    private static final long HANDSHAKE_TIMEOUT_MS = 60_000;

    final int room;
    private final Context context;
    private final Deliveries deliveries;
    private volatile long lastSeq;
    private volatile State state = State.CONNECTING;
    private volatile boolean counted;  // live at the start of the step, so its deliveries are expected
    private WebSocket socket;
    private Runnable handshakeOver;   // run once, when subscribed or failed
    private boolean closing;          // we close it: not the server's doing

    Subscriber(int room, long afterSeq, Context context, Deliveries deliveries) {
        this.room = room;
        this.lastSeq = afterSeq;
        this.context = context;
        this.deliveries = deliveries;
    }

    /**
     * Connects, signs in with {@code connection_init}, and subscribes once acknowledged;
     * {@code handshakeOver} runs once, on subscribe or on failure.
     */
    void start(WebSocketClient client, int port, String token, String subscribe, Runnable handshakeOver) {
        this.handshakeOver = handshakeOver;
        context.runOnContext(ignored -> {
            context.owner().setTimer(HANDSHAKE_TIMEOUT_MS, id -> {
                if (state == State.CONNECTING) {
                    fail("no connection_ack within " + HANDSHAKE_TIMEOUT_MS + " ms");
                }
            });
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(Api.HOST).setPort(port)
                    .setURI("/graphql").addSubProtocol("graphql-transport-ws");
            client.connect(options).onSuccess(ws -> {
                socket = ws;
                ws.textMessageHandler(text -> onText(text, subscribe));
                ws.exceptionHandler(e -> deliveries.problem("socket error: " + e));
                ws.closeHandler(v -> onClose(ws.closeStatusCode() == null ? -1 : ws.closeStatusCode()));
                ws.writeTextMessage(new JsonObject().put("type", "connection_init")
                        .put("payload", new JsonObject().put("Authorization", "Bearer " + token)).encode());
            }).onFailure(e -> fail("connect failed: " + e.getMessage()));
        });
    }

    long lastSeq() {
        return lastSeq;
    }

    State state() {
        return state;
    }

    /** Whether this subscriber's timed deliveries count in the current step (it was live when it began). */
    void counted(boolean counted) {
        this.counted = counted;
    }

    /** Closes the socket normally (1000); the server's subscription ends with it. */
    void close() {
        context.runOnContext(ignored -> {
            closing = true;
            if (socket != null && state == State.SUBSCRIBED) {
                socket.close((short) 1000);
            } else if (state == State.CONNECTING) {
                fail("closed while connecting");
            }
        });
    }

    private void onText(String text, String subscribe) {
        long now = System.nanoTime();
        int at = text.indexOf(SEQ_FIELD);
        if (at < 0) {
            control(text, subscribe);
            return;
        }
        // The hot path: no JSON parsing. A quote inside a string value is escaped, so the first
        // "seq": and "body":"b| in the frame are the fields themselves.
        Deliveries.Tally tally = deliveries.current();
        long seq = Deliveries.number(text, at + SEQ_FIELD.length());
        long last = lastSeq;
        if (seq <= last) {
            tally.duplicates.increment();
            return;
        }
        if (seq != last + 1) {
            tally.gaps.increment();
        }
        lastSeq = seq;
        int body = text.indexOf(TIMED_BODY, at);
        if (body >= 0 && counted) {
            deliveries.received(tally, text, body + TIMED_BODY.length(), now);
        }
    }

    private void control(String text, String subscribe) {
        JsonObject message = new JsonObject(text);
        switch (message.getString("type", "")) {
            case "connection_ack" -> {
                socket.writeTextMessage(subscribe);
                state = State.SUBSCRIBED;
                handshakeDone();
            }
            case "ping" -> socket.writeTextMessage(PONG);
            case "pong" -> { }
            default -> {                             // error, complete, or next without an event
                deliveries.current().errors.increment();
                deliveries.problem("subscription message: " + text);
            }
        }
    }

    private void onClose(int code) {
        State was = state;
        if (was == State.FAILED) {
            return;                                  // given up on already, and counted then
        }
        state = was == State.CONNECTING ? State.FAILED : State.CLOSED;
        if (!closing) {
            deliveries.closed(deliveries.current(), code);
            deliveries.problem("server closed a subscriber socket with " + code + " (was " + was + ")");
        }
        handshakeDone();
    }

    private void fail(String why) {
        if (state != State.CONNECTING) {
            return;
        }
        state = State.FAILED;
        if (!closing) {
            deliveries.problem("subscriber handshake: " + why);
        }
        if (socket != null) {
            socket.close();
        }
        handshakeDone();
    }

    private void handshakeDone() {
        Runnable over = handshakeOver;
        handshakeOver = null;
        if (over != null) {
            over.run();
        }
    }
}
