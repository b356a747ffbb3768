package io.parley.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.Cluster;
import io.parley.support.GraphQL;
import io.parley.support.Tokens;
import io.parley.support.WsSubscriber;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged instances sharing Postgres and Redis behave as one service: events sent
 * through one reach subscribers of the other in order, a leave is enforced everywhere, and
 * neither a Redis outage nor a killed instance loses an acknowledged message.
 */
class LiveClusterIT {

    static final int A = 0;
    static final int B = 1;
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String ROOM_EVENTS = """
            subscription($room: ID!, $after: BigInteger) {
              roomEvents(roomId: $room, afterSeq: $after) { seq type user { username } message { body } }
            }
            """;

    static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.start(8091, 8092);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void messagesSentThroughOneInstanceArriveInOrderOnTheOther() throws Exception {
        String roomId = roomWithEveryone(A);
        long start = lastSeq(A, roomId);
        try (WsSubscriber subscriber = subscribe(B, "dave", roomId, start)) {
            List<String> senders = List.of("bob", "dave", "carol", "alice");
            ExecutorService pool = Executors.newFixedThreadPool(senders.size());
            List<Future<?>> sent = new ArrayList<>();
            for (String sender : senders) {
                sent.add(pool.submit(() -> IntStream.range(0, 125).forEach(i -> send(A, sender, roomId, sender + "-" + i))));
            }
            for (Future<?> future : sent) {
                future.get();
            }
            pool.shutdown();
            List<JsonObject> events = events(subscriber.awaitNext(500, WAIT));
            assertEquals(LongStream.rangeClosed(start + 1, start + 500).boxed().toList(),
                    events.stream().map(e -> e.getLong("seq")).toList());
            for (String sender : senders) {
                List<String> bodies = events.stream().map(e -> e.getJsonObject("message").getString("body"))
                        .filter(body -> body.startsWith(sender + "-")).toList();
                assertEquals(IntStream.range(0, 125).mapToObj(i -> sender + "-" + i).toList(), bodies,
                        "each sender's messages arrive in the order they were acknowledged");
            }
        }
    }

    @Test
    void aMemberWhoLeavesOnOneInstanceStopsReceivingOnTheOther() {
        String roomId = roomWithEveryone(A);
        try (WsSubscriber dave = subscribe(B, "dave", roomId, lastSeq(A, roomId))) {
            GraphQL.as("dave").at(cluster.port(A)).ok("mutation($id: ID!) { leaveRoom(roomId: $id) }", "id", roomId);
            JsonObject left = events(dave.awaitNext(1, WAIT)).get(0);
            assertEquals("MEMBER_LEFT", left.getString("type"));
            assertEquals("dave", left.getJsonObject("user").getString("username"));
            dave.awaitType("complete", WAIT);
        }
    }

    @Test
    void aRedisOutageLosesNoAcknowledgedMessage() {
        String roomId = roomWithEveryone(A);
        long start = lastSeq(A, roomId);
        try (WsSubscriber live = subscribe(B, "dave", roomId, start)) {
            send(A, "bob", roomId, "before the outage");
            live.awaitNext(1, WAIT);
            cluster.stopRedis();
            IntStream.range(0, 30).forEach(i -> send(A, "bob", roomId, "during " + i));
            cluster.startRedis();
            IntStream.range(0, 10).forEach(i -> send(A, "bob", roomId, "after " + i));
            List<Long> seqs = new ArrayList<>();
            seqs.add(start + 1);
            events(live.awaitNext(40, WAIT)).forEach(e -> seqs.add(e.getLong("seq")));
            assertEquals(LongStream.rangeClosed(start + 1, start + 41).boxed().toList(), seqs,
                    "the open subscription caught up by itself once Redis was back");
        }
        try (WsSubscriber resumed = subscribe(B, "carol", roomId, start)) {
            assertEquals(41, resumed.awaitNext(41, WAIT).size(), "a resuming client gets every acknowledged message");
        }
    }

    @Test
    void clientsOfAKilledInstanceResumeOnAnotherLosingNothing() {
        String roomId = roomWithEveryone(B);
        long start = lastSeq(B, roomId);
        long lastSeen;
        try (WsSubscriber onA = subscribe(A, "dave", roomId, start)) {
            IntStream.range(0, 10).forEach(i -> send(B, "bob", roomId, "first " + i));
            List<JsonObject> seen = events(onA.awaitNext(10, WAIT));
            lastSeen = seen.get(seen.size() - 1).getLong("seq");
            cluster.killInstance(A);
            onA.awaitType("closed", WAIT);
        }
        try {
            IntStream.range(0, 20).forEach(i -> send(B, "bob", roomId, "while A is down " + i));
            try (WsSubscriber onB = subscribe(B, "dave", roomId, lastSeen)) {
                List<Long> seqs = events(onB.awaitNext(20, WAIT)).stream().map(e -> e.getLong("seq")).toList();
                assertEquals(LongStream.rangeClosed(lastSeen + 1, lastSeen + 20).boxed().toList(), seqs);
            }
        } finally {
            cluster.startInstance(A);
        }
    }

    @Test
    void aGracefulShutdownTellsSubscribersToResumeElsewhere() {
        String roomId = roomWithEveryone(B);
        try (WsSubscriber onA = subscribe(A, "dave", roomId, lastSeq(B, roomId))) {
            send(B, "bob", roomId, "are you there?");
            onA.awaitNext(1, WAIT);
            cluster.stopInstance(A);
            JsonObject closed = onA.awaitType("closed", WAIT);
            assertEquals(LiveSockets.RESTARTING, closed.getInteger("code"), closed.encode());
            assertTrue(closed.getString("reason").contains("afterSeq"), closed.encode());
            assertTrue(onA.lines().stream().noneMatch(line -> "complete".equals(line.getString("type"))),
                    "the subscription is not completed, so a graphql-ws client resubscribes on reconnect");
        } finally {
            cluster.startInstance(A);
        }
    }

    private static String roomWithEveryone(int instance) {
        GraphQL bob = GraphQL.as("bob").at(cluster.port(instance));
        String roomId = bob.ok("mutation($name: String!) { createRoom(input: { name: $name }) { id } }",
                "name", "cluster-" + java.util.UUID.randomUUID()).getString("createRoom.id");
        for (String user : List.of("dave", "carol", "alice")) {
            GraphQL.as(user).at(cluster.port(instance)).ok("mutation($id: ID!) { joinRoom(roomId: $id) { role } }",
                    "id", roomId);
        }
        return roomId;
    }

    private static void send(int instance, String user, String roomId, String body) {
        GraphQL.as(user).at(cluster.port(instance)).ok("""
                mutation($room: ID!, $body: String!) { sendMessage(input: { roomId: $room, body: $body }) { seq } }
                """, "room", roomId, "body", body);
    }

    private static long lastSeq(int instance, String roomId) {
        return GraphQL.as("bob").at(cluster.port(instance)).ok("query($id: ID!) { room(id: $id) { lastSeq } }",
                "id", roomId).getLong("room.lastSeq");
    }

    private static WsSubscriber subscribe(int instance, String user, String roomId, Long afterSeq) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("room", roomId);
        variables.put("after", afterSeq);
        WsSubscriber subscriber = WsSubscriber.start(cluster.port(instance), Tokens.of(user), ROOM_EVENTS, variables);
        assertTrue(subscriber.awaitConnected(WAIT), "connected to instance " + instance);
        return subscriber;
    }

    private static List<JsonObject> events(List<JsonObject> payloads) {
        return payloads.stream().map(p -> p.getJsonObject("data").getJsonObject("roomEvents")).toList();
    }
}
