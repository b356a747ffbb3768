package io.parley.room;

import io.parley.api.ForbiddenException;
import io.parley.api.NotFoundException;
import io.parley.identity.Caller;
import java.util.UUID;

/**
 * What one caller may do in one room, decided from the room's visibility and the caller's
 * membership. Rooms the caller may not see are reported as not found, so their existence
 * does not leak.
 */
public record RoomAccess(UUID roomId, Visibility visibility, MemberRole role, Caller caller) {

    public boolean member() {
        return role != null;
    }

    public boolean visible() {
        return visibility == Visibility.PUBLIC || member();
    }

    /** Owners, room moderators and global admins manage a room. */
    public boolean manages() {
        return (role != null && role.manages()) || caller.admin();
    }

    /** Members read messages; so may anyone in a public room when previews are on. */
    public boolean readsMessages(boolean publicPreview) {
        return member() || (publicPreview && visibility == Visibility.PUBLIC);
    }

    /** Room owners and moderators, and global admins and moderators, remove others' messages. */
    public boolean moderatesMessages() {
        return (role != null && role.manages()) || caller.staff();
    }

    public RoomAccess requireVisible() {
        if (!visible()) {
            throw notFound(roomId);
        }
        return this;
    }

    public RoomAccess requireMember() {
        requireVisible();
        if (!member()) {
            throw new ForbiddenException("You are not a member of this room: join it first.");
        }
        return this;
    }

    public RoomAccess requireManager() {
        requireVisible();
        if (!manages()) {
            throw new ForbiddenException("Only the room's owner, its moderators or an admin may do this.");
        }
        return this;
    }

    public static NotFoundException notFound(UUID roomId) {
        return new NotFoundException("No room has id '" + roomId + "'.");
    }
}
