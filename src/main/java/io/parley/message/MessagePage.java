package io.parley.message;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** A window of a room's history, in ascending seq order. */
@Description("A window of a room's messages in ascending seq order, with whether more exist on either side.")
public record MessagePage(@NonNull List<@NonNull Message> items, boolean hasMoreBefore, boolean hasMoreAfter) {
}
