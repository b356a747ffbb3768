package io.parley.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the local Keycloak (password grant for the demo users), cached per user. */
public final class Tokens {

    public static final String TOKEN_URL = "http://127.0.0.1:8180/realms/parley/protocol/openid-connect/token";

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** An access token for a demo user; each demo user's password is their name. */
    public static String of(String username) {
        return CACHE.computeIfAbsent(username, name -> given()
                .formParams(Map.of("grant_type", "password", "client_id", "parley-app",
                        "username", name, "password", name))
                .post(TOKEN_URL)
                .then().statusCode(200)
                .extract().path("access_token"));
    }
}
