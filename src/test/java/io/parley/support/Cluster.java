package io.parley.support;

import static io.restassured.RestAssured.given;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Several packaged Parley instances (target/quarkus-app) on their own ports, sharing the test
 * database and a private Redis server that tests may stop and start, as a real deployment
 * behind a load balancer would share them.
 */
public final class Cluster implements AutoCloseable {

    public static final int REDIS_PORT = 6390;
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final int[] ports;
    private final Process[] instances;
    private Process redis;

    private Cluster(int... ports) {
        this.ports = ports;
        this.instances = new Process[ports.length];
    }

    /** Brings up the local services, a private Redis and one instance per port. */
    public static Cluster start(int... ports) {
        new LocalServices().start();
        Cluster cluster = new Cluster(ports);
        cluster.startRedis();
        for (int i = 0; i < ports.length; i++) {
            cluster.startInstance(i);
        }
        return cluster;
    }

    public int port(int instance) {
        return ports[instance];
    }

    /** Starts instance {@code i} and waits until it is ready. */
    public void startInstance(int i) {
        File log = ROOT.resolve("target/cluster-instance-" + ports[i] + ".log").toFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + ports[i],
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/parley_test",
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/parley_test",
                "-Dquarkus.redis.hosts=redis://127.0.0.1:" + REDIS_PORT,
                "-Dparley.realtime.sweep-interval=1S",
                "-jar", ROOT.resolve("target/quarkus-app/quarkus-run.jar").toString()));
        try {
            instances[i] = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await("instance on port " + ports[i] + " ready (log: " + log + ")")
                .atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> given().port(ports[i]).get("/q/health/ready").statusCode() == 200);
    }

    /** Kills instance {@code i} at once, as a crash would (no graceful shutdown). */
    public void killInstance(int i) {
        instances[i].destroyForcibly();
        waitFor(instances[i]);
    }

    /** Stops instance {@code i} gracefully (SIGTERM), as Kubernetes does on a rollout. */
    public void stopInstance(int i) {
        instances[i].destroy();
        waitFor(instances[i]);
    }

    public void startRedis() {
        try {
            redis = new ProcessBuilder("redis-server", "--port", Integer.toString(REDIS_PORT), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(ROOT.resolve("target/cluster-redis.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server is needed (bin/services up installs it)", e);
        }
        Awaitility.await("private Redis up").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> {
                    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", REDIS_PORT)) {
                        return true;
                    }
                });
    }

    public void stopRedis() {
        redis.destroy();
        waitFor(redis);
    }

    @Override
    public void close() {
        for (Process instance : instances) {
            if (instance != null && instance.isAlive()) {
                instance.destroy();
                waitFor(instance);
            }
        }
        if (redis != null && redis.isAlive()) {
            stopRedis();
        }
    }

    private static void waitFor(Process process) {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
