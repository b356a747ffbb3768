package io.parley.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.support.Fixtures;
import io.parley.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configurable room policies: admins-only room creation and public-room previews. */
@QuarkusTest
@TestProfile(RoomPolicyTest.AdminsCreatePublicPreview.class)
class RoomPolicyTest {

    @Test
    void onlyAdminsCreateRoomsWhenConfigured() {
        String create = "mutation($name: String!) { createRoom(input: { name: $name }) { id } }";
        assertEquals("FORBIDDEN", GraphQL.as("bob").errorCode(create, "name", Fixtures.uniqueName("nope")));
        assertEquals("FORBIDDEN", GraphQL.as("carol").errorCode(create, "name", Fixtures.uniqueName("nope")));
        GraphQL.as("alice").ok(create, "name", Fixtures.uniqueName("yes"));
    }

    @Test
    void nonMembersPreviewPublicRoomsButStillCannotWrite() {
        String publicRoom = Fixtures.room("alice", "PUBLIC");
        String privateRoom = Fixtures.room("alice", "PRIVATE");
        Fixtures.message("alice", publicRoom, "welcome");
        Fixtures.message("alice", privateRoom, "hidden");
        String page = "query($r: ID!) { messages(roomId: $r) { items { body } } }";
        assertEquals(List.of("welcome"), GraphQL.as("dave").ok(page, "r", publicRoom).getList("messages.items.body"));
        assertEquals("NOT_FOUND", GraphQL.as("dave").errorCode(page, "r", privateRoom));
        assertEquals("FORBIDDEN", GraphQL.as("dave").errorCode("""
                mutation($r: ID!) { sendMessage(input: { roomId: $r, body: "hi" }) { id } }
                """, "r", publicRoom));
    }

    /** Admins-only room creation, previews on. */
    public static class AdminsCreatePublicPreview implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.rooms.creators", "ADMINS", "parley.rooms.public-preview", "true");
        }
    }
}
