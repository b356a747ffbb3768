package io.parley.room;

import io.parley.api.Clock;
import io.parley.api.ConflictException;
import io.parley.api.Cursor;
import io.parley.api.ForbiddenException;
import io.parley.api.Ids;
import io.parley.api.Limits;
import io.parley.api.NotFoundException;
import io.parley.api.PageInfo;
import io.parley.api.ValidationException;
import io.parley.config.ParleyConfig;
import io.parley.config.ParleyConfig.RoomCreators;
import io.parley.event.RoomEventLog;
import io.parley.event.RoomEventType;
import io.parley.identity.Caller;
import io.parley.identity.CurrentCaller;
import io.parley.identity.UserService;
import io.parley.realtime.Committed;
import io.parley.realtime.Publisher;
import io.parley.realtime.UserEvent;
import io.parley.realtime.UserEventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Rooms and memberships: creation, changes, joining and leaving, the directory, access rules. */
@ApplicationScoped
public class RoomService {

    static final int NAME_MAX = 80;
    static final int TOPIC_MAX = 250;
    static final int DESCRIPTION_MAX = 2000;
    static final int MEMBERS_DEFAULT = 50;
    static final int ROOMS_DEFAULT = 20;

    private final CurrentCaller currentCaller;
    private final RoomRepository rooms;
    private final MembershipRepository memberships;
    private final RoomEventLog log;
    private final UserService users;
    private final ParleyConfig config;
    private final Publisher publisher;

    public RoomService(CurrentCaller currentCaller, RoomRepository rooms, MembershipRepository memberships,
            RoomEventLog log, UserService users, ParleyConfig config, Publisher publisher) {
        this.currentCaller = currentCaller;
        this.rooms = rooms;
        this.memberships = memberships;
        this.log = log;
        this.users = users;
        this.config = config;
        this.publisher = publisher;
    }

    public Uni<Room> create(CreateRoomInput input) {
        return currentCaller.get().chain(caller -> publisher.commit(() -> {
            if (config.rooms().creators() == RoomCreators.ADMINS && !caller.admin()) {
                throw new ForbiddenException("Only admins may create rooms on this server.");
            }
            RoomEntity room = new RoomEntity();
            room.id = UUID.randomUUID();
            room.name = validName(input.name());
            room.topic = optionalText(input.topic(), "topic", TOPIC_MAX);
            room.description = optionalText(input.description(), "description", DESCRIPTION_MAX);
            room.visibility = input.visibility() == null ? Visibility.PUBLIC : input.visibility();
            room.creatorId = caller.id();
            room.createdAt = Clock.now();
            room.updatedAt = room.createdAt;
            Set<String> memberIds = new LinkedHashSet<>(input.memberIds() == null ? List.of() : input.memberIds());
            memberIds.remove(caller.id());
            return requireNameFree(room.name, room.visibility, room.id)
                    .chain(() -> requireUsersExist(memberIds))
                    .chain(() -> rooms.persist(room))
                    .chain(() -> log.appendNext(room, RoomEventType.ROOM_CREATED, room.createdAt, caller.id(), null, null))
                    .chain(() -> addMember(room, caller.id(), MemberRole.OWNER, caller.id()))
                    .chain(() -> addAll(room, memberIds, caller.id()))
                    .chain(() -> flushMappingNameClash(room))
                    .map(ignored -> Committed.of(room.toRoom(), room.id, room.lastSeq).telling(memberIds.stream()
                            .map(userId -> new UserEvent(UserEventType.ADDED_TO_ROOM, room.createdAt, userId,
                                    room.id.toString(), caller.id()))
                            .toList()));
        }));
    }

    public Uni<Room> update(String roomId, UpdateRoomInput input) {
        UUID id = Ids.uuid(roomId, "room id");
        return currentCaller.get().chain(caller -> publisher.commit(() -> lock(caller, id).chain(locked -> {
            locked.access().requireManager();
            RoomEntity room = locked.room();
            String name = input.name() == null ? room.name : validName(input.name());
            String topic = input.topic() == null ? room.topic : optionalText(input.topic(), "topic", TOPIC_MAX);
            String description = input.description() == null
                    ? room.description
                    : optionalText(input.description(), "description", DESCRIPTION_MAX);
            Visibility visibility = input.visibility() == null ? room.visibility : input.visibility();
            // Checked before the entity changes: a dirty room would be flushed by the check's own query.
            return requireNameFree(name, visibility, room.id)
                    .invoke(() -> {
                        room.name = name;
                        room.topic = topic;
                        room.description = description;
                        room.visibility = visibility;
                    })
                    .chain(() -> log.appendNext(room, RoomEventType.ROOM_UPDATED, Clock.now(),
                            locked.access().caller().id(), null, null))
                    .chain(() -> flushMappingNameClash(room))
                    .map(ignored -> Committed.of(room.toRoom(), room.id, room.lastSeq));
        })));
    }

    public Uni<Membership> join(String roomId) {
        UUID id = Ids.uuid(roomId, "room id");
        return currentCaller.get().chain(caller -> publisher.commit(() -> lock(caller, id).chain(locked -> {
            RoomAccess access = locked.access().requireVisible();
            Uni<MembershipEntity> membership;
            if (access.member()) {
                membership = memberships.find(id, access.caller().id());
            } else if (locked.room().visibility != Visibility.PUBLIC) {
                throw RoomAccess.notFound(id);
            } else {
                membership = addMember(locked.room(), access.caller().id(), MemberRole.MEMBER, access.caller().id());
            }
            return membership.map(joined -> Committed.of(joined.toMembership(), id, locked.room().lastSeq));
        })));
    }

    public Uni<Boolean> leave(String roomId) {
        UUID id = Ids.uuid(roomId, "room id");
        return currentCaller.get().chain(caller -> publisher.commit(() -> lock(caller, id).chain(locked -> {
            RoomAccess access = locked.access().requireVisible();
            if (!access.member()) {
                throw new NotFoundException("You are not a member of this room.");
            }
            RoomEntity room = locked.room();
            return memberships.delete("roomId = ?1 and userId = ?2", id, access.caller().id())
                    .invoke(() -> room.memberCount -= 1)
                    .chain(() -> log.appendNext(room, RoomEventType.MEMBER_LEFT, Clock.now(), access.caller().id(),
                            null, access.caller().id()))
                    .map(left -> Committed.of(true, id, room.lastSeq).telling(List.of(new UserEvent(
                            UserEventType.REMOVED_FROM_ROOM, left.at, access.caller().id(), id.toString(),
                            access.caller().id()))));
        })));
    }

    public Uni<Membership> addMember(String roomId, String userId) {
        UUID id = Ids.uuid(roomId, "room id");
        return currentCaller.get().chain(caller -> publisher.commit(() -> lock(caller, id).chain(locked -> {
            RoomAccess access = locked.access().requireManager();
            return requireUsersExist(Set.of(userId))
                    .chain(() -> memberships.find(id, userId))
                    .chain(existing -> existing != null
                            ? Uni.createFrom().item(Committed.of(existing.toMembership(), id, locked.room().lastSeq))
                            : addMember(locked.room(), userId, MemberRole.MEMBER, access.caller().id())
                                    .map(added -> Committed.of(added.toMembership(), id, locked.room().lastSeq)
                                            .telling(List.of(new UserEvent(UserEventType.ADDED_TO_ROOM,
                                                    added.joinedAt, userId, id.toString(), access.caller().id())))));
        })));
    }

    /** A room the caller may see. */
    public Uni<Room> find(String roomId) {
        UUID id = Ids.uuid(roomId, "room id");
        return currentCaller.get().chain(caller -> rooms.findView(id, caller.id()).map(view -> {
            if (view == null) {
                throw RoomAccess.notFound(id);
            }
            access(caller, id, view).requireVisible();
            return view.room();
        }));
    }

    /** The directory: public rooms and the caller's rooms, by name. */
    public Uni<RoomConnection> directory(String query, Integer first, String after) {
        int limit = Limits.pageSize(first, ROOMS_DEFAULT, config.rooms().pageMax(), "first");
        String pattern = query == null || query.isBlank() ? null : "%" + escapeLike(query.strip()) + "%";
        String afterName = null;
        UUID afterId = null;
        if (after != null) {
            List<String> parts = Cursor.decode(after, 2);
            afterName = parts.get(0);
            afterId = Ids.uuid(parts.get(1), "cursor");
        }
        String name = afterName;
        UUID lastId = afterId;
        return currentCaller.get()
                .chain(caller -> rooms.directory(caller.id(), pattern, name, lastId, limit + 1))
                .map(found -> {
                    List<RoomConnection.RoomEdge> edges = new ArrayList<>();
                    for (Room room : found.subList(0, Math.min(limit, found.size()))) {
                        edges.add(new RoomConnection.RoomEdge(Cursor.encode(room.name().toLowerCase(), room.id()), room));
                    }
                    String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
                    return new RoomConnection(edges, new PageInfo(found.size() > limit, endCursor));
                });
    }

    /** For each room, a page of its members; the rooms are ones the caller was allowed to see. */
    public Uni<List<MembershipConnection>> members(List<Room> visibleRooms, Integer first, String after) {
        int limit = Limits.pageSize(first, MEMBERS_DEFAULT, config.rooms().pageMax(), "first");
        OffsetDateTime afterJoinedAt = null;
        String afterUserId = null;
        if (after != null) {
            List<String> parts = Cursor.decode(after, 2);
            try {
                afterJoinedAt = OffsetDateTime.parse(parts.get(0));
            } catch (RuntimeException e) {
                throw new ValidationException("Invalid cursor: pass back a cursor exactly as Parley returned it.");
            }
            afterUserId = parts.get(1);
        }
        List<UUID> ids = visibleRooms.stream().map(room -> UUID.fromString(room.id())).toList();
        return memberships.firstMembers(ids, afterJoinedAt, afterUserId, limit + 1).map(byRoom -> ids.stream()
                .map(id -> toConnection(byRoom.getOrDefault(id, List.of()), limit))
                .toList());
    }

    /** The caller's membership of each room (null where not a member). */
    public Uni<List<Membership>> myMemberships(List<Room> visibleRooms) {
        List<UUID> ids = visibleRooms.stream().map(room -> UUID.fromString(room.id())).toList();
        return currentCaller.get()
                .chain(caller -> memberships.ofUser(caller.id(), ids))
                .map(mine -> ids.stream().map(mine::get).toList());
    }

    /** The rooms with these ids, in the same order; the caller was already allowed to see each. */
    public Uni<List<Room>> inOrder(List<String> visibleRoomIds) {
        List<UUID> ids = visibleRoomIds.stream().map(UUID::fromString).toList();
        return rooms.findByIds(ids.stream().distinct().toList()).map(found -> ids.stream().map(found::get).toList());
    }

    /** A room the caller is a member of, for live delivery. */
    public Uni<Room> memberRoom(Caller caller, UUID roomId) {
        return rooms.findView(roomId, caller.id()).map(view -> {
            if (view == null) {
                throw RoomAccess.notFound(roomId);
            }
            access(caller, roomId, view).requireMember();
            return view.room();
        });
    }

    /** What the caller may do in a room, from a fresh read; NOT_FOUND if there is no such room. */
    public Uni<RoomAccess> access(Caller caller, UUID roomId) {
        return rooms.findView(roomId, caller.id()).map(view -> {
            if (view == null) {
                throw RoomAccess.notFound(roomId);
            }
            return access(caller, roomId, view);
        });
    }

    /**
     * Locks the room for the current transaction and returns it with the caller's access;
     * NOT_FOUND if there is no such room. Every write that appends to the room's log starts here.
     */
    public Uni<LockedRoom> lock(Caller caller, UUID roomId) {
        return rooms.lock(roomId).chain(room -> {
            if (room == null) {
                throw RoomAccess.notFound(roomId);
            }
            return memberships.find(roomId, caller.id()).map(membership -> new LockedRoom(room,
                    new RoomAccess(roomId, room.visibility, membership == null ? null : membership.role, caller)));
        });
    }

    private static RoomAccess access(Caller caller, UUID roomId, RoomRepository.RoomView view) {
        return new RoomAccess(roomId, view.room().visibility(), view.role(), caller);
    }

    private Uni<MembershipEntity> addMember(RoomEntity lockedRoom, String userId, MemberRole role, String actorId) {
        MembershipEntity membership = new MembershipEntity();
        membership.roomId = lockedRoom.id;
        membership.userId = userId;
        membership.role = role;
        membership.joinedAt = Clock.now();
        lockedRoom.memberCount += 1;
        return memberships.persist(membership)
                .call(() -> log.appendNext(lockedRoom, RoomEventType.MEMBER_JOINED, membership.joinedAt, actorId,
                        null, userId));
    }

    private Uni<Void> addAll(RoomEntity lockedRoom, Set<String> userIds, String actorId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String userId : userIds) {
            chain = chain.chain(() -> addMember(lockedRoom, userId, MemberRole.MEMBER, actorId)).replaceWithVoid();
        }
        return chain;
    }

    private Uni<Void> requireUsersExist(Set<String> userIds) {
        return users.byIds(userIds).invoke(found -> {
            for (String userId : userIds) {
                if (!found.containsKey(userId)) {
                    throw new NotFoundException("No user has id '" + userId + "'.");
                }
            }
        }).replaceWithVoid();
    }

    private Uni<Void> requireNameFree(String name, Visibility visibility, UUID roomId) {
        if (visibility != Visibility.PUBLIC) {
            return Uni.createFrom().voidItem();
        }
        return rooms.publicNameTaken(name, roomId).invoke(taken -> {
            if (taken) {
                throw nameTaken(name);
            }
        }).replaceWithVoid();
    }

    /** Flushes now so that a name taken by a concurrent transaction is reported as a conflict. */
    private Uni<Void> flushMappingNameClash(RoomEntity room) {
        return rooms.flush().onFailure(failure -> mentions(failure, "rooms_public_name_key"))
                .transform(failure -> nameTaken(room.name));
    }

    private static boolean mentions(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(constraint)) {
                return true;
            }
        }
        return false;
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("A public room named '" + name + "' already exists: choose another name.");
    }

    private static MembershipConnection toConnection(List<Membership> found, int limit) {
        List<MembershipConnection.MembershipEdge> edges = new ArrayList<>();
        for (Membership membership : found.subList(0, Math.min(limit, found.size()))) {
            edges.add(new MembershipConnection.MembershipEdge(
                    Cursor.encode(membership.joinedAt().toString(), membership.userId()), membership));
        }
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new MembershipConnection(edges, new PageInfo(found.size() > limit, endCursor));
    }

    static String validName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw new ValidationException("A room name must not be empty.");
        }
        checkLength(name, "name", NAME_MAX);
        return name;
    }

    /** A stripped optional text; blank means none. */
    static String optionalText(String raw, String field, int max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        checkLength(text, field, max);
        return text;
    }

    private static void checkLength(String text, String field, int max) {
        if (text.codePointCount(0, text.length()) > max) {
            throw new ValidationException("A room " + field + " must be at most " + max + " characters.");
        }
        boolean multiline = !"name".equals(field);
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\t')))) {
            throw new ValidationException("A room " + field + " must not contain control characters.");
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A room locked in the current transaction, with the caller's access to it. */
    public record LockedRoom(RoomEntity room, RoomAccess access) {
    }
}
