package io.parley.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.jboss.logging.Logger;

/**
 * The one place where failures meet the API: a {@link ParleyException} passes through
 * with its code; anything else is logged with its stack trace, counted, and replaced by an
 * UNAVAILABLE error whose message names no class and no internals.
 */
@GuardedApi
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ErrorBoundary {

    private static final Logger LOG = Logger.getLogger(ErrorBoundary.class);

    private final MeterRegistry meters;

    public ErrorBoundary(MeterRegistry meters) {
        this.meters = meters;
    }

    @AroundInvoke
    Object guard(InvocationContext context) throws Exception {
        String operation = context.getMethod().getName();
        try {
            Object result = context.proceed();
            if (result instanceof Uni<?> uni) {
                return uni.onFailure(failure -> !(failure instanceof ParleyException))
                        .transform(failure -> unexpected(operation, failure));
            }
            if (result instanceof Multi<?> multi) {
                return multi.onFailure(failure -> !(failure instanceof ParleyException))
                        .transform(failure -> unexpected(operation, failure));
            }
            return result;
        } catch (ParleyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(operation, e);
        }
    }

    private UnavailableException unexpected(String operation, Throwable failure) {
        LOG.errorf(failure, "GraphQL operation '%s' failed unexpectedly", operation);
        meters.counter("parley.api.unexpected.failures", "operation", operation).increment();
        return new UnavailableException("Parley could not complete this request right now; try again.");
    }
}
