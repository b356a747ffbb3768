package io.parley.support;

import java.util.UUID;

/** Short-cuts that set up rooms and messages through the public API. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A name no other test uses. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a room owned by {@code owner} and returns its id. */
    public static String room(String owner, String visibility, String... memberIds) {
        return GraphQL.as(owner).ok("""
                mutation($input: CreateRoomInput!) { createRoom(input: $input) { id } }
                """, "input", java.util.Map.of("name", uniqueName("room"), "visibility", visibility,
                "memberIds", java.util.List.of(memberIds))).getString("createRoom.id");
    }

    /** Sends a message as {@code author} and returns its id. */
    public static String message(String author, String roomId, String body) {
        return GraphQL.as(author).ok("""
                mutation($roomId: ID!, $body: String!) {
                  sendMessage(input: { roomId: $roomId, body: $body }) { id }
                }
                """, "roomId", roomId, "body", body).getString("sendMessage.id");
    }

    /** The user id (token subject) of a demo user, registering them with Parley on the way. */
    public static String userId(String username) {
        return GraphQL.as(username).ok("{ me { id } }").getString("me.id");
    }

    /** Makes {@code username} join a public room. */
    public static void join(String username, String roomId) {
        GraphQL.as(username).ok("mutation($id: ID!) { joinRoom(roomId: $id) { role } }", "id", roomId);
    }
}
