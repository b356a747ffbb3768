package io.parley.message;

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
 * GraphQL operations on messages. Author and edits are resolved in batches over all
 * messages of a response (one query per field, never one per message).
 */
@GraphQLApi
@GuardedApi
public class MessageGraphQL {

    private final MessageService messages;
    private final UserService users;

    public MessageGraphQL(MessageService messages, UserService users) {
        this.messages = messages;
        this.users = users;
    }

    @Query
    @Description("A message by id, if the signed-in user may read its room.")
    public Uni<Message> message(@Name("id") @Id @NonNull String id) {
        return messages.find(id);
    }

    @Query
    @NonNull
    @Description("A window of a room's messages in ascending seq order: the newest by default, or those "
            + "before, after or around a seq (pass at most one). 'limit' defaults to 50, at most 100.")
    public Uni<MessagePage> messages(@Name("roomId") @Id @NonNull String roomId, @Name("before") Long before,
            @Name("after") Long after, @Name("around") Long around, @Name("limit") Integer limit) {
        return messages.page(roomId, before, after, around, limit);
    }

    @Mutation
    @NonNull
    @Description("Sends a message to a room you are a member of. Retrying with the same clientMessageId "
            + "returns the first message, never a duplicate.")
    public Uni<Message> sendMessage(@Name("input") @NonNull SendMessageInput input) {
        return messages.send(input);
    }

    @Mutation
    @NonNull
    @Description("Replaces the body of your own message; earlier versions stay listed in 'edits'.")
    public Uni<Message> editMessage(@Name("id") @Id @NonNull String id, @Name("body") @NonNull String body) {
        return messages.edit(id, body);
    }

    @Mutation
    @NonNull
    @Description("Deletes a message (its author, the room's owner or moderators, global moderators and admins) "
            + "and returns its tombstone.")
    public Uni<Message> deleteMessage(@Name("id") @Id @NonNull String id) {
        return messages.delete(id);
    }

    @NonNull
    @Description("Who wrote the message.")
    public Uni<List<User>> author(@Source List<Message> messages) {
        return users.inOrder(messages.stream().map(Message::authorId).toList());
    }

    @NonNull
    @Description("Earlier versions of the message, oldest first; empty once deleted.")
    public Uni<List<List<MessageEdit>>> edits(@Source List<Message> messages) {
        return this.messages.edits(messages);
    }
}
