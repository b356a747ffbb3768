package io.parley.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link LocalServices} once for every {@code @QuarkusTest} of the suite. */
@QuarkusTestResource(LocalServices.class)
public final class TestServices {

    private TestServices() {
    }
}
