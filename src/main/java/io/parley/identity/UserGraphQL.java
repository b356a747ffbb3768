package io.parley.identity;

import io.parley.api.GuardedApi;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** GraphQL operations about users. */
@GraphQLApi
@GuardedApi
public class UserGraphQL {

    private final UserService users;

    public UserGraphQL(UserService users) {
        this.users = users;
    }

    @Query
    @NonNull
    @Description("The signed-in user.")
    public Uni<User> me() {
        return users.me();
    }

    @Query
    @Description("A user by id.")
    public Uni<User> user(@Name("id") @Id @NonNull String id) {
        return users.find(id);
    }
}
