package io.parley.api;

/** Checks page sizes that clients ask for. */
public final class Limits {

    private Limits() {
    }

    /** {@code requested}, or {@code fallback} when absent; outside 1..max it is a VALIDATION error. */
    public static int pageSize(Integer requested, int fallback, int max, String argument) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1 || requested > max) {
            throw new ValidationException("'" + argument + "' must be between 1 and " + max + ", was " + requested + ".");
        }
        return requested;
    }
}
