package io.parley.realtime;

import org.eclipse.microprofile.graphql.Description;

/** The kinds of event addressed to one user. */
@Description("The kinds of event addressed to one user.")
public enum UserEventType {
    /** Someone added the user to a room. */
    ADDED_TO_ROOM,
    /** The user left a room (from any of their devices). */
    REMOVED_FROM_ROOM
}
