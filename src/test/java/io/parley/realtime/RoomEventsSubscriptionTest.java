package io.parley.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.Fixtures;
import io.parley.support.GraphQL;
import io.parley.support.Tokens;
import io.parley.support.WsSubscriber;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Subscriptions through a real graphql-ws client over graphql-transport-ws, on one instance. */
@QuarkusTest
class RoomEventsSubscriptionTest {

    static final int PORT = 8081;
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String ROOM_EVENTS = """
            subscription($room: ID!, $after: BigInteger) {
              roomEvents(roomId: $room, afterSeq: $after) {
                roomId seq type at actor { username } user { username }
                message { id seq body deleted author { username } }
              }
            }
            """;

    @Test
    void deliversEventsInOrderAndCompletesOnStop() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        try (WsSubscriber subscriber = subscribe("bob", roomId, null)) {
            long first = firstLiveSeq(subscriber, roomId);
            List<String> ids = IntStream.range(0, 5).mapToObj(i -> Fixtures.message("bob", roomId, "live " + i)).toList();
            List<JsonObject> events = events(subscriber.awaitNext(5, WAIT));
            assertEquals(LongStream.rangeClosed(first + 1, first + 5).boxed().toList(),
                    events.stream().map(e -> e.getLong("seq")).toList(), "without afterSeq: live from the subscription on");
            assertEquals(List.of("live 0", "live 1", "live 2", "live 3", "live 4"),
                    events.stream().map(e -> e.getJsonObject("message").getString("body")).toList());
            assertEquals(ids, events.stream().map(e -> e.getJsonObject("message").getString("id")).toList());
            assertEquals("MESSAGE_CREATED", events.get(0).getString("type"));
            assertEquals("bob", events.get(0).getJsonObject("actor").getString("username"));
            assertEquals("bob", events.get(0).getJsonObject("message").getJsonObject("author").getString("username"));
            subscriber.stop();
            assertTrue(subscriber.lines().stream().anyMatch(line -> "stopped".equals(line.getString("type"))));
        }
    }

    @Test
    void editsDeletesAndMembershipAreEventsToo() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        try (WsSubscriber subscriber = subscribe("bob", roomId, lastSeq(roomId))) {
            String id = Fixtures.message("bob", roomId, "first");
            GraphQL.as("bob").ok("mutation($id: ID!) { editMessage(id: $id, body: \"second\") { id } }", "id", id);
            Fixtures.join("dave", roomId);
            GraphQL.as("bob").ok("mutation($id: ID!) { deleteMessage(id: $id) { id } }", "id", id);
            GraphQL.as("dave").ok("mutation($id: ID!) { leaveRoom(roomId: $id) }", "id", roomId);
            List<JsonObject> events = events(subscriber.awaitNext(5, WAIT));
            assertEquals(List.of("MESSAGE_CREATED", "MESSAGE_EDITED", "MEMBER_JOINED", "MESSAGE_DELETED", "MEMBER_LEFT"),
                    events.stream().map(e -> e.getString("type")).toList());
            assertEquals("dave", events.get(2).getJsonObject("user").getString("username"));
            assertEquals("dave", events.get(4).getJsonObject("user").getString("username"));
        }
    }

    @Test
    void resumeWithAfterSeqReplaysExactlyWhatWasMissedThenGoesLive() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        long lastSeen;
        try (WsSubscriber first = subscribe("bob", roomId, lastSeq(roomId))) {
            Fixtures.message("bob", roomId, "before the drop");
            lastSeen = events(first.awaitNext(1, WAIT)).get(0).getLong("seq");
            first.kill();
        }
        IntStream.range(0, 50).forEach(i -> Fixtures.message("bob", roomId, "missed " + i));
        try (WsSubscriber resumed = subscribe("bob", roomId, lastSeen)) {
            List<JsonObject> missed = events(resumed.awaitNext(50, WAIT));
            Fixtures.message("bob", roomId, "live again");
            List<JsonObject> live = events(resumed.awaitNext(1, WAIT));
            List<Long> seqs = new ArrayList<>();
            missed.forEach(e -> seqs.add(e.getLong("seq")));
            live.forEach(e -> seqs.add(e.getLong("seq")));
            assertEquals(LongStream.rangeClosed(lastSeen + 1, lastSeen + 51).boxed().toList(), seqs);
            assertEquals("missed 0", missed.get(0).getJsonObject("message").getString("body"));
            assertEquals("live again", live.get(0).getJsonObject("message").getString("body"));
        }
    }

    @Test
    void concurrentSendersAreDeliveredInSeqOrderWithoutGaps() throws Exception {
        String roomId = Fixtures.room("bob", "PUBLIC");
        Fixtures.join("dave", roomId);
        Fixtures.join("carol", roomId);
        long start = lastSeq(roomId);
        try (WsSubscriber subscriber = subscribe("dave", roomId, start)) {
            ExecutorService senders = Executors.newFixedThreadPool(3);
            List<Future<?>> sent = new ArrayList<>();
            for (String sender : List.of("bob", "dave", "carol")) {
                sent.add(senders.submit(() -> IntStream.range(0, 30).forEach(i -> Fixtures.message(sender, roomId, sender + i))));
            }
            for (Future<?> future : sent) {
                future.get();
            }
            senders.shutdown();
            List<Long> seqs = events(subscriber.awaitNext(90, WAIT)).stream().map(e -> e.getLong("seq")).toList();
            assertEquals(LongStream.rangeClosed(start + 1, start + 90).boxed().toList(), seqs);
        }
    }

    @Test
    void aClientThatStopsReadingIsCutOffWithAResumableClose() throws Exception {
        String roomId = Fixtures.room("bob", "PUBLIC");
        long start = lastSeq(roomId);
        double cutOffBefore = socketsClosed(LiveSockets.TOO_FAR_BEHIND);
        try (WsSubscriber stalled = subscribe("bob", roomId, start); WsSubscriber healthy = subscribe("bob", roomId, start)) {
            stalled.pause();
            String body = "x".repeat(3000);
            ExecutorService senders = Executors.newFixedThreadPool(4);
            int sent = 0;
            while (socketsClosed(LiveSockets.TOO_FAR_BEHIND) == cutOffBefore) {
                assertTrue(sent < 5000, "the stalled client was never cut off");
                List<Future<?>> batch = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    batch.add(senders.submit(() -> Fixtures.message("bob", roomId, body)));
                }
                for (Future<?> future : batch) {
                    future.get();
                }
                sent += batch.size();
            }
            senders.shutdown();
            assertEquals(LongStream.rangeClosed(start + 1, start + sent).boxed().toList(),
                    events(healthy.awaitNext(sent, WAIT)).stream().map(e -> e.getLong("seq")).toList(),
                    "a reading client is not held back by a stalled one");

            stalled.resume();
            JsonObject closed = stalled.awaitType("closed", WAIT);
            assertEquals(LiveSockets.TOO_FAR_BEHIND, closed.getInteger("code"));
            assertTrue(closed.getString("reason").contains("afterSeq"), closed.encode());
            List<Long> received = stalled.lines().stream().filter(line -> "next".equals(line.getString("type")))
                    .map(line -> line.getJsonObject("payload").getJsonObject("data").getJsonObject("roomEvents").getLong("seq"))
                    .toList();
            assertTrue(received.size() < sent, "the stalled client was cut off before everything was queued for it");
            assertEquals(LongStream.rangeClosed(start + 1, start + received.size()).boxed().toList(), received,
                    "what reached the stalled client is a gapless prefix, so afterSeq resumes it exactly");
        }
    }

    /** How many subscription sockets this instance has closed with the code, from its metrics. */
    static double socketsClosed(int code) {
        String prefix = "parley_realtime_sockets_closed_total{code=\"" + code + "\"";
        return RestAssured.get("/q/metrics").asString().lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aMemberWhoLeavesStopsReceivingAtOnce() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        Fixtures.join("dave", roomId);
        try (WsSubscriber dave = subscribe("dave", roomId, lastSeq(roomId))) {
            GraphQL.as("dave").ok("mutation($id: ID!) { leaveRoom(roomId: $id) }", "id", roomId);
            JsonObject left = events(dave.awaitNext(1, WAIT)).get(0);
            assertEquals("MEMBER_LEFT", left.getString("type"));
            dave.awaitType("complete", WAIT);
            Fixtures.message("bob", roomId, "after dave left");
            try (WsSubscriber bob = subscribe("bob", roomId, left.getLong("seq"))) {
                bob.awaitNext(1, WAIT);
            }
            assertFalse(dave.lines().stream().anyMatch(line -> line.encode().contains("after dave left")));
        }
    }

    @Test
    void nonMembersAndBadArgumentsGetErrors() {
        String privateRoom = Fixtures.room("bob", "PRIVATE");
        String publicRoom = Fixtures.room("bob", "PUBLIC");
        assertEquals("NOT_FOUND", errorCode(subscribe("dave", privateRoom, null)));
        assertEquals("FORBIDDEN", errorCode(subscribe("dave", publicRoom, null)));
        assertEquals("VALIDATION", errorCode(subscribe("bob", publicRoom, 1_000_000L)));
        assertEquals("VALIDATION", errorCode(subscribe("bob", publicRoom, -1L)));
        assertEquals("VALIDATION", errorCode(subscribe("bob", "not-a-room", null)));
    }

    @Test
    void aBadTokenIsRefusedWithAProtocolClose() {
        try (WsSubscriber subscriber = WsSubscriber.start(PORT, "forged." + Tokens.of("bob"), ROOM_EVENTS,
                Map.of("room", "00000000-0000-0000-0000-000000000000"))) {
            assertFalse(subscriber.awaitConnected(WAIT));
            int code = subscriber.awaitType("closed", WAIT).getInteger("code");
            assertTrue(code == 4401 || code == 4403, "closed with " + code);
        }
        try (WsSubscriber subscriber = WsSubscriber.start(PORT, null, ROOM_EVENTS,
                Map.of("room", "00000000-0000-0000-0000-000000000000"))) {
            assertEquals(LiveSockets.UNAUTHORIZED, subscriber.awaitType("closed", WAIT).getInteger("code"), "no token");
        }
    }

    /** Live events are executed once per subscription shape and shared: each subscriber must still get its own result. */
    @Test
    void sharedExecutionKeepsEachSubscribersSelectionAndCaller() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        Fixtures.join("dave", roomId);
        long after = lastSeq(roomId);
        String bodies = """
                subscription($room: ID!, $after: BigInteger) {
                  roomEvents(roomId: $room, afterSeq: $after) { seq message { body } }
                }""";
        String roles = """
                subscription($room: ID!, $after: BigInteger, $withSeq: Boolean!) {
                  roomEvents(roomId: $room, afterSeq: $after) { seq @include(if: $withSeq) room { myMembership { role } } }
                }""";
        Map<String, Object> from = Map.of("room", roomId, "after", after);
        try (WsSubscriber bobBodies = WsSubscriber.start(PORT, Tokens.of("bob"), bodies, from);
                WsSubscriber daveBodies = WsSubscriber.start(PORT, Tokens.of("dave"), bodies, from);
                WsSubscriber bobRoles = WsSubscriber.start(PORT, Tokens.of("bob"), roles,
                        Map.of("room", roomId, "after", after, "withSeq", true));
                WsSubscriber daveRoles = WsSubscriber.start(PORT, Tokens.of("dave"), roles,
                        Map.of("room", roomId, "after", after, "withSeq", true));
                WsSubscriber daveRolesOnly = WsSubscriber.start(PORT, Tokens.of("dave"), roles,
                        Map.of("room", roomId, "after", after, "withSeq", false))) {
            List<WsSubscriber> all = List.of(bobBodies, daveBodies, bobRoles, daveRoles, daveRolesOnly);
            all.forEach(subscriber -> assertTrue(subscriber.awaitConnected(WAIT), "connected"));
            Fixtures.message("bob", roomId, "warm-up");
            all.forEach(subscriber -> subscriber.awaitNext(1, WAIT));   // from now on every one of them is live
            double sharedBefore = sharedResults();
            Fixtures.message("dave", roomId, "shared");
            JsonObject bodyOfBob = events(bobBodies.awaitNext(1, WAIT)).get(0);
            assertEquals(new JsonObject().put("seq", after + 2).put("message", new JsonObject().put("body", "shared")),
                    bodyOfBob);
            assertEquals(bodyOfBob, events(daveBodies.awaitNext(1, WAIT)).get(0));
            assertEquals(new JsonObject().put("seq", after + 2).put("room",
                    new JsonObject().put("myMembership", new JsonObject().put("role", "OWNER"))),
                    events(bobRoles.awaitNext(1, WAIT)).get(0));
            assertEquals(new JsonObject().put("seq", after + 2).put("room",
                    new JsonObject().put("myMembership", new JsonObject().put("role", "MEMBER"))),
                    events(daveRoles.awaitNext(1, WAIT)).get(0), "same document and variables as bob's, dave's own role");
            assertEquals(new JsonObject().put("room",
                    new JsonObject().put("myMembership", new JsonObject().put("role", "MEMBER"))),
                    events(daveRolesOnly.awaitNext(1, WAIT)).get(0), "no seq: the variables below the root differ");
            assertTrue(sharedResults() > sharedBefore, "dave's copy of the bodies came from bob's execution");
        }
    }

    /** How many live event results this instance has handed out without executing them again. */
    static double sharedResults() {
        String metrics = RestAssured.given().port(PORT).get("/q/metrics").asString();
        return metrics.lines().filter(line -> line.startsWith("parley_realtime_event_results_total{")
                && line.contains("shared=\"true\"")).mapToDouble(line -> Double.parseDouble(line.substring(
                line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aTokenInTheUpgradeRequestHeaderSignsIn() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        long last = lastSeq(roomId);
        try (WsSubscriber subscriber = WsSubscriber.startWithUpgradeHeader(PORT, Tokens.of("bob"), ROOM_EVENTS,
                Map.of("room", roomId, "after", last))) {
            assertTrue(subscriber.awaitConnected(WAIT), "connected");
            Fixtures.message("bob", roomId, "through the header");
            JsonObject event = events(subscriber.awaitNext(1, WAIT)).get(0);
            assertEquals(last + 1, event.getLong("seq"));
            assertEquals("through the header", event.getJsonObject("message").getString("body"));
        }
    }

    @Test
    void pingsAreAnsweredWithPongs() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        try (WsSubscriber subscriber = WsSubscriber.start(PORT, Tokens.of("bob"), ROOM_EVENTS, Map.of("room", roomId),
                200)) {
            assertTrue(subscriber.awaitConnected(WAIT));
            JsonObject pong = subscriber.awaitType("pong", WAIT);
            assertTrue(pong.getBoolean("received"));
        }
    }

    @Test
    void myEventsTellsAUserTheyWereAddedToARoom() {
        String daveId = Fixtures.userId("dave");
        try (WsSubscriber dave = WsSubscriber.start(PORT, Tokens.of("dave"), """
                subscription { myEvents { type at room { id name } actor { username } } }
                """, Map.of())) {
            assertTrue(dave.awaitConnected(WAIT));
            // Notices are live-only: keep adding dave to fresh rooms until the subscription is in place.
            List<String> roomIds = new ArrayList<>();
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
                String roomId = Fixtures.room("bob", "PRIVATE");
                roomIds.add(roomId);
                GraphQL.as("bob").ok("""
                        mutation($room: ID!, $user: ID!) { addRoomMember(roomId: $room, userId: $user) { role } }
                        """, "room", roomId, "user", daveId);
                return dave.lines().stream().anyMatch(line -> "next".equals(line.getString("type")));
            });
            JsonObject event = dave.awaitNext(1, WAIT).get(0).getJsonObject("data").getJsonObject("myEvents");
            assertEquals("ADDED_TO_ROOM", event.getString("type"));
            assertTrue(roomIds.contains(event.getJsonObject("room").getString("id")));
            assertEquals("bob", event.getJsonObject("actor").getString("username"));
        }
    }

    static long lastSeq(String roomId) {
        return GraphQL.as("bob").ok("query($id: ID!) { room(id: $id) { lastSeq } }", "id", roomId).getLong("room.lastSeq");
    }

    /**
     * Without afterSeq a stream starts when the server has set it up, which the protocol does
     * not acknowledge: send until one message arrives, and return its seq.
     */
    static long firstLiveSeq(WsSubscriber subscriber, String roomId) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            Fixtures.message("bob", roomId, "anyone there?");
            return subscriber.lines().stream().anyMatch(line -> "next".equals(line.getString("type")));
        });
        List<JsonObject> first = events(subscriber.awaitNext(1, WAIT));
        long seq = first.get(0).getLong("seq");
        long last = lastSeq(roomId);
        if (last > seq) {
            subscriber.awaitNext((int) (last - seq), WAIT);
        }
        return last;
    }

    static WsSubscriber subscribe(String user, String roomId, Long afterSeq) {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("room", roomId);
        variables.put("after", afterSeq);
        WsSubscriber subscriber = WsSubscriber.start(PORT, Tokens.of(user), ROOM_EVENTS, variables);
        assertTrue(subscriber.awaitConnected(WAIT), "connected");
        return subscriber;
    }

    static List<JsonObject> events(List<JsonObject> payloads) {
        return payloads.stream().map(p -> p.getJsonObject("data").getJsonObject("roomEvents")).toList();
    }

    static String errorCode(WsSubscriber subscriber) {
        try (subscriber) {
            JsonObject error = subscriber.awaitType("error", WAIT);
            return error.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions").getString("code");
        }
    }
}
