package io.parley.room;

import org.eclipse.microprofile.graphql.Description;

/** A member's role in one room. */
@Description("A member's role in one room.")
public enum MemberRole {
    /** Created the room; manages it. */
    OWNER,
    /** Manages the room and its messages. */
    MODERATOR,
    /** Reads and writes messages. */
    MEMBER;

    boolean manages() {
        return this == OWNER || this == MODERATOR;
    }
}
