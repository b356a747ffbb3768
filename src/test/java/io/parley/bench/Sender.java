package io.parley.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/** Open-loop sendMessage at a fixed total rate over pooled HTTP/1.1 keep-alive connections to both instances. */
final class Sender {

    /** What one send window did. */
    record Outcome(long attempted, long acked, long failed, long refused) {
    }

    static final int BODY_LENGTH = 100;
    private static final int CONNECTIONS_PER_INSTANCE = 64;
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);
    private static final String PADDING = "x".repeat(BODY_LENGTH);

    private final HttpClient http;
    private final List<Integer> ports;
    private final List<String> tokens;
    private final int maxInFlight;
    private final String runId;
    private final Deliveries deliveries;
    private final AtomicInteger inFlight = new AtomicInteger();

    Sender(Vertx vertx, List<Integer> ports, List<String> tokens, int maxInFlight, String runId, Deliveries deliveries) {
        this.ports = ports;
        this.tokens = tokens;
        this.maxInFlight = maxInFlight;
        this.runId = runId;
        this.deliveries = deliveries;
        this.http = vertx.createHttpClient(
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_INSTANCE).setEventLoopSize(2));
    }

    /**
     * Sends {@code rate} messages a second for {@code seconds} from the calling thread, then waits
     * (bounded) until every send is answered. Each send is scheduled by its intended time, never
     * by the previous answer, and its body carries that time, so a slow server shows as latency
     * instead of as a lower offered rate (no coordinated omission). At most {@code maxInFlight}
     * sends wait for an answer; one beyond that is refused and counted as failed. Each
     * acknowledged send to room r adds {@code subscribersOf[r]} expected deliveries to the tally.
     */
    Outcome run(Deliveries.Tally tally, List<String> roomIds, int[] subscribersOf, double rate, int seconds) {
        long count = Math.round(rate * seconds);
        double interval = 1e9 / rate;
        LongAdder acked = new LongAdder();
        LongAdder failed = new LongAdder();
        long refused = 0;
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long intended = start + (long) (i * interval);
            for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.incrementAndGet() > maxInFlight) {
                inFlight.decrementAndGet();
                refused++;
                continue;
            }
            int room = (int) (i % roomIds.size());
            long round = i / roomIds.size();
            // (room + round) alternates instances per message even with one room, and per room each round.
            int instance = (int) ((room + round) % ports.size());
            send(tally, instance, tokens.get((int) (i % tokens.size())), roomIds.get(room), subscribersOf[room],
                    tally.step, i, intended, acked, failed);
        }
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Await.sleep(Duration.ofMillis(20));
        }
        return new Outcome(count, acked.sum(), failed.sum() + refused, refused);
    }

    int inFlight() {
        return inFlight.get();
    }

    private void send(Deliveries.Tally tally, int instance, String token, String roomId, int subscribers, int step,
            long index, long intended, LongAdder acked, LongAdder failed) {
        String marker = "b|" + step + "|" + intended + "|";
        String body = marker + PADDING.substring(marker.length());
        String json = "{\"query\":\"" + Api.SEND_MESSAGE + "\",\"variables\":{\"in\":{\"roomId\":\"" + roomId
                + "\",\"body\":\"" + body + "\",\"clientMessageId\":\"" + runId + "-" + step + "-" + index + "\"}}}";
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(Api.HOST)
                .setPort(ports.get(instance)).setURI("/graphql").setIdleTimeout(30_000)
                .putHeader("Content-Type", "application/json").putHeader("Authorization", "Bearer " + token);
        http.request(options).compose(request -> request.send(Buffer.buffer(json)))
                .compose(response -> response.body().map(reply -> {
                    String text = reply.toString();
                    if (response.statusCode() != 200 || text.contains("\"errors\"")) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + ": " + text);
                    }
                    return text;
                }))
                .onComplete(result -> {
                    inFlight.decrementAndGet();
                    if (result.succeeded()) {
                        acked.increment();
                        tally.expected.add(subscribers);
                        tally.ackMicros.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                    } else {
                        failed.increment();
                        deliveries.problem("sendMessage failed: " + result.cause().getMessage());
                    }
                });
    }
}
