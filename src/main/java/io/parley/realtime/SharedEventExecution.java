package io.parley.realtime;

import graphql.ExecutionInput;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FetchedValue;
import graphql.execution.FieldValueInfo;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.VariableReference;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.parley.event.RoomEvent;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * Executes the selection set of a live room event once per distinct subscription shape and
 * shares the completed result with every other subscriber of that shape, instead of once per
 * subscriber: in a room of 2,000 members that is the difference between one execution of the
 * selection per event and 2,000.
 *
 * <p>A shape is the document, the operation name and the values of the variables used below the
 * root field (the root field's own arguments, roomId and afterSeq, do not change what an event
 * renders to). Sharing needs the very event instance the relay hands to every local subscriber,
 * so replayed events, read from the log per subscriber, are executed per subscriber as before.
 * A selection that reads a caller-dependent field (such as {@code myMembership}) is never shared,
 * and a result whose completion failed or reported errors is dropped from the cache.
 */
final class SharedEventExecution extends SubscriptionExecutionStrategy {

    /** Fields whose value depends on who is asking; a selection with any of them is executed per subscriber. */
    private static final Set<String> CALLER_DEPENDENT_FIELDS = Set.of("myMembership");
    /** Completed results kept for sharing: recent events times distinct shapes. */
    private static final int MAX_SHARED = 4096;
    /** The shape of a subscription that must not be shared. */
    private static final String UNSHARED = "";
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Counter reused = Metrics.counter("parley.realtime.event.results", "shared", "true");
    private final Counter executed = Metrics.counter("parley.realtime.event.results", "shared", "false");
    private final Map<ExecutionInput, String> shapes = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Shared, FieldValueInfo> shared = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Shared, FieldValueInfo> eldest) {
            return size() > MAX_SHARED;
        }
    };

    SharedEventExecution(DataFetcherExceptionHandler exceptionHandler) {
        super(exceptionHandler);
    }

    @Override
    protected FieldValueInfo completeField(ExecutionContext context, ExecutionStrategyParameters parameters,
            FetchedValue fetched) {
        if (!(fetched.getFetchedValue() instanceof RoomEvent event) || parameters.getPath().getLevel() != 1
                || !fetched.getErrors().isEmpty()) {
            return super.completeField(context, parameters, fetched);
        }
        String shape = shapes.computeIfAbsent(context.getExecutionInput(), input -> shapeOf(context, parameters));
        if (shape.equals(UNSHARED)) {
            return super.completeField(context, parameters, fetched);
        }
        Shared key = new Shared(event, shape);
        synchronized (shared) {
            FieldValueInfo done = shared.get(key);
            if (done != null) {
                reused.increment();
                return done;
            }
        }
        executed.increment();
        FieldValueInfo rendered = super.completeField(context, parameters, fetched);
        // Converted to JSON once here; SmallRye passes JSON values through as they are.
        FieldValueInfo completed = new FieldValueInfo(rendered.getCompleteValueType(),
                rendered.getFieldValueFuture().thenApply(SharedEventExecution::toJson), rendered.getFieldValueInfos());
        synchronized (shared) {
            shared.put(key, completed);
        }
        completed.getFieldValueFuture().whenComplete((value, failure) -> {
            if (failure != null || !context.getErrors().isEmpty()) {
                synchronized (shared) {
                    shared.remove(key);
                }
            }
        });
        return completed;
    }

    /** The subscription's shape, or {@link #UNSHARED}; computed once per subscription. */
    private static String shapeOf(ExecutionContext context, ExecutionStrategyParameters parameters) {
        Field root = parameters.getField().getSingleField();
        Set<Node<?>> rootArguments = Collections.newSetFromMap(new IdentityHashMap<>());
        rootArguments.addAll(root.getArguments());
        Set<String> variables = new HashSet<>();
        Set<String> fields = new HashSet<>();
        visit(context.getDocument(), rootArguments, variables, fields);
        if (!Collections.disjoint(fields, CALLER_DEPENDENT_FIELDS)) {
            return UNSHARED;
        }
        Map<String, Object> used = new TreeMap<>();
        context.getCoercedVariables().toMap().forEach((name, value) -> {
            if (variables.contains(name)) {
                used.put(name, value);
            }
        });
        return context.getExecutionInput().getQuery() + '\u0000' + context.getExecutionInput().getOperationName()
                + '\u0000' + used;
    }

    /** Collects the variables referenced outside the root field's arguments, and the names of the fields selected. */
    private static void visit(Node<?> node, Set<Node<?>> skipped, Set<String> variables, Set<String> fields) {
        if (skipped.contains(node)) {
            return;
        }
        if (node instanceof VariableReference reference) {
            variables.add(reference.getName());
        } else if (node instanceof Field field) {
            fields.add(field.getName());
        }
        for (Node<?> child : node.getChildren()) {
            visit(child, skipped, variables, fields);
        }
    }

    /** A completed GraphQL value (maps, lists and serialized scalars) as a JSON value. */
    private static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = JSON.createObjectBuilder();
            map.forEach((name, field) -> object.add((String) name, toJson(field)));
            return object.build();
        }
        if (value instanceof Collection<?> list) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            list.forEach(item -> array.add(toJson(item)));
            return array.build();
        }
        if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return JSON.createValue(((Number) value).longValue());
        }
        if (value instanceof BigInteger number) {
            return JSON.createValue(number);
        }
        if (value instanceof BigDecimal number) {
            return JSON.createValue(number);
        }
        if (value instanceof Number number) {
            return JSON.createValue(number.doubleValue());
        }
        if (value instanceof Enum<?> constant) {
            return JSON.createValue(constant.name());
        }
        return JSON.createValue(value.toString());
    }

    /** One event rendered for one shape; the event is compared by identity, the instance every subscriber got. */
    private record Shared(RoomEvent event, String shape) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Shared that && that.event == event && that.shape.equals(shape);
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(event) + shape.hashCode();
        }
    }
}
