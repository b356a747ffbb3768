package io.parley.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.Fixtures;
import io.parley.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rooms through the GraphQL API: creating, changing, the directory, joining and leaving, members. */
@QuarkusTest
class RoomTest {

    private static final String CREATE = """
            mutation($input: CreateRoomInput!) {
              createRoom(input: $input) {
                id name topic description visibility memberCount lastSeq createdAt
                creator { username }
                myMembership { role }
              }
            }
            """;
    private static final String ROOM = """
            query($id: ID!) { room(id: $id) { id name topic visibility memberCount myMembership { role } } }
            """;
    private static final String UPDATE = """
            mutation($id: ID!, $input: UpdateRoomInput!) { updateRoom(id: $id, input: $input) { name topic visibility } }
            """;
    private static final String JOIN = "mutation($id: ID!) { joinRoom(roomId: $id) { role user { username } room { id } } }";
    private static final String LEAVE = "mutation($id: ID!) { leaveRoom(roomId: $id) }";

    @Test
    void creatorOwnsTheNewRoom() {
        String name = Fixtures.uniqueName("Général 🚀");
        JsonPath room = GraphQL.as("bob").ok(CREATE, "input",
                Map.of("name", "  " + name + "  ", "topic", "talk", "description", "all things"));
        assertEquals(name, room.getString("createRoom.name"));
        assertEquals("talk", room.getString("createRoom.topic"));
        assertEquals("PUBLIC", room.getString("createRoom.visibility"));
        assertEquals(1, room.getInt("createRoom.memberCount"));
        assertEquals(2, room.getLong("createRoom.lastSeq"), "ROOM_CREATED and the owner's MEMBER_JOINED");
        assertEquals("bob", room.getString("createRoom.creator.username"));
        assertEquals("OWNER", room.getString("createRoom.myMembership.role"));
    }

    @Test
    void invalidNamesAreRejectedAndCreateNothing() {
        GraphQL bob = GraphQL.as("bob");
        int before = directorySize("bob");
        assertEquals("VALIDATION", bob.errorCode(CREATE, "input", Map.of("name", "")));
        assertEquals("VALIDATION", bob.errorCode(CREATE, "input", Map.of("name", "   ")));
        assertEquals("VALIDATION", bob.errorCode(CREATE, "input", Map.of("name", "x".repeat(81))));
        assertEquals("VALIDATION", bob.errorCode(CREATE, "input", Map.of("name", "tab\tname")));
        assertEquals("VALIDATION", bob.errorCode(CREATE, "input", Map.of("name", "ok", "topic", "t".repeat(251))));
        assertEquals(before, directorySize("bob"));
        bob.ok(CREATE, "input", Map.of("name", "é".repeat(80)));
    }

    @Test
    void publicNamesAreUniqueWhateverTheCase() {
        String name = Fixtures.uniqueName("Lobby");
        GraphQL.as("bob").ok(CREATE, "input", Map.of("name", name));
        assertEquals("CONFLICT", GraphQL.as("dave").errorCode(CREATE, "input", Map.of("name", name.toUpperCase())));
        GraphQL.as("dave").ok(CREATE, "input", Map.of("name", name, "visibility", "PRIVATE"));
        String privateId = Fixtures.room("dave", "PRIVATE");
        assertEquals("CONFLICT", GraphQL.as("dave").errorCode(UPDATE, "id", privateId,
                "input", Map.of("name", name.toLowerCase(), "visibility", "PUBLIC")));
    }

    @Test
    void ownerAndAdminMayUpdateOthersMayNot() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        Fixtures.join("dave", roomId);
        assertEquals("FORBIDDEN", GraphQL.as("dave").errorCode(UPDATE, "id", roomId, "input", Map.of("topic", "mine")));
        assertEquals("new topic", GraphQL.as("bob").ok(UPDATE, "id", roomId, "input", Map.of("topic", "new topic"))
                .getString("updateRoom.topic"));
        assertEquals("PRIVATE", GraphQL.as("alice").ok(UPDATE, "id", roomId, "input", Map.of("visibility", "PRIVATE"))
                .getString("updateRoom.visibility"));
        JsonPath room = GraphQL.as("bob").ok(UPDATE, "id", roomId, "input", Map.of("topic", ""));
        assertNull(room.getString("updateRoom.topic"), "an empty topic clears it");
    }

    @Test
    void joinLeaveAndMemberCount() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        JsonPath joined = GraphQL.as("dave").ok(JOIN, "id", roomId);
        assertEquals("MEMBER", joined.getString("joinRoom.role"));
        assertEquals("dave", joined.getString("joinRoom.user.username"));
        GraphQL.as("dave").ok(JOIN, "id", roomId);
        assertEquals(2, GraphQL.as("dave").ok(ROOM, "id", roomId).getInt("room.memberCount"), "joining twice is one member");
        assertTrue(GraphQL.as("dave").ok(LEAVE, "id", roomId).getBoolean("leaveRoom"));
        JsonPath room = GraphQL.as("dave").ok(ROOM, "id", roomId);
        assertEquals(1, room.getInt("room.memberCount"));
        assertNull(room.get("room.myMembership"));
        assertEquals("NOT_FOUND", GraphQL.as("dave").errorCode(LEAVE, "id", roomId));
    }

    @Test
    void privateRoomsAreInvisibleToNonMembers() {
        String daveId = Fixtures.userId("dave");
        String roomId = Fixtures.room("bob", "PRIVATE");
        assertEquals("NOT_FOUND", GraphQL.as("dave").errorCode(ROOM, "id", roomId));
        assertEquals("NOT_FOUND", GraphQL.as("dave").errorCode(JOIN, "id", roomId));
        assertFalse(directoryIds("dave").contains(roomId));
        JsonPath added = GraphQL.as("bob").ok("""
                mutation($room: ID!, $user: ID!) { addRoomMember(roomId: $room, userId: $user) { role user { username } } }
                """, "room", roomId, "user", daveId);
        assertEquals("dave", added.getString("addRoomMember.user.username"));
        assertEquals("MEMBER", GraphQL.as("dave").ok(ROOM, "id", roomId).getString("room.myMembership.role"));
        assertTrue(directoryIds("dave").contains(roomId));
    }

    @Test
    void onlyManagersAddMembers() {
        String carolId = Fixtures.userId("carol");
        String roomId = Fixtures.room("bob", "PUBLIC");
        Fixtures.join("dave", roomId);
        String add = "mutation($room: ID!, $user: ID!) { addRoomMember(roomId: $room, userId: $user) { role } }";
        assertEquals("FORBIDDEN", GraphQL.as("dave").errorCode(add, "room", roomId, "user", carolId));
        assertEquals("NOT_FOUND", GraphQL.as("bob").errorCode(add, "room", roomId, "user", "no-such-user"));
    }

    @Test
    void createWithInitialMembers() {
        String daveId = Fixtures.userId("dave");
        String roomId = Fixtures.room("bob", "PRIVATE", daveId);
        JsonPath room = GraphQL.as("dave").ok("""
                query($id: ID!) { room(id: $id) { memberCount members { edges { node { role user { username } } } } } }
                """, "id", roomId);
        assertEquals(2, room.getInt("room.memberCount"));
        assertEquals(List.of("bob", "dave"), room.getList("room.members.edges.node.user.username"));
        assertEquals(List.of("OWNER", "MEMBER"), room.getList("room.members.edges.node.role"));
    }

    @Test
    void directoryFiltersAndPagesByName() {
        String tag = Fixtures.uniqueName("zeta");
        for (String suffix : List.of("c", "a", "e", "b", "d")) {
            GraphQL.as("bob").ok(CREATE, "input", Map.of("name", tag + "-" + suffix, "topic", "letters"));
        }
        GraphQL.as("bob").ok(CREATE, "input", Map.of("name", tag + "-secret", "visibility", "PRIVATE"));
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            JsonPath page = GraphQL.as("dave").ok("""
                    query($q: String, $after: String) {
                      rooms(query: $q, first: 2, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } }
                    }
                    """, "q", tag, "after", after);
            seen.addAll(page.getList("rooms.edges.node.name"));
            more = page.getBoolean("rooms.pageInfo.hasNextPage");
            after = page.getString("rooms.pageInfo.endCursor");
        }
        assertEquals(List.of(tag + "-a", tag + "-b", tag + "-c", tag + "-d", tag + "-e"), seen);
        assertEquals(6, GraphQL.as("bob").ok("query($q: String) { rooms(query: $q) { edges { node { id } } } }",
                "q", tag.toUpperCase()).getList("rooms.edges").size(), "bob also sees his private room");
        assertEquals(0, GraphQL.as("bob").ok("{ rooms(query: \"%_%\") { edges { node { id } } } }")
                .getList("rooms.edges").size(), "LIKE wildcards are matched literally");
    }

    @Test
    void badDirectoryArgumentsAreValidationErrors() {
        GraphQL dave = GraphQL.as("dave");
        assertEquals("VALIDATION", dave.errorCode("{ rooms(first: 0) { edges { cursor } } }"));
        assertEquals("VALIDATION", dave.errorCode("{ rooms(first: -1) { edges { cursor } } }"));
        assertEquals("VALIDATION", dave.errorCode("{ rooms(first: 101) { edges { cursor } } }"));
        assertEquals("VALIDATION", dave.errorCode("{ rooms(after: \"garbage!\") { edges { cursor } } }"));
        assertEquals("VALIDATION", dave.errorCode("{ rooms(after: \"Zm9v\") { edges { cursor } } }"));
    }

    @Test
    void unknownAndMalformedRoomIds() {
        GraphQL dave = GraphQL.as("dave");
        assertEquals("NOT_FOUND", dave.errorCode(ROOM, "id", "00000000-0000-0000-0000-000000000000"));
        assertEquals("VALIDATION", dave.errorCode(ROOM, "id", "not-a-uuid"));
        assertEquals("NOT_FOUND", dave.errorCode(JOIN, "id", "00000000-0000-0000-0000-000000000000"));
        assertEquals("VALIDATION", dave.errorCode(LEAVE, "id", "1234"));
    }

    @Test
    void membersArePagedInJoinOrder() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        Fixtures.join("dave", roomId);
        Fixtures.join("carol", roomId);
        String query = """
                query($id: ID!, $after: String) {
                  room(id: $id) { members(first: 2, after: $after) { edges { node { user { username } } } pageInfo { hasNextPage endCursor } } }
                }
                """;
        JsonPath first = GraphQL.as("alice").ok(query, "id", roomId, "after", null);
        assertEquals(List.of("bob", "dave"), first.getList("room.members.edges.node.user.username"));
        assertTrue(first.getBoolean("room.members.pageInfo.hasNextPage"));
        JsonPath second = GraphQL.as("alice").ok(query, "id", roomId, "after", first.getString("room.members.pageInfo.endCursor"));
        assertEquals(List.of("carol"), second.getList("room.members.edges.node.user.username"));
        assertFalse(second.getBoolean("room.members.pageInfo.hasNextPage"));
    }

    private static int directorySize(String user) {
        return directoryIds(user).size();
    }

    private static List<String> directoryIds(String user) {
        List<String> ids = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            JsonPath page = GraphQL.as(user).ok("""
                    query($after: String) { rooms(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }
                    """, "after", after);
            ids.addAll(page.getList("rooms.edges.node.id"));
            more = page.getBoolean("rooms.pageInfo.hasNextPage");
            after = page.getString("rooms.pageInfo.endCursor");
        }
        return ids;
    }
}
