package io.parley.room;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** A user's membership of a room. */
@Description("A user's membership of a room.")
public record Membership(
        @Id @NonNull String roomId,
        @Id @NonNull String userId,
        @NonNull MemberRole role,
        @NonNull OffsetDateTime joinedAt) {
}
