package io.parley.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;

/** Sends GraphQL operations over HTTP as a demo user, the way a client app does. */
public final class GraphQL {

    private final String token;
    private final Integer port;

    private GraphQL(String token) {
        this(token, null);
    }

    private GraphQL(String token, Integer port) {
        this.token = token;
        this.port = port;
    }

    /** The same caller, talking to the instance on {@code port} instead of the test instance. */
    public GraphQL at(int port) {
        return new GraphQL(token, port);
    }

    public static GraphQL as(String username) {
        return new GraphQL(Tokens.of(username));
    }

    /** Without any token. */
    public static GraphQL anonymous() {
        return new GraphQL(null);
    }

    /** With a raw Authorization bearer value, valid or not. */
    public static GraphQL withToken(String token) {
        return new GraphQL(token);
    }

    /** The raw response, for asserting on status and errors. */
    public ValidatableResponse send(String document, Object... variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        body.put("variables", vars(variables));
        RequestSpecification request = given().contentType(ContentType.JSON).body(body);
        if (port != null) {
            request.port(port);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.post("/graphql").then();
    }

    /** Runs an operation that must succeed and returns its {@code data}. */
    public JsonPath ok(String document, Object... variables) {
        return send(document, variables).statusCode(200).body("errors", nullValue())
                .extract().jsonPath().setRootPath("data");
    }

    /** Runs an operation that must fail and returns the code of its first error. */
    public String errorCode(String document, Object... variables) {
        return send(document, variables).statusCode(200)
                .extract().jsonPath().getString("errors[0].extensions.code");
    }

    private static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            variables.put((String) pairs[i], pairs[i + 1]);
        }
        return variables;
    }
}
