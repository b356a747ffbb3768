package io.parley.realtime;

import java.util.List;
import java.util.UUID;

/** What a committed write returns, and what it changed for live delivery: a room's new last seq and notices to users. */
public record Committed<T>(T result, UUID roomId, long lastSeq, List<UserEvent> userEvents) {

    public static <T> Committed<T> of(T result, UUID roomId, long lastSeq) {
        return new Committed<>(result, roomId, lastSeq, List.of());
    }

    public Committed<T> telling(List<UserEvent> events) {
        return new Committed<>(result, roomId, lastSeq, events);
    }
}
