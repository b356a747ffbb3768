package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.support.Fixtures;
import io.parley.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;

/**
 * One request that resolves many nested fields at once. GraphQL resolves sibling fields
 * concurrently; this fails if two of them ever share a reactive session or a connection.
 */
@QuarkusTest
class NestedFieldsTest {

    @RepeatedTest(3)
    void resolvesRoomsMembersMessagesAuthorsAndEditsTogether() {
        String tag = Fixtures.uniqueName("nest");
        String daveId = Fixtures.userId("dave");
        String first = GraphQL.as("bob").ok("""
                mutation($name: String!, $dave: ID!) { createRoom(input: { name: $name, memberIds: [$dave] }) { id } }
                """, "name", tag + "-1", "dave", daveId).getString("createRoom.id");
        String second = GraphQL.as("dave").ok("""
                mutation($name: String!) { createRoom(input: { name: $name }) { id } }
                """, "name", tag + "-2").getString("createRoom.id");
        String edited = Fixtures.message("dave", first, "draft");
        GraphQL.as("dave").ok("mutation($id: ID!) { editMessage(id: $id, body: \"final\") { id } }", "id", edited);
        Fixtures.message("bob", first, "reply");
        Fixtures.message("dave", second, "alone");

        JsonPath data = GraphQL.as("dave").ok("""
                query($q: String!, $first: ID!, $second: ID!) {
                  me { username }
                  rooms(query: $q) {
                    edges { node {
                      name creator { username } myMembership { role room { name } user { username } }
                      members { edges { node { role user { displayName } room { memberCount } } } }
                    } }
                  }
                  a: messages(roomId: $first) { items { body author { username } edits { body } } }
                  b: messages(roomId: $second) { items { body author { username } edits { body } } }
                  r1: room(id: $first) { creator { username } members { edges { node { user { username } } } } }
                  r2: room(id: $second) { creator { username } myMembership { role } }
                }
                """, "q", tag, "first", first, "second", second);
        assertEquals("dave", data.getString("me.username"));
        assertEquals(List.of("bob", "dave"), data.getList("rooms.edges.node.creator.username"));
        assertEquals(List.of("MEMBER", "OWNER"), data.getList("rooms.edges.node.myMembership.role"));
        assertEquals(List.of("final", "reply"), data.getList("a.items.body"));
        assertEquals(List.of("dave", "bob"), data.getList("a.items.author.username"));
        assertEquals(List.of("draft"), data.getList("a.items[0].edits.body"));
        assertEquals(List.of("alone"), data.getList("b.items.body"));
        assertEquals(List.of("bob", "dave"), data.getList("r1.members.edges.node.user.username"));
        assertEquals("OWNER", data.getString("r2.myMembership.role"));
    }
}
