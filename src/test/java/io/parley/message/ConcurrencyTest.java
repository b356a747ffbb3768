package io.parley.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parley.support.Fixtures;
import io.parley.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Many clients at once: seqs stay gapless and unique, and retried sends never duplicate. */
@QuarkusTest
class ConcurrencyTest {

    private static final String SEND = """
            mutation($roomId: ID!, $body: String!, $cid: String) {
              sendMessage(input: { roomId: $roomId, body: $body, clientMessageId: $cid }) { id seq }
            }
            """;

    @Test
    void parallelSendersGetGaplessUniqueSeqs() throws Exception {
        String roomId = Fixtures.room("bob", "PUBLIC");
        Fixtures.join("dave", roomId);
        Fixtures.join("carol", roomId);
        long startSeq = lastSeq(roomId);
        List<String> senders = List.of("bob", "dave", "carol", "alice");
        Fixtures.join("alice", roomId);
        long afterJoins = lastSeq(roomId);
        int count = 20;
        List<JsonPath> sent = runAtOnce(count, i -> GraphQL.as(senders.get(i % senders.size()))
                .ok(SEND, "roomId", roomId, "body", "parallel " + i));
        Set<Long> seqs = new TreeSet<>();
        sent.forEach(data -> seqs.add(data.getLong("sendMessage.seq")));
        assertEquals(LongStream.rangeClosed(afterJoins + 1, afterJoins + count).boxed().toList(), new ArrayList<>(seqs));
        assertEquals(afterJoins + count, lastSeq(roomId));
        List<Long> history = GraphQL.as("bob").ok("query($r: ID!) { messages(roomId: $r, limit: 100) { items { seq } } }",
                "r", roomId).getList("messages.items.seq", Long.class);
        assertEquals(new ArrayList<>(seqs), history);
        assertEquals(startSeq + 1, afterJoins, "alice's join took exactly one seq");
    }

    @Test
    void parallelRetriesOfOneClientMessageIdMakeOneMessage() throws Exception {
        String roomId = Fixtures.room("bob", "PUBLIC");
        long before = lastSeq(roomId);
        List<JsonPath> sent = runAtOnce(12, i -> GraphQL.as("bob")
                .ok(SEND, "roomId", roomId, "body", "once", "cid", "retry-me"));
        Set<String> ids = new TreeSet<>();
        sent.forEach(data -> ids.add(data.getString("sendMessage.id")));
        assertEquals(1, ids.size(), "every retry got the same message");
        assertEquals(before + 1, lastSeq(roomId), "exactly one seq was used");
        assertEquals(1, GraphQL.as("bob").ok("query($r: ID!) { messages(roomId: $r) { items { id } } }", "r", roomId)
                .getList("messages.items").size());
        String otherKey = GraphQL.as("bob").ok(SEND, "roomId", roomId, "body", "again", "cid", "other-key")
                .getString("sendMessage.id");
        assertFalse(ids.contains(otherKey), "a different key is a different message");
    }

    private static long lastSeq(String roomId) {
        return GraphQL.as("bob").ok("query($id: ID!) { room(id: $id) { lastSeq } }", "id", roomId).getLong("room.lastSeq");
    }

    /** Runs {@code count} calls released together by a latch, and returns their results. */
    private static List<JsonPath> runAtOnce(int count, IndexedCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonPath>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<JsonPath> task = () -> {
                    start.await();
                    return call.run(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<JsonPath> results = new ArrayList<>();
            for (Future<JsonPath> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One call of a batch. */
    private interface IndexedCall {
        JsonPath run(int index) throws Exception;
    }
}
