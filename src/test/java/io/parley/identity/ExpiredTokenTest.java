package io.parley.identity;

import static org.hamcrest.Matchers.equalTo;

import io.parley.support.GraphQL;
import io.parley.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A token past its lifetime is refused. Keycloak's tokens live an hour, so this profile
 * caps the accepted token age at one second: a real token then expires while the test waits.
 */
@QuarkusTest
@TestProfile(ExpiredTokenTest.OneSecondTokens.class)
class ExpiredTokenTest {

    @Test
    void expiredTokenIsUnauthenticated() {
        String token = Tokens.of("bob");
        Awaitility.await("the token expires").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> GraphQL.withToken(token).send("{ me { id } }").extract().statusCode() == 401);
        GraphQL.withToken(token).send("{ me { id } }")
                .statusCode(401)
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    /** Tokens older than one second count as expired. */
    public static class OneSecondTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.token.age", "1S");
        }
    }
}
