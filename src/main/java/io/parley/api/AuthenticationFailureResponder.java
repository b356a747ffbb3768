package io.parley.api;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Answers a request whose bearer token is invalid or expired with HTTP 401 and a GraphQL
 * error body ({@code extensions.code = UNAUTHENTICATED}), so GraphQL clients see the same
 * error shape for a bad token as for a missing one.
 */
@Singleton
public class AuthenticationFailureResponder {

    static final String BODY = new JsonObject()
            .put("errors", new JsonArray().add(new JsonObject()
                    .put("message", "The bearer token is invalid or expired: sign in again.")
                    .put("extensions", new JsonObject().put("code", "UNAUTHENTICATED"))))
            .encode();

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.failure() instanceof AuthenticationFailedException && !context.response().ended()) {
                context.response()
                        .setStatusCode(401)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("WWW-Authenticate", "Bearer")
                        .end(BODY);
            } else {
                context.next();
            }
        });
    }
}
