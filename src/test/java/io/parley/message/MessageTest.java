package io.parley.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.parley.support.Fixtures;
import io.parley.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Messages through the GraphQL API: sending, editing, deleting, reading history, and bad input. */
@QuarkusTest
class MessageTest {

    private static final String SEND = """
            mutation($roomId: ID!, $body: String!, $cid: String) {
              sendMessage(input: { roomId: $roomId, body: $body, clientMessageId: $cid }) {
                id roomId seq body deleted editedAt clientMessageId author { username }
              }
            }
            """;
    private static final String EDIT = """
            mutation($id: ID!, $body: String!) {
              editMessage(id: $id, body: $body) { body editedAt edits { body writtenAt replacedAt } }
            }
            """;
    private static final String DELETE = "mutation($id: ID!) { deleteMessage(id: $id) { id seq body deleted edits { body } } }";
    private static final String MESSAGE = "query($id: ID!) { message(id: $id) { id seq body deleted edits { body } } }";
    private static final String LAST_SEQ = "query($id: ID!) { room(id: $id) { lastSeq } }";

    @Test
    void sendReturnsTheCommittedMessageWithItsSeq() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        JsonPath sent = GraphQL.as("bob").ok(SEND, "roomId", roomId, "body", "hello", "cid", "c-1");
        assertEquals("hello", sent.getString("sendMessage.body"));
        assertEquals(3, sent.getLong("sendMessage.seq"));
        assertEquals("bob", sent.getString("sendMessage.author.username"));
        assertEquals("c-1", sent.getString("sendMessage.clientMessageId"));
        assertFalse(sent.getBoolean("sendMessage.deleted"));
        assertEquals("hello", GraphQL.as("bob").ok(MESSAGE, "id", sent.getString("sendMessage.id")).getString("message.body"));
    }

    @Test
    void unicodeRoundTripsExactly() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        String body = "👩‍👩‍👧‍👦 مرحبا بالعالم e\u0301 Z\u0351\u0360a\u0352 𝕏 \u200F\u202Eabc\n\ttabbed";
        String id = GraphQL.as("bob").ok(SEND, "roomId", roomId, "body", body).getString("sendMessage.id");
        assertEquals(body, GraphQL.as("bob").ok(MESSAGE, "id", id).getString("message.body"));
        assertEquals(body, GraphQL.as("bob").ok("query($r: ID!) { messages(roomId: $r) { items { body } } }", "r", roomId)
                .getString("messages.items[0].body"));
    }

    @Test
    void editKeepsEveryEarlierVersion() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        String id = Fixtures.message("bob", roomId, "v1");
        GraphQL.as("bob").ok(EDIT, "id", id, "body", "v2");
        JsonPath edited = GraphQL.as("bob").ok(EDIT, "id", id, "body", "v3");
        assertEquals("v3", edited.getString("editMessage.body"));
        assertNotNull(edited.getString("editMessage.editedAt"));
        assertEquals(List.of("v1", "v2"), edited.getList("editMessage.edits.body"));
        assertEquals(edited.getString("editMessage.edits[0].replacedAt"), edited.getString("editMessage.edits[1].writtenAt"));
        JsonPath unchanged = GraphQL.as("bob").ok(EDIT, "id", id, "body", "v3");
        assertEquals(2, unchanged.getList("editMessage.edits").size(), "an edit to the same body is no edit");
    }

    @Test
    void onlyTheAuthorEdits() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        Fixtures.join("dave", roomId);
        String id = Fixtures.message("dave", roomId, "mine");
        long lastSeq = lastSeq(roomId);
        assertEquals("FORBIDDEN", GraphQL.as("bob").errorCode(EDIT, "id", id, "body", "owner's words"));
        assertEquals("FORBIDDEN", GraphQL.as("alice").errorCode(EDIT, "id", id, "body", "admin's words"));
        assertEquals("mine", GraphQL.as("dave").ok(MESSAGE, "id", id).getString("message.body"));
        assertEquals(lastSeq, lastSeq(roomId));
    }

    @Test
    void deleteLeavesATombstoneInPlace() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        Fixtures.message("bob", roomId, "before");
        String id = Fixtures.message("bob", roomId, "secret");
        Fixtures.message("bob", roomId, "after");
        GraphQL.as("bob").ok(EDIT, "id", id, "body", "secret v2");
        JsonPath tombstone = GraphQL.as("bob").ok(DELETE, "id", id);
        assertTrue(tombstone.getBoolean("deleteMessage.deleted"));
        assertEquals("", tombstone.getString("deleteMessage.body"));
        assertEquals(List.of(), tombstone.getList("deleteMessage.edits"), "earlier versions go with the body");
        JsonPath page = GraphQL.as("bob").ok("query($r: ID!) { messages(roomId: $r) { items { id body deleted } } }", "r", roomId);
        assertEquals(List.of("before", "", "after"), page.getList("messages.items.body"));
        assertEquals(List.of(false, true, false), page.getList("messages.items.deleted"));
    }

    @Test
    void whoMayDelete() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        Fixtures.join("dave", roomId);
        Fixtures.join("carol", roomId);
        String byBob = Fixtures.message("bob", roomId, "owner's");
        assertEquals("FORBIDDEN", GraphQL.as("dave").errorCode(DELETE, "id", byBob), "a plain member may not");
        GraphQL.as("carol").ok(DELETE, "id", byBob);
        String byDave = Fixtures.message("dave", roomId, "member's");
        GraphQL.as("bob").ok(DELETE, "id", byDave);
        String byDaveAgain = Fixtures.message("dave", roomId, "member's again");
        GraphQL.as("dave").ok(DELETE, "id", byDaveAgain);
        String privateRoom = Fixtures.room("bob", "PRIVATE");
        String hidden = Fixtures.message("bob", privateRoom, "private");
        assertEquals("NOT_FOUND", GraphQL.as("dave").errorCode(DELETE, "id", hidden));
        GraphQL.as("alice").ok(DELETE, "id", hidden);
    }

    @Test
    void deletedMessagesCannotBeEditedOrDeletedAgain() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        String id = Fixtures.message("bob", roomId, "gone soon");
        GraphQL.as("bob").ok(DELETE, "id", id);
        long lastSeq = lastSeq(roomId);
        assertEquals("CONFLICT", GraphQL.as("bob").errorCode(EDIT, "id", id, "body", "back"));
        assertEquals("CONFLICT", GraphQL.as("bob").errorCode(DELETE, "id", id));
        assertEquals(lastSeq, lastSeq(roomId));
    }

    @Test
    void badBodiesAreRejectedAndChangeNothing() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        String id = Fixtures.message("bob", roomId, "keep me");
        long lastSeq = lastSeq(roomId);
        GraphQL bob = GraphQL.as("bob");
        for (String body : List.of("", "   ", "\n\t ", "x".repeat(4001), "nul\u0000byte")) {
            assertEquals("VALIDATION", bob.errorCode(SEND, "roomId", roomId, "body", body));
            assertEquals("VALIDATION", bob.errorCode(EDIT, "id", id, "body", body));
        }
        assertEquals("VALIDATION", bob.errorCode(SEND, "roomId", roomId, "body", "ok", "cid", " "));
        assertEquals("VALIDATION", bob.errorCode(SEND, "roomId", roomId, "body", "ok", "cid", "c".repeat(129)));
        assertEquals(lastSeq, lastSeq(roomId));
        assertEquals("keep me", bob.ok(MESSAGE, "id", id).getString("message.body"));
        bob.ok(SEND, "roomId", roomId, "body", "🙂".repeat(4000));
    }

    @Test
    void onlyMembersWrite() {
        String publicRoom = Fixtures.room("bob", "PUBLIC");
        String privateRoom = Fixtures.room("bob", "PRIVATE");
        assertEquals("FORBIDDEN", GraphQL.as("dave").errorCode(SEND, "roomId", publicRoom, "body", "hi"));
        assertEquals("NOT_FOUND", GraphQL.as("dave").errorCode(SEND, "roomId", privateRoom, "body", "hi"));
        assertEquals(2, lastSeq(publicRoom));
    }

    @Test
    void onlyMembersRead() {
        String publicRoom = Fixtures.room("bob", "PUBLIC");
        String privateRoom = Fixtures.room("bob", "PRIVATE");
        String inPublic = Fixtures.message("bob", publicRoom, "public words");
        String inPrivate = Fixtures.message("bob", privateRoom, "private words");
        String page = "query($r: ID!) { messages(roomId: $r) { items { body } } }";
        assertEquals("FORBIDDEN", GraphQL.as("dave").errorCode(page, "r", publicRoom), "no previews unless configured");
        assertEquals("NOT_FOUND", GraphQL.as("dave").errorCode(page, "r", privateRoom));
        assertEquals("NOT_FOUND", GraphQL.as("dave").errorCode(MESSAGE, "id", inPublic));
        assertEquals("NOT_FOUND", GraphQL.as("dave").errorCode(MESSAGE, "id", inPrivate));
        Fixtures.join("dave", publicRoom);
        assertEquals("public words", GraphQL.as("dave").ok(MESSAGE, "id", inPublic).getString("message.body"));
    }

    @Test
    void unknownAndMalformedIds() {
        GraphQL bob = GraphQL.as("bob");
        String unknown = "00000000-0000-0000-0000-000000000000";
        assertEquals("NOT_FOUND", bob.errorCode(MESSAGE, "id", unknown));
        assertEquals("NOT_FOUND", bob.errorCode(EDIT, "id", unknown, "body", "x"));
        assertEquals("NOT_FOUND", bob.errorCode(DELETE, "id", unknown));
        assertEquals("NOT_FOUND", bob.errorCode(SEND, "roomId", unknown, "body", "x"));
        assertEquals("VALIDATION", bob.errorCode(MESSAGE, "id", "42"));
        assertEquals("VALIDATION", bob.errorCode(EDIT, "id", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "body", "x"));
        assertEquals("VALIDATION", bob.errorCode(SEND, "roomId", "room-1", "body", "x"));
    }

    @Test
    void historyPagesByBeforeAfterAndAround() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        List<Long> seqs = IntStream.rangeClosed(1, 12)
                .mapToObj(i -> GraphQL.as("bob").ok(SEND, "roomId", roomId, "body", "m" + i).getLong("sendMessage.seq"))
                .toList();
        String query = """
                query($r: ID!, $before: BigInteger, $after: BigInteger, $around: BigInteger, $limit: Int) {
                  messages(roomId: $r, before: $before, after: $after, around: $around, limit: $limit) {
                    items { body seq } hasMoreBefore hasMoreAfter
                  }
                }
                """;
        JsonPath newest = GraphQL.as("bob").ok(query, "r", roomId, "limit", 5);
        assertEquals(List.of("m8", "m9", "m10", "m11", "m12"), newest.getList("messages.items.body"));
        assertTrue(newest.getBoolean("messages.hasMoreBefore"));
        assertFalse(newest.getBoolean("messages.hasMoreAfter"));

        JsonPath older = GraphQL.as("bob").ok(query, "r", roomId, "before", seqs.get(7), "limit", 5);
        assertEquals(List.of("m3", "m4", "m5", "m6", "m7"), older.getList("messages.items.body"));
        assertTrue(older.getBoolean("messages.hasMoreBefore"));
        assertTrue(older.getBoolean("messages.hasMoreAfter"));

        JsonPath oldest = GraphQL.as("bob").ok(query, "r", roomId, "before", seqs.get(2), "limit", 5);
        assertEquals(List.of("m1", "m2"), oldest.getList("messages.items.body"));
        assertFalse(oldest.getBoolean("messages.hasMoreBefore"));

        JsonPath newer = GraphQL.as("bob").ok(query, "r", roomId, "after", seqs.get(8), "limit", 5);
        assertEquals(List.of("m10", "m11", "m12"), newer.getList("messages.items.body"));
        assertTrue(newer.getBoolean("messages.hasMoreBefore"));
        assertFalse(newer.getBoolean("messages.hasMoreAfter"));

        JsonPath around = GraphQL.as("bob").ok(query, "r", roomId, "around", seqs.get(5), "limit", 4);
        assertEquals(List.of("m4", "m5", "m6", "m7"), around.getList("messages.items.body"));
        assertTrue(around.getBoolean("messages.hasMoreBefore"));
        assertTrue(around.getBoolean("messages.hasMoreAfter"));

        JsonPath all = GraphQL.as("bob").ok(query, "r", roomId, "after", 0, "limit", 100);
        assertEquals(seqs, all.getList("messages.items.seq", Long.class));
    }

    @Test
    void badPagingArgumentsAreValidationErrors() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        GraphQL bob = GraphQL.as("bob");
        String query = "query($r: ID!, $limit: Int) { messages(roomId: $r, limit: $limit) { items { id } } }";
        assertEquals("VALIDATION", bob.errorCode(query, "r", roomId, "limit", 0));
        assertEquals("VALIDATION", bob.errorCode(query, "r", roomId, "limit", -5));
        assertEquals("VALIDATION", bob.errorCode(query, "r", roomId, "limit", 101));
        assertEquals("VALIDATION", bob.errorCode("query($r: ID!) { messages(roomId: $r, before: -1) { items { id } } }", "r", roomId));
        assertEquals("VALIDATION", bob.errorCode("query($r: ID!) { messages(roomId: $r, before: 5, after: 2) { items { id } } }", "r", roomId));
        bob.send("query($r: ID!) { messages(roomId: $r, before: \"x\") { items { id } } }", "r", roomId)
                .body("errors[0].extensions.classification", equalTo("ValidationError"), "data", nullValue());
    }

    @Test
    void emptyRoomHasAnEmptyPage() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        JsonPath page = GraphQL.as("bob").ok("query($r: ID!) { messages(roomId: $r) { items { id } hasMoreBefore hasMoreAfter } }", "r", roomId);
        assertEquals(List.of(), page.getList("messages.items"));
        assertFalse(page.getBoolean("messages.hasMoreBefore"));
        assertFalse(page.getBoolean("messages.hasMoreAfter"));
    }

    private static long lastSeq(String roomId) {
        return GraphQL.as("bob").ok(LAST_SEQ, "id", roomId).getLong("room.lastSeq");
    }
}
