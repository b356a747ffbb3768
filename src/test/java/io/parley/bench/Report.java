package io.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The result file of a run (JSON) and its table for people. */
final class Report {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final String HEADER = String.format(
            "%-24s %6s %5s %8s %8s %7s %8s %7s %7s %7s %7s %7s %4s %4s %5s %7s %9s %6s %6s %6s %4s",
            "step", "acked", "fail", "expected", "received", "deliv%", "deliv/s", "p50ms", "p99ms", "p999ms", "maxms",
            "ack99", "dup", "gap", "close", "srvCPUs", "deliv/CPUs", "pgCPUs", "rdCPUs", "genCPUs", "pass");

    private Report() {
    }

    static void write(RunResult result, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static RunResult read(Path file) {
        try {
            return JSON.readValue(file.toFile(), RunResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static void print(RunResult result, PrintStream out) {
        out.println();
        out.println("run " + result.runId() + " (" + result.startedAt() + " .. " + result.finishedAt() + ")");
        out.println("pass: p99 <= 100 ms, delivered >= 99.9 %, no duplicate and no gap; CPU-seconds cover window + drain");
        out.println(HEADER);
        out.println(row(result.warmup()) + "  (warm-up)");
        result.steps().forEach(step -> out.println(row(step)));
        if (!result.memory().isEmpty()) {
            out.printf("%nW1 idle memory (RSS of both instances after GC; baseline %d MiB and %.1f %% idle CPU with no connections)%n",
                    result.baselineRssKiB() / 1024, result.baselineIdleServerCpuPercent());
            out.printf("%11s %9s %9s %14s %9s %19s %13s%n", "connections", "not live", "RSS MiB", "KiB/connection",
                    "heap MiB", "heap KiB/connection", "idle CPU %");
            result.memory().forEach(m -> out.printf("%11d %9d %9.1f %14.1f %9.1f %19.1f %13.1f%n", m.connections(),
                    m.notLive(), m.totalRssKiB() / 1024.0, m.growthPerConnectionKiB(), m.heapUsedKiB() / 1024.0,
                    m.heapGrowthPerConnectionKiB(), m.idleServerCpuPercent()));
        }
        out.println();
        out.println("sockets closed by the servers, by code: " + result.closesByCode());
        out.println("order violations between steps: " + result.violationsBetweenSteps());
        out.println("problems reported: " + result.problemCount());
        result.problems().forEach(problem -> out.println("  " + problem));
    }

    static String header() {
        return HEADER;
    }

    static String row(StepResult s) {
        return String.format("%-24s %6d %5d %8d %8d %7.2f %8.1f %7.1f %7.1f %7.1f %7.1f %7.1f %4d %4d %5d %7.2f %9.0f %6.2f %6.2f %6.2f %4s",
                s.label(), s.acked(), s.sendErrors(), s.expected(), s.received(), s.deliveredPercent(),
                s.deliveriesPerSecond(), s.latency().p50(), s.latency().p99(), s.latency().p999(), s.latency().max(),
                s.ackLatency().p99(), s.duplicates(), s.gaps(), s.closedSockets(), s.cpu().parley(),
                s.deliveriesPerServerCpuSecond(), s.cpu().postgres(), s.cpu().redis(), s.cpu().generator(),
                s.pass() ? "yes" : "NO");
    }
}
