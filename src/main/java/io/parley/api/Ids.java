package io.parley.api;

import java.util.UUID;

/** Parses the opaque ids clients send back, turning garbage into a VALIDATION error. */
public final class Ids {

    private Ids() {
    }

    /** The UUID in {@code id}; {@code what} names it in the error ("room id"). */
    public static UUID uuid(String id, String what) {
        if (id == null || id.length() != 36) {
            throw new ValidationException("Malformed " + what + ": '" + abbreviate(id) + "'.");
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Malformed " + what + ": '" + abbreviate(id) + "'.");
        }
    }

    private static String abbreviate(String id) {
        if (id == null) {
            return "";
        }
        return id.length() <= 40 ? id : id.substring(0, 40) + "…";
    }
}
