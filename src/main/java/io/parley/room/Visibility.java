package io.parley.room;

import org.eclipse.microprofile.graphql.Description;

/** Who can find and join a room. */
@Description("Who can find and join a room.")
public enum Visibility {
    /** Listed in the directory; any signed-in user may join. */
    PUBLIC,
    /** Hidden from non-members; members are added by the room's owner or moderators. */
    PRIVATE
}
