package io.parley.room;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** Changes to a room; absent fields stay as they are, an empty topic or description clears it. */
@Description("Changes to a room: absent fields stay as they are; an empty topic or description clears it.")
@Input("UpdateRoomInput")
public record UpdateRoomInput(String name, String topic, String description, Visibility visibility) {
}
