package io.parley.identity;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** A person known to Parley from their token. */
@Description("A person known to Parley from their sign-in token.")
public record User(@Id @NonNull String id, @NonNull String username, @NonNull String displayName) {
}
