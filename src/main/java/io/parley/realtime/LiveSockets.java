package io.parley.realtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.parley.api.UnavailableException;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The open WebSocket connections that carry subscriptions on this instance. Each one tells
 * how many bytes are queued for its client (SmallRye GraphQL writes without waiting for the
 * socket, so this is where a stalled client shows) and can be closed with a code the client
 * understands; on shutdown every one is closed with 1012 so its client reconnects elsewhere.
 */
@ApplicationScoped
public class LiveSockets {

    /** Close code (graphql-transport-ws) for a subscription without a valid token. */
    public static final int UNAUTHORIZED = 4401;
    /** Close code for a client that fell too far behind: reconnect and resubscribe with afterSeq. */
    public static final int TOO_FAR_BEHIND = 4008;
    /** Close code (IANA "Service Restart") for a socket closed because this instance stops. */
    public static final int RESTARTING = 1012;
    /** How long a closed socket's client has to read what is queued before the connection is dropped. */
    private static final long CLOSE_GRACE_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(LiveSockets.class);

    private final CurrentVertxRequest request;
    private final MeterRegistry meters;
    private final Map<Channel, Socket> open = new ConcurrentHashMap<>();

    public LiveSockets(CurrentVertxRequest request, MeterRegistry meters) {
        this.request = request;
        this.meters = meters;
        meters.gaugeMapSize("parley.realtime.sockets", List.of(), open);
    }

    /** The WebSocket the current subscription arrived on. */
    Socket current() {
        RoutingContext context = request.getCurrent();
        if (context == null || !(context.request().connection() instanceof ConnectionBase connection)) {
            throw new UnavailableException("Subscriptions are served over WebSocket only (graphql-transport-ws).");
        }
        return open.computeIfAbsent(connection.channel(), channel -> {
            channel.closeFuture().addListener(closed -> open.remove(channel));
            return new Socket(channel);
        });
    }

    /** Ends every subscription before the HTTP server stops, telling each client to resume elsewhere. */
    void stop(@Observes ShutdownDelayInitiatedEvent event) {
        LOG.infof("Shutting down: closing %d subscription sockets with %d", open.size(), RESTARTING);
        open.values().forEach(socket -> socket.close(RESTARTING,
                "Parley is restarting: reconnect and resubscribe with afterSeq"));
    }

    /** One client connection; {@link #close} may be called from any thread, more than once. */
    final class Socket {

        private final Channel channel;
        private final AtomicBoolean closing = new AtomicBoolean();

        private Socket(Channel channel) {
            this.channel = channel;
        }

        /** Whether more than {@code bytes} are queued for a client that has stopped reading. */
        boolean backlogOver(long bytes) {
            return !channel.isWritable() && channel.bytesBeforeWritable() > bytes;
        }

        /**
         * Sends a close frame with the code after what is already queued, and drops the
         * connection if the client has not read it within the grace period.
         */
        void close(int code, String reason) {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            meters.counter("parley.realtime.sockets.closed", "code", Integer.toString(code)).increment();
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
            channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
        }
    }
}
