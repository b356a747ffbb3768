package io.parley.identity;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.parley.api.UnauthenticatedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the request's verified token into a {@link Caller}. The user row is written on
 * first sight and whenever the token's names change; the names last written are
 * remembered per instance so a busy user costs no write per request. A live subscription
 * keeps the caller it was opened by (see {@link #subscriber}): its events are
 * executed long after the request that opened it, where no request identity exists.
 */
@ApplicationScoped
public class CurrentCaller {

    private static final int REMEMBERED_USERS = 10_000;

    private final UserRepository users;
    private final Map<String, User> written = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, User> eldest) {
                    return size() > REMEMBERED_USERS;
                }
            });

    @Inject
    SecurityIdentity identity;

    public CurrentCaller(UserRepository users) {
        this.users = users;
    }

    /**
     * The caller; fails with UNAUTHENTICATED when the request carries no valid token. It MUST be
     * called when a resolver starts, as every service does, not in a later continuation: the
     * subscription caller is found through SmallRye's current context, which is the resolver's
     * own only while the resolver runs.
     */
    public Uni<Caller> get() {
        Caller subscriber = fromSubscription();
        if (subscriber != null) {
            return Uni.createFrom().item(subscriber);
        }
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().failure(
                    new UnauthenticatedException("Sign in: send 'Authorization: Bearer <token>' with every request."));
        }
        Caller caller = toCaller(token);
        User user = caller.asUser();
        if (user.equals(written.get(user.id()))) {
            return Uni.createFrom().item(caller);
        }
        return users.upsert(user).invoke(() -> written.put(user.id(), user)).replaceWith(caller);
    }

    /**
     * The caller of a subscription being opened, remembered in the subscription's GraphQL
     * context so that the fields of its events (such as {@code room { myMembership }}) resolve
     * for the subscriber. Call it from the subscription's root resolver, like {@link #get}.
     */
    public Uni<Caller> subscriber() {
        GraphQLContext subscription = graphQLContext();
        return get().invoke(caller -> {
            if (subscription != null) {
                subscription.put(Caller.class, caller);
            }
        });
    }

    private static Caller fromSubscription() {
        GraphQLContext context = graphQLContext();
        return context == null ? null : context.get(Caller.class);
    }

    private static GraphQLContext graphQLContext() {
        SmallRyeContext context = SmallRyeContextManager.getCurrentSmallRyeContext();
        DataFetchingEnvironment environment = context == null ? null : context.getDataFetchingEnvironment();
        return environment == null ? null : environment.getGraphQlContext();
    }

    private Caller toCaller(JsonWebToken token) {
        String username = firstNonBlank(token.getClaim("preferred_username"), token.getSubject());
        String displayName = firstNonBlank(token.getClaim("name"), username);
        return new Caller(token.getSubject(), username, displayName,
                identity.hasRole("admin"), identity.hasRole("moderator"));
    }

    private static String firstNonBlank(Object preferred, String fallback) {
        return preferred instanceof String s && !s.isBlank() ? s : fallback;
    }
}
