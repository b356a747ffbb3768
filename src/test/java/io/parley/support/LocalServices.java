package io.parley.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Brings up the real Postgres, Redis, OpenSearch and Keycloak with {@code bin/services up}
 * before Quarkus starts, reusing whatever already answers, so {@code ./mvnw verify} needs
 * nothing else. Tests use their own database ({@code parley_test}, see the %test profile).
 */
public class LocalServices implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Process process = new ProcessBuilder("bin/services", "up")
                    .directory(new File(System.getProperty("user.dir")))
                    .inheritIO()
                    .start();
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("bin/services up failed; see its output above");
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not bring up the local services", e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
        // The services outlive the test run: the next run reuses them.
    }
}
