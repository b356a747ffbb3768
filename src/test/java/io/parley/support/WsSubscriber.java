package io.parley.support;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** One real graphql-ws client (src/test/js/subscribe.mjs in Node) subscribed to the server, with the events it printed. */
public final class WsSubscriber implements AutoCloseable {

    private static final Path JS_DIR = Path.of(System.getProperty("user.dir"), "src", "test", "js");
    private static final Path SCRIPT = JS_DIR.resolve("subscribe.mjs");
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final long NPM_TIMEOUT_MINUTES = 5;

    private static boolean dependenciesInstalled;          // guarded by WsSubscriber.class

    private final Process process;
    private final List<JsonObject> lines = new ArrayList<>();      // guarded by this
    private final Map<String, Integer> cursors = new HashMap<>();  // per type: index of the first unread line
    private final StringBuilder stderr = new StringBuilder();      // guarded by this
    private boolean stdoutEnded;                                   // guarded by this

    private WsSubscriber(Process process) {
        this.process = process;
        daemon("ws-subscriber-stdout", () -> readLines(process.getInputStream(), this::addLine, this::endStdout));
        daemon("ws-subscriber-stderr", () -> readLines(process.getErrorStream(), this::addStderr, () -> { }));
    }

    /**
     * Starts a client that connects to {@code ws://127.0.0.1:<port>/graphql} (with
     * {@code Authorization: Bearer <token>} in its connection params unless the token is null) and
     * subscribes once with {@code document} and {@code variables} (null for none).
     */
    public static WsSubscriber start(int port, String tokenOrNull, String document, Map<String, Object> variables) {
        return start(port, tokenOrNull, document, variables, 0);
    }

    /** Like {@link #start(int, String, String, Map)}, with graphql-ws keep-alive pings every {@code keepAliveMs}. */
    public static WsSubscriber start(int port, String tokenOrNull, String document, Map<String, Object> variables,
            int keepAliveMs) {
        return start(port, tokenOrNull == null ? List.of() : List.of("--token", tokenOrNull), document, variables,
                keepAliveMs);
    }

    /** A client that sends {@code Authorization: Bearer <token>} with the HTTP upgrade request, not in connection_init. */
    public static WsSubscriber startWithUpgradeHeader(int port, String token, String document,
            Map<String, Object> variables) {
        return start(port, List.of("--upgrade-token", token), document, variables, 0);
    }

    private static WsSubscriber start(int port, List<String> tokenOptions, String document,
            Map<String, Object> variables, int keepAliveMs) {
        Path node = ensureDependencies();
        List<String> command = new ArrayList<>(List.of(node.toString(), SCRIPT.toString(),
                "--url", "ws://127.0.0.1:" + port + "/graphql", "--query", document));
        command.addAll(tokenOptions);
        if (variables != null) {
            command.addAll(List.of("--variables", new JsonObject(variables).encode()));
        }
        if (keepAliveMs > 0) {
            command.addAll(List.of("--keep-alive-ms", Integer.toString(keepAliveMs)));
        }
        try {
            return new WsSubscriber(new ProcessBuilder(command).directory(JS_DIR.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /** Waits for the connection ack: true once acknowledged, false if the socket closed first or the time ran out. */
    public synchronized boolean awaitConnected(Duration timeout) {
        awaitCondition(timeout, () -> find("connected", 1) != null
                || lines.stream().anyMatch(line -> isType(line, "closed") || isType(line, "fatal")));
        return take("connected", 1) != null;
    }

    /** The payloads (execution results) of the next {@code count} "next" events, in order. */
    public synchronized List<JsonObject> awaitNext(int count, Duration timeout) {
        if (!awaitCondition(timeout, () -> find("next", count) != null)) {
            fail(report("no " + count + " 'next' event(s) within " + timeout));
        }
        return take("next", count).stream().map(line -> line.getJsonObject("payload")).toList();
    }

    /** The first unread event of {@code type} (skipping other types, which stay readable by their own type). */
    public synchronized JsonObject awaitType(String type, Duration timeout) {
        if (!awaitCondition(timeout, () -> find(type, 1) != null)) {
            fail(report("no '" + type + "' event within " + timeout));
        }
        return take(type, 1).get(0);
    }

    /** Every event printed so far, in order. */
    public synchronized List<JsonObject> lines() {
        return List.copyOf(lines);
    }

    /** Unsubscribes (the client sends {@code complete}), closes the socket cleanly and waits for the client to exit. */
    public void stop() {
        command("stop");
        awaitExit();
    }

    /** Makes the client stop reading its socket, as a stalled client would, until {@link #resume}. */
    public void pause() {
        command("pause");
        awaitType("paused", EXIT_TIMEOUT);
    }

    /** Makes a paused client read its socket again. */
    public void resume() {
        command("resume");
        awaitType("resumed", EXIT_TIMEOUT);
    }

    private void command(String command) {
        if (process.isAlive()) {
            try {
                OutputStream stdin = process.getOutputStream();
                stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                // the client exited meanwhile: nothing left to tell it
            }
        }
    }

    /** Kills the client: the server sees the connection drop without any close handshake. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(report("the client did not exit within " + EXIT_TIMEOUT));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the client to exit", e);
        }
        synchronized (this) {
            awaitCondition(EXIT_TIMEOUT, () -> stdoutEnded);   // every line the client printed is in
        }
    }

    /** Waits until {@code ready}, the end of the client's output, or the timeout; true when ready. */
    private boolean awaitCondition(Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!ready.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (stdoutEnded || left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the client", e);
        }
    }

    /** The indexes of the next {@code count} unread lines of {@code type}, or null if there are fewer. */
    private List<Integer> find(String type, int count) {
        List<Integer> found = new ArrayList<>(count);
        for (int i = cursors.getOrDefault(type, 0); i < lines.size() && found.size() < count; i++) {
            if (isType(lines.get(i), type)) {
                found.add(i);
            }
        }
        return found.size() == count ? found : null;
    }

    /** Marks the next {@code count} unread lines of {@code type} read and returns them, or null if there are fewer. */
    private List<JsonObject> take(String type, int count) {
        List<Integer> found = find(type, count);
        if (found == null) {
            return null;
        }
        cursors.put(type, found.get(found.size() - 1) + 1);
        return found.stream().map(lines::get).toList();
    }

    private static boolean isType(JsonObject line, String type) {
        return type.equals(line.getString("type"));
    }

    private synchronized String report(String problem) {
        String state = process.isAlive() ? "still running" : "exited with " + process.exitValue();
        return "WsSubscriber: " + problem + " (client " + state + ")\nevents so far:\n"
                + (lines.isEmpty() ? "  (none)" : lines.stream().map(line -> "  " + line.encode())
                        .collect(Collectors.joining("\n")))
                + "\nstderr:\n" + (stderr.isEmpty() ? "  (empty)" : stderr);
    }

    private synchronized void addLine(String line) {
        JsonObject event;
        try {
            event = new JsonObject(line);
        } catch (DecodeException e) {
            event = new JsonObject().put("type", "unparsed").put("line", line);
        }
        lines.add(event);
        notifyAll();
    }

    private synchronized void addStderr(String line) {
        stderr.append(line).append('\n');
    }

    private synchronized void endStdout() {
        stdoutEnded = true;
        notifyAll();
    }

    private void readLines(InputStream stream, Consumer<String> sink, Runnable atEnd) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                sink.accept(line);
            }
        } catch (IOException e) {
            addStderr("[WsSubscriber] reading the client's output failed: " + e);
        } finally {
            atEnd.run();
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Installs the npm dependencies once per JVM (when node_modules lacks graphql-ws); returns the node executable. */
    private static synchronized Path ensureDependencies() {
        Path node = executable("node");
        if (dependenciesInstalled || Files.isDirectory(JS_DIR.resolve("node_modules").resolve("graphql-ws"))) {
            dependenciesInstalled = true;
            return node;
        }
        Path npm = executable("npm");
        String ciOutput = runNpm(npm, "ci");
        if (ciOutput != null) {
            String installOutput = runNpm(npm, "install");
            if (installOutput != null) {
                fail("WsSubscriber: npm could not install the test client's dependencies in " + JS_DIR
                        + "\n--- npm ci:\n" + ciOutput + "\n--- npm install:\n" + installOutput);
            }
        }
        dependenciesInstalled = true;
        return node;
    }

    /** Runs {@code npm <command>} in the client's directory; null on success, else its output. */
    private static String runNpm(Path npm, String command) {
        try {
            Process process = new ProcessBuilder(npm.toString(), command, "--no-audit", "--no-fund")
                    .directory(JS_DIR.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return output + "\n(timed out after " + NPM_TIMEOUT_MINUTES + " min)";
            }
            return process.exitValue() == 0 ? null : output + "\n(exit " + process.exitValue() + ")";
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running npm " + command, e);
        }
    }

    private static Path executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("WsSubscriber: '" + name + "' is not on the PATH; the subscription tests run a real graphql-ws "
                + "client in Node.js: install nodejs and npm (bin/services up does)");
    }
}
