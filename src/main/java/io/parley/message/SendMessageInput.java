package io.parley.message;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** A message to send. */
@Description("A message to send.")
@Input("SendMessageInput")
public record SendMessageInput(
        @Id @NonNull String roomId,
        @NonNull @Description("Not blank; at most the configured length (4,000 characters by default).") String body,
        @Description("A key the client picks per message (up to 128 characters). Sending the same key again "
                + "returns the first message instead of a duplicate, so retries are safe.") String clientMessageId) {
}
