package io.parley.realtime;

import graphql.GraphQL;
import io.smallrye.graphql.execution.error.ExceptionHandler;
import io.smallrye.graphql.spi.EventingService;

/**
 * Plugs {@link SharedEventExecution} into SmallRye GraphQL as the subscription strategy, with
 * SmallRye's own exception handling. SmallRye finds this class through
 * {@code META-INF/services} and runs it only while {@code parley.realtime.shared-execution} is true.
 */
public class SharedEventExecutionInstaller implements EventingService {

    @Override
    public String getConfigKey() {
        return "parley.realtime.shared-execution";
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        return builder.subscriptionExecutionStrategy(new SharedEventExecution(new ExceptionHandler()));
    }
}
