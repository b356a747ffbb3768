package io.parley.realtime;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/** An event addressed to one user, delivered live to all their connections. */
@Description("An event addressed to the signed-in user, such as being added to a room.")
public record UserEvent(
        @NonNull UserEventType type,
        @NonNull OffsetDateTime at,
        @Ignore String userId,
        @Ignore String roomId,
        @Ignore String actorId) {

    JsonObject toJson() {
        return new JsonObject().put("type", type.name()).put("at", at.toString()).put("userId", userId)
                .put("roomId", roomId).put("actorId", actorId);
    }

    static UserEvent fromJson(JsonObject json) {
        return new UserEvent(UserEventType.valueOf(json.getString("type")), OffsetDateTime.parse(json.getString("at")),
                json.getString("userId"), json.getString("roomId"), json.getString("actorId"));
    }
}
