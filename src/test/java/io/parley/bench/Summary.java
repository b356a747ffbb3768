package io.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Median and min-max across runs of each step and W1 level: {@code Summary <summary.json> <run.json>...}. */
public final class Summary {

    /** One figure across runs. */
    record Spread(double median, double min, double max) {
        static Spread of(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Spread(median, sorted[0], sorted[n - 1]);
        }

        String format(String pattern) {
            return String.format(pattern + " [" + pattern + "-" + pattern + "]", median, min, max);
        }
    }

    /** A step across runs. */
    record StepSummary(String step, int runs, int passed, Spread p99Ms, Spread deliveredPercent,
            Spread deliveriesPerSecond, Spread serverCpuSeconds, Spread deliveriesPerServerCpuSecond,
            long orderViolations, long sendErrors) {
    }

    /** A W1 level across runs. */
    record MemorySummary(int connections, int runs, Spread totalRssMiB, Spread growthPerConnectionKiB,
            Spread heapGrowthPerConnectionKiB, Spread idleServerCpuPercent) {
    }

    private Summary() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: Summary <summary.json> <run.json>...");
        }
        List<RunResult> runs = Arrays.stream(args).skip(1).map(Path::of).map(Report::read).toList();
        Map<String, List<StepResult>> byStep = new LinkedHashMap<>();
        runs.forEach(run -> run.steps().forEach(s -> byStep.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s)));
        Map<Integer, List<MemoryResult>> byLevel = new LinkedHashMap<>();
        runs.forEach(run -> run.memory().forEach(m -> byLevel.computeIfAbsent(m.connections(), k -> new ArrayList<>()).add(m)));

        List<StepSummary> steps = byStep.entrySet().stream().map(e -> step(e.getKey(), e.getValue())).toList();
        List<MemorySummary> memory = byLevel.entrySet().stream().map(e -> new MemorySummary(e.getKey(),
                e.getValue().size(), spread(e.getValue(), m -> m.totalRssKiB() / 1024.0),
                spread(e.getValue(), MemoryResult::growthPerConnectionKiB),
                spread(e.getValue(), MemoryResult::heapGrowthPerConnectionKiB),
                spread(e.getValue(), MemoryResult::idleServerCpuPercent))).toList();

        System.out.printf("%nSummary of %d run(s): median [min-max]%n", runs.size());
        System.out.printf("%-24s %6s %-22s %-26s %-28s %-26s %-24s %s%n", "step", "passed", "p99 ms", "delivered %",
                "deliveries/s", "deliveries/server CPU-s", "server CPU-s", "violations, send errors");
        for (StepSummary s : steps) {
            System.out.printf("%-24s %3d/%-2d %-22s %-26s %-28s %-26s %-24s %d, %d%n", s.step(), s.passed(), s.runs(),
                    s.p99Ms().format("%.1f"), s.deliveredPercent().format("%.2f"),
                    s.deliveriesPerSecond().format("%.0f"), s.deliveriesPerServerCpuSecond().format("%.0f"),
                    s.serverCpuSeconds().format("%.1f"), s.orderViolations(), s.sendErrors());
        }
        if (!memory.isEmpty()) {
            System.out.printf("%nW1 idle connections    RSS MiB (both instances)    RSS KiB per connection    "
                    + "heap KiB per connection    idle CPU %%%n");
            memory.forEach(m -> System.out.printf("%20d    %-26s  %-24s  %-24s  %s%n", m.connections(),
                    m.totalRssMiB().format("%.0f"), m.growthPerConnectionKiB().format("%.1f"),
                    m.heapGrowthPerConnectionKiB().format("%.1f"), m.idleServerCpuPercent().format("%.1f")));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", runs.stream().map(RunResult::runId).toList());
        out.put("steps", steps);
        out.put("memory", memory);
        try {
            Report.JSON.writeValue(Path.of(args[0]).toFile(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + args[0], e);
        }
        System.out.println("\nsummary: " + args[0]);
    }

    private static StepSummary step(String label, List<StepResult> runs) {
        return new StepSummary(label, runs.size(), (int) runs.stream().filter(StepResult::pass).count(),
                spread(runs, s -> s.latency().p99()), spread(runs, StepResult::deliveredPercent),
                spread(runs, StepResult::deliveriesPerSecond), spread(runs, s -> s.cpu().parley()),
                spread(runs, StepResult::deliveriesPerServerCpuSecond),
                runs.stream().mapToLong(s -> s.duplicates() + s.gaps()).sum(),
                runs.stream().mapToLong(StepResult::sendErrors).sum());
    }

    private static <T> Spread spread(List<T> items, ToDoubleFunction<T> figure) {
        return Spread.of(items.stream().map(figure::applyAsDouble).toList());
    }
}
