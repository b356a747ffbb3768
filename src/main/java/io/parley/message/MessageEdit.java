package io.parley.message;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** An earlier version of a message. */
@Description("An earlier version of a message: its body, when it was written and when an edit replaced it.")
public record MessageEdit(@NonNull String body, @NonNull OffsetDateTime writtenAt, @NonNull OffsetDateTime replacedAt) {
}
