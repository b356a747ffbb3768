package io.parley.realtime;

import io.parley.api.Ids;
import io.parley.api.UnauthenticatedException;
import io.parley.api.ValidationException;
import io.parley.config.ParleyConfig;
import io.parley.event.RoomEvent;
import io.parley.identity.Caller;
import io.parley.identity.CurrentCaller;
import io.parley.room.RoomService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import mutiny.zero.flow.adapters.AdaptersToReactiveStreams;
import org.reactivestreams.Publisher;

/** Opens live streams for the signed-in user: a room's durable events, and their own notices. */
@ApplicationScoped
public class RealtimeService {

    private final CurrentCaller currentCaller;
    private final RoomService rooms;
    private final RoomRelay roomRelay;
    private final UserRelay userRelay;
    private final LiveSockets sockets;
    private final ParleyConfig config;

    public RealtimeService(CurrentCaller currentCaller, RoomService rooms, RoomRelay roomRelay, UserRelay userRelay,
            LiveSockets sockets, ParleyConfig config) {
        this.sockets = sockets;
        this.currentCaller = currentCaller;
        this.rooms = rooms;
        this.roomRelay = roomRelay;
        this.userRelay = userRelay;
        this.config = config;
    }

    /**
     * A member's stream of the room's events after {@code afterSeq} (from now on when null),
     * once access is checked. It comes as a Uni of the stream so that a refusal reaches a
     * graphql-transport-ws client as an error (a stream that fails is dropped silently), and
     * as a Reactive Streams publisher because that is what graphql-java takes from a Uni.
     */
    public Uni<Publisher<RoomEvent>> roomEvents(String roomId, Long afterSeq) {
        UUID id = Ids.uuid(roomId, "room id");
        LiveSockets.Socket socket = sockets.current();
        if (afterSeq != null && afterSeq < 0) {
            throw new ValidationException("afterSeq must not be negative, was " + afterSeq + ".");
        }
        return signedIn(socket).chain(caller -> rooms.memberRoom(caller, id).map(room -> {
            if (afterSeq != null && afterSeq > room.lastSeq()) {
                throw new ValidationException("afterSeq " + afterSeq + " is ahead of the room, whose last seq is "
                        + room.lastSeq() + ".");
            }
            return AdaptersToReactiveStreams.publisher(roomRelay.subscribe(id, caller.id(), afterSeq, socket));
        }));
    }

    /** The signed-in user's notices from now on, on whichever instance they happen. */
    public Uni<Publisher<UserEvent>> myEvents() {
        return signedIn(sockets.current()).map(caller -> AdaptersToReactiveStreams.publisher(
                userRelay.subscribe(caller.id(), config.realtime().maxPending())));
    }

    /** The caller; a socket without a valid token is closed with 4401, as graphql-transport-ws prescribes. */
    private Uni<Caller> signedIn(LiveSockets.Socket socket) {
        return currentCaller.subscriber().onFailure(UnauthenticatedException.class).invoke(() -> socket.close(
                LiveSockets.UNAUTHORIZED, "Unauthorized: send {\"Authorization\": \"Bearer <token>\"} in connection_init"));
    }
}
