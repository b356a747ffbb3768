package io.parley.realtime;

import io.parley.api.GuardedApi;
import io.parley.event.RoomEvent;
import io.parley.identity.User;
import io.parley.identity.UserService;
import io.parley.room.Room;
import io.parley.room.RoomService;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;
import org.reactivestreams.Publisher;

/**
 * GraphQL subscriptions (graphql-transport-ws at /graphql). Fields of events resolve in
 * batches and from the per-instance user cache, so a delivery costs no query per subscriber.
 */
@GraphQLApi
@GuardedApi
public class RealtimeGraphQL {

    private final RealtimeService realtime;
    private final UserService users;
    private final RoomService rooms;

    public RealtimeGraphQL(RealtimeService realtime, UserService users, RoomService rooms) {
        this.realtime = realtime;
        this.users = users;
        this.rooms = rooms;
    }

    @Subscription
    @NonNull
    @Description("Every durable event of a room you are a member of, in seq order, with no gap and no duplicate. "
            + "Pass afterSeq (the last seq you saw) to first receive everything you missed. The stream ends after "
            + "your own MEMBER_LEFT. If it completes without one, or the socket closes (1012: the server restarts; "
            + "4008: you fell too far behind), subscribe again with afterSeq.")
    public Uni<Publisher<RoomEvent>> roomEvents(@Name("roomId") @Id @NonNull String roomId, @Name("afterSeq") Long afterSeq) {
        return realtime.roomEvents(roomId, afterSeq);
    }

    @Subscription
    @NonNull
    @Description("Events addressed to you: being added to a room, leaving one from another device.")
    public Uni<Publisher<UserEvent>> myEvents() {
        return realtime.myEvents();
    }

    @Description("Who caused the event.")
    public Uni<List<User>> actor(@Source List<RoomEvent> events) {
        return users.inOrder(events.stream().map(RoomEvent::actorId).toList());
    }

    @Description("The member a MEMBER_JOINED or MEMBER_LEFT event is about.")
    public Uni<List<User>> user(@Source List<RoomEvent> events) {
        return users.inOrder(events.stream().map(RoomEvent::subjectUserId).toList());
    }

    @Name("actor")
    @Description("Who caused the event.")
    public Uni<List<User>> userEventActor(@Source List<UserEvent> events) {
        return users.inOrder(events.stream().map(UserEvent::actorId).toList());
    }

    @Name("room")
    @NonNull
    @Description("The room the event is about.")
    public Uni<List<Room>> userEventRoom(@Source List<UserEvent> events) {
        return rooms.inOrder(events.stream().map(UserEvent::roomId).toList());
    }
}
