package io.parley.identity;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.support.GraphQL;
import io.parley.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** Sign-in end to end with real Keycloak tokens: who the caller is, and every way a token can be wrong. */
@QuarkusTest
class IdentityTest {

    @Test
    void meIsTakenFromTheTokenClaims() {
        JsonPath data = GraphQL.as("alice").ok("{ me { id username displayName } }");
        assertEquals("alice", data.getString("me.username"));
        assertEquals("Alice Admin", data.getString("me.displayName"));
    }

    @Test
    void aUserSeenOnceCanBeLookedUpByOthers() {
        String daveId = GraphQL.as("dave").ok("{ me { id } }").getString("me.id");
        JsonPath data = GraphQL.as("bob").ok("query($id: ID!) { user(id: $id) { username displayName } }", "id", daveId);
        assertEquals("dave", data.getString("user.username"));
        assertEquals("Dave Developer", data.getString("user.displayName"));
    }

    @Test
    void unknownUserIsNotFound() {
        assertEquals("NOT_FOUND", GraphQL.as("bob").errorCode("{ user(id: \"nobody\") { id } }"));
    }

    @Test
    void missingTokenIsUnauthenticated() {
        assertEquals("UNAUTHENTICATED", GraphQL.anonymous().errorCode("{ me { id } }"));
        assertEquals("UNAUTHENTICATED", GraphQL.anonymous().errorCode("""
                mutation { createRoom(input: { name: "sneaky" }) { id } }
                """));
    }

    @Test
    void garbageTokenIsUnauthenticated() {
        GraphQL.withToken("not-a-token").send("{ me { id } }")
                .statusCode(401)
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void tokenWithForgedSignatureIsUnauthenticated() {
        String token = Tokens.of("bob");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        GraphQL.withToken(forged).send("{ me { id } }")
                .statusCode(401)
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }
}
