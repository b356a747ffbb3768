package io.parley.room;

import io.parley.api.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.NonNull;

/** One page of a room's members, Relay style, in the order they joined. */
public record MembershipConnection(@NonNull List<@NonNull MembershipEdge> edges, @NonNull PageInfo pageInfo) {

    /** A membership and the cursor to continue after it. */
    public record MembershipEdge(@NonNull String cursor, @NonNull Membership node) {
    }
}
