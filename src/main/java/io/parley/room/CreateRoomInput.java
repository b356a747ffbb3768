package io.parley.room;

import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** What a new room starts with. */
@Description("What a new room starts with. The creator becomes its owner.")
@Input("CreateRoomInput")
public record CreateRoomInput(
        @NonNull @Description("1 to 80 characters; unique among public rooms, whatever the case.") String name,
        @Description("Up to 250 characters.") String topic,
        @Description("Up to 2,000 characters.") String description,
        @DefaultValue("PUBLIC") Visibility visibility,
        @Description("Users to add as members right away.") @Id List<String> memberIds) {
}
