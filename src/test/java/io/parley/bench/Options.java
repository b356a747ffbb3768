package io.parley.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Command-line settings of one benchmark run ({@code --name value} pairs; see {@link #DEFAULTS}). */
record Options(List<Integer> ports, List<Long> pids, int stepSeconds, int drainSeconds, int warmupSeconds,
        int warmupRate, Set<String> workloads, List<Integer> w2aRooms, int w2aSubscribers, List<Integer> w2aRates,
        List<Integer> w2bSubscribers, List<Integer> w2bRates, List<Integer> w1Levels, int maxInFlight,
        int handshakes, String runId, Path out) {

    static final Set<String> WORKLOADS = Set.of("W1", "W2a", "W2b");

    /** Every option with its default; {@code pids} and {@code out} have none. */
    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("ports", "8091,8092");             // the two Parley instances on 127.0.0.1
        defaults.put("pids", "");                       // their process ids, same order (for /proc and jcmd)
        defaults.put("step-seconds", "20");             // send window of each measured step
        defaults.put("drain-seconds", "5");             // wait after the window before counting
        defaults.put("warmup-seconds", "120");          // 100 rooms x 10 subscribers, not recorded: lets the JIT settle
        defaults.put("warmup-rate", "100");             // msg/s during the warm-up: below saturation, so no backlog
        defaults.put("only", "W1,W2a,W2b");
        defaults.put("w2a-rooms", "100,1000");
        defaults.put("w2a-subscribers", "10");          // per room
        defaults.put("w2a-rates", "100,200,400,800,1600");
        defaults.put("w2b-subscribers", "1000,2000");   // in one room
        defaults.put("w2b-rates", "5,10,20,40,80");
        defaults.put("w1-levels", "2000,5000,10000");   // idle connections in total
        defaults.put("max-in-flight", "2000");          // sends beyond this many unanswered ones count as failed
        defaults.put("handshakes", "200");              // concurrent WebSocket handshakes while connecting
        defaults.put("run-id", Long.toString(System.currentTimeMillis(), 36));
        defaults.put("out", "");                        // the JSON result file
        return defaults;
    }

    static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!values.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "; options: "
                        + String.join(", ", DEFAULTS.keySet()));
            }
            values.put(name, args[i + 1]);
        }
        if (values.get("pids").isEmpty() || values.get("out").isEmpty()) {
            throw new IllegalArgumentException("--pids and --out are required");
        }
        Set<String> workloads = Set.of(values.get("only").split(","));
        if (!WORKLOADS.containsAll(workloads)) {
            throw new IllegalArgumentException("--only takes a comma-separated subset of " + WORKLOADS);
        }
        List<Integer> ports = ints(values.get("ports"));
        List<Long> pids = Arrays.stream(values.get("pids").split(",")).map(Long::valueOf).toList();
        if (ports.size() != 2 || pids.size() != 2) {
            throw new IllegalArgumentException("--ports and --pids each name the two instances");
        }
        return new Options(ports, pids, number(values, "step-seconds"), number(values, "drain-seconds"),
                number(values, "warmup-seconds"), number(values, "warmup-rate"), workloads, ints(values.get("w2a-rooms")),
                number(values, "w2a-subscribers"), ints(values.get("w2a-rates")), ints(values.get("w2b-subscribers")),
                ints(values.get("w2b-rates")), ints(values.get("w1-levels")), number(values, "max-in-flight"),
                number(values, "handshakes"), values.get("run-id"), Path.of(values.get("out")));
    }

    /** The settings as written into the result file. */
    Map<String, Object> describe() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("ports", ports);
        settings.put("stepSeconds", stepSeconds);
        settings.put("drainSeconds", drainSeconds);
        settings.put("warmupSeconds", warmupSeconds);
        settings.put("warmupRate", warmupRate);
        settings.put("workloads", workloads.stream().sorted().collect(Collectors.toList()));
        settings.put("maxInFlight", maxInFlight);
        settings.put("handshakes", handshakes);
        return settings;
    }

    private static int number(Map<String, String> values, String name) {
        return Integer.parseInt(values.get(name));
    }

    private static List<Integer> ints(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }
}
