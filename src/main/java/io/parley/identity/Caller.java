package io.parley.identity;

/** The signed-in user making a request, with the global roles of their token. */
public record Caller(String id, String username, String displayName, boolean admin, boolean moderator) {

    /** Whether the caller moderates the whole service (global admin or moderator). */
    public boolean staff() {
        return admin || moderator;
    }

    User asUser() {
        return new User(id, username, displayName);
    }
}
