package io.parley.event;

import org.eclipse.microprofile.graphql.Description;

/** The kinds of durable event in a room's log. */
@Description("The kinds of durable event in a room's log.")
public enum RoomEventType {
    ROOM_CREATED,
    ROOM_UPDATED,
    MEMBER_JOINED,
    MEMBER_LEFT,
    MESSAGE_CREATED,
    MESSAGE_EDITED,
    MESSAGE_DELETED
}
