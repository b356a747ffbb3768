package io.parley.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.support.Fixtures;
import io.parley.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Every durable change to a room lands in its event log, in order, with gapless seqs. */
@QuarkusTest
class RoomEventLogTest {

    @Inject
    Pool pool;

    @Test
    void everyDurableChangeIsLoggedWithTheNextSeq() {
        String roomId = Fixtures.room("bob", "PUBLIC");
        Fixtures.join("dave", roomId);
        String messageId = Fixtures.message("dave", roomId, "hello");
        GraphQL.as("dave").ok("mutation($id: ID!) { editMessage(id: $id, body: \"hello!\") { id } }", "id", messageId);
        GraphQL.as("bob").ok("mutation($id: ID!) { updateRoom(id: $id, input: { topic: \"t\" }) { id } }", "id", roomId);
        GraphQL.as("bob").ok("mutation($id: ID!) { deleteMessage(id: $id) { id } }", "id", messageId);
        GraphQL.as("dave").ok("mutation($id: ID!) { leaveRoom(roomId: $id) }", "id", roomId);
        GraphQL.as("dave").errorCode("mutation($id: ID!) { leaveRoom(roomId: $id) }", "id", roomId);

        List<Row> events = new ArrayList<>();
        pool.preparedQuery("select seq, type, message_id, subject_user_id from room_events where room_id = $1 order by seq")
                .execute(Tuple.of(UUID.fromString(roomId))).await().indefinitely().forEach(events::add);
        assertEquals(List.of("ROOM_CREATED", "MEMBER_JOINED", "MEMBER_JOINED", "MESSAGE_CREATED", "MESSAGE_EDITED",
                "ROOM_UPDATED", "MESSAGE_DELETED", "MEMBER_LEFT"), events.stream().map(r -> r.getString("type")).toList());
        assertEquals(LongStream.rangeClosed(1, 8).boxed().toList(), events.stream().map(r -> r.getLong("seq")).toList());
        assertEquals(messageId, events.get(3).getUUID("message_id").toString());
        assertEquals(events.get(3).getLong("seq"), messageSeq(messageId), "a message shares the seq of its created event");
        assertEquals(Fixtures.userId("dave"), events.get(7).getString("subject_user_id"));
        assertEquals(8L, GraphQL.as("bob").ok("query($id: ID!) { room(id: $id) { lastSeq } }", "id", roomId)
                .getLong("room.lastSeq"));
    }

    private long messageSeq(String messageId) {
        return pool.preparedQuery("select seq from messages where id = $1").execute(Tuple.of(UUID.fromString(messageId)))
                .await().indefinitely().iterator().next().getLong("seq");
    }
}
