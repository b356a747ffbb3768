package io.parley.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque connection cursors: the fields of a keyset position, joined and base64url-encoded.
 * Clients must treat them as opaque; anything that does not decode is a VALIDATION error.
 */
public final class Cursor {

    private static final char SEPARATOR = '\u001f';

    private Cursor() {
    }

    public static String encode(String... parts) {
        String joined = String.join(String.valueOf(SEPARATOR), parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code arity} parts of {@code cursor}. */
    public static List<String> decode(String cursor, int arity) {
        try {
            String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(joined.split(String.valueOf(SEPARATOR), -1));
            if (parts.size() == arity) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new ValidationException("Invalid cursor: pass back a cursor exactly as Parley returned it.");
    }
}
