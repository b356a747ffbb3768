package io.parley.room;

import io.parley.api.GuardedApi;
import io.parley.identity.User;
import io.parley.identity.UserService;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/**
 * GraphQL operations on rooms and memberships. Fields of a room or membership are resolved
 * in batches over all parents of a response (one query per field, never one per parent).
 */
@GraphQLApi
@GuardedApi
public class RoomGraphQL {

    private final RoomService rooms;
    private final UserService users;

    public RoomGraphQL(RoomService rooms, UserService users) {
        this.rooms = rooms;
        this.users = users;
    }

    @Query
    @Description("A room the signed-in user may see: a public room, or one they belong to.")
    public Uni<Room> room(@Name("id") @Id @NonNull String id) {
        return rooms.find(id);
    }

    @Query
    @NonNull
    @Description("The room directory: public rooms and the signed-in user's rooms, by name. "
            + "'query' filters on name and topic.")
    public Uni<RoomConnection> rooms(@Name("query") String query, @Name("first") Integer first,
            @Name("after") String after) {
        return rooms.directory(query, first, after);
    }

    @Mutation
    @NonNull
    @Description("Creates a room; the signed-in user becomes its owner.")
    public Uni<Room> createRoom(@Name("input") @NonNull CreateRoomInput input) {
        return rooms.create(input);
    }

    @Mutation
    @NonNull
    @Description("Changes a room's name, topic, description or visibility (owner, room moderators, admins).")
    public Uni<Room> updateRoom(@Name("id") @Id @NonNull String id, @Name("input") @NonNull UpdateRoomInput input) {
        return rooms.update(id, input);
    }

    @Mutation
    @NonNull
    @Description("Joins a public room; joining a room you are in returns your membership unchanged.")
    public Uni<Membership> joinRoom(@Name("roomId") @Id @NonNull String roomId) {
        return rooms.join(roomId);
    }

    @Mutation
    @NonNull
    @Description("Leaves a room.")
    public Uni<Boolean> leaveRoom(@Name("roomId") @Id @NonNull String roomId) {
        return rooms.leave(roomId);
    }

    @Mutation
    @NonNull
    @Description("Adds a user to a room (owner, room moderators, admins); adding a member again changes nothing.")
    public Uni<Membership> addRoomMember(@Name("roomId") @Id @NonNull String roomId,
            @Name("userId") @Id @NonNull String userId) {
        return rooms.addMember(roomId, userId);
    }

    @NonNull
    @Description("Who created the room.")
    public Uni<List<User>> creator(@Source List<Room> rooms) {
        return users.inOrder(rooms.stream().map(Room::creatorId).toList());
    }

    @Description("The signed-in user's membership of the room, if any.")
    public Uni<List<Membership>> myMembership(@Source List<Room> rooms) {
        return this.rooms.myMemberships(rooms);
    }

    @NonNull
    @Description("The room's members in the order they joined.")
    public Uni<List<MembershipConnection>> members(@Source List<Room> rooms, @Name("first") Integer first,
            @Name("after") String after) {
        return this.rooms.members(rooms, first, after);
    }

    @NonNull
    @Description("The room.")
    public Uni<List<Room>> room(@Source List<Membership> memberships) {
        return rooms.inOrder(memberships.stream().map(Membership::roomId).toList());
    }

    @NonNull
    @Description("The member.")
    public Uni<List<User>> user(@Source List<Membership> memberships) {
        return users.inOrder(memberships.stream().map(Membership::userId).toList());
    }
}
