package io.parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Set-up traffic: Keycloak tokens and ordinary GraphQL requests over HTTP, a few at a time. */
final class Api {

    static final String HOST = "127.0.0.1";
    static final String SEND_MESSAGE = "mutation($in: SendMessageInput!) { sendMessage(input: $in) { seq } }";
    private static final int KEYCLOAK_PORT = 8180;
    private static final String TOKEN_PATH = "/realms/parley/protocol/openid-connect/token";
    private static final String CREATE_ROOM = """
            mutation($name: String!, $members: [ID]) {
              createRoom(input: { name: $name, visibility: PUBLIC, memberIds: $members }) { id }
            }""";
    private static final int PARALLEL = 16;
    private static final int ROOMS_PER_QUERY = 100;

    private final HttpClient http;
    private final List<Integer> ports;

    Api(Vertx vertx, List<Integer> ports) {
        this.ports = ports;
        this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(HOST),
                new PoolOptions().setHttp1MaxSize(PARALLEL));
    }

    /** An access token for a demo user (password grant; each demo user's password is their name). */
    String token(String user) {
        String form = "grant_type=password&client_id=parley-app&username=" + user + "&password=" + user;
        JsonObject reply = Await.result(post(KEYCLOAK_PORT, TOKEN_PATH, "application/x-www-form-urlencoded", null, form));
        String token = reply.getString("access_token");
        if (token == null) {
            throw new IllegalStateException("no token for " + user + ": " + reply.encode());
        }
        return token;
    }

    /** The data of a GraphQL request to instance {@code instance}; a GraphQL error fails the future. */
    Future<JsonObject> graphql(int instance, String token, String document, JsonObject variables) {
        JsonObject request = new JsonObject().put("query", document);
        if (variables != null) {
            request.put("variables", variables);
        }
        return post(ports.get(instance), "/graphql", "application/json", token, request.encode()).map(reply -> {
            if (reply.containsKey("errors")) {
                throw new IllegalStateException("GraphQL errors: " + reply.getJsonArray("errors").encode());
            }
            return reply.getJsonObject("data");
        });
    }

    /** Creates {@code count} public rooms named {@code <prefix>-<i>}, alternating instances; their ids. */
    List<String> createRooms(String token, String prefix, int count, List<String> memberIds) {
        return inBatches(count, i -> graphql(i % ports.size(), token, CREATE_ROOM,
                new JsonObject().put("name", prefix + "-" + i).put("members", new JsonArray(memberIds))))
                .stream().map(data -> data.getJsonObject("createRoom").getString("id")).toList();
    }

    /** Sends one message to each room (alternating instances) and returns each message's seq. */
    long[] probe(String token, List<String> roomIds, String body) {
        List<JsonObject> sent = inBatches(roomIds.size(), i -> graphql(i % ports.size(), token, SEND_MESSAGE,
                new JsonObject().put("in", new JsonObject().put("roomId", roomIds.get(i)).put("body", body))));
        return sent.stream().mapToLong(data -> data.getJsonObject("sendMessage").getLong("seq")).toArray();
    }

    /** The current lastSeq of each room, asked for in aliased batches. */
    long[] lastSeqs(String token, List<String> roomIds) {
        long[] seqs = new long[roomIds.size()];
        for (int from = 0; from < roomIds.size(); from += ROOMS_PER_QUERY) {
            StringBuilder query = new StringBuilder("query {");
            int to = Math.min(roomIds.size(), from + ROOMS_PER_QUERY);
            for (int i = from; i < to; i++) {
                query.append(" r").append(i).append(": room(id: \"").append(roomIds.get(i)).append("\") { lastSeq }");
            }
            JsonObject data = Await.result(graphql(0, token, query.append(" }").toString(), null));
            for (int i = from; i < to; i++) {
                seqs[i] = data.getJsonObject("r" + i).getLong("lastSeq");
            }
        }
        return seqs;
    }

    /** Runs {@code count} requests, {@value #PARALLEL} at a time; their results in order. */
    private static List<JsonObject> inBatches(int count, IntFunction<Future<JsonObject>> request) {
        List<JsonObject> results = new ArrayList<>(count);
        for (int from = 0; from < count; from += PARALLEL) {
            List<Future<JsonObject>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + PARALLEL); i++) {
                batch.add(request.apply(i));
            }
            batch.forEach(future -> results.add(Await.result(future)));
        }
        return results;
    }

    private Future<JsonObject> post(int port, String path, String contentType, String token, String body) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(HOST).setPort(port)
                .setURI(path).putHeader("Content-Type", contentType).setIdleTimeout(30_000);
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        return http.request(options).compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(reply -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + " from " + port + path + ": " + reply);
                    }
                    return reply.toJsonObject();
                }));
    }
}
