package io.parley.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Load generator for live fan-out of roomEvents on two Parley instances (bin/bench runs it; options in {@link Options}). */
public final class Bench {

    private static final List<String> USERS = List.of("alice", "bob", "carol", "dave");
    private static final int WARMUP_ROOMS = 100;
    private static final int WARMUP_SUBSCRIBERS = 10;
    /** A step whose p99 passes this is overloaded: the topology's higher rates are skipped. */
    private static final double OVERLOAD_P99_MS = 2_000;
    private static final double MAX_P99_MS = 100;
    private static final double MIN_DELIVERED_PERCENT = 99.9;
    private static final Duration LIVE_WAIT = Duration.ofSeconds(60);
    private static final Duration GC_SETTLE = Duration.ofSeconds(5);
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(5);

    /** The rooms of one workload and their subscribers. */
    private record Topology(String workload, List<String> roomIds, int subscribersPerRoom, List<Subscriber> subscribers) {
    }

    private final Options options;
    private final Api api;
    private final Deliveries deliveries = new Deliveries();
    private final ProcStats proc;
    private final List<String> tokens;
    private final List<String> userIds;
    private final Fleet fleet;
    private final Sender sender;
    private int step;

    private Bench(Options options, Vertx vertx) {
        this.options = options;
        this.api = new Api(vertx, options.ports());
        this.proc = new ProcStats(options.pids(), "parley_bench", 6379);
        this.tokens = USERS.stream().map(api::token).toList();
        // A user exists in Parley once they have called it; then they can be added to rooms.
        this.userIds = tokens.stream().map(token -> Await.result(api.graphql(0, token, "{ me { id } }", null))
                .getJsonObject("me").getString("id")).toList();
        this.fleet = new Fleet(vertx, options.ports(), tokens, deliveries, options.handshakes());
        this.sender = new Sender(vertx, options.ports(), tokens, options.maxInFlight(), options.runId(), deliveries);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            RunResult result = new Bench(options, vertx).run();
            Report.write(result, options.out());
            Report.print(result, System.out);
            log("result: " + options.out());
        } finally {
            Await.result(vertx.close());
        }
    }

    private RunResult run() {
        String startedAt = Instant.now().toString();
        List<StepResult> steps = new ArrayList<>();
        log("run " + options.runId() + ": warm-up, " + WARMUP_ROOMS + " rooms x " + WARMUP_SUBSCRIBERS + " subscribers at "
                + options.warmupRate() + " msg/s for " + options.warmupSeconds() + " s (not recorded)");
        Topology warm = setUp("warmup", WARMUP_ROOMS, WARMUP_SUBSCRIBERS);
        StepResult warmup = measure(warm, options.warmupRate(), options.warmupSeconds());
        log(Report.header());
        log(Report.row(warmup));
        fleet.close(warm.subscribers());
        long baseline = 0;
        double baselineIdleCpu = 0;
        List<MemoryResult> memory = List.of();
        if (options.workloads().contains("W1")) {
            baselineIdleCpu = idleServerCpuPercent();
            baseline = rssAfterGc().stream().mapToLong(Long::longValue).sum();
            long baselineHeap = sum(proc.heapUsedKiB());
            log(String.format("W1 baseline with no connections: %d MiB RSS and %d MiB live heap over both instances,"
                    + " idle CPU %.1f %%", baseline / 1024, baselineHeap / 1024, baselineIdleCpu));
            memory = idleMemory(warm.roomIds(), baseline, baselineHeap);
        }
        if (options.workloads().contains("W2a")) {
            for (int rooms : options.w2aRooms()) {
                rates("W2a", rooms, options.w2aSubscribers(), options.w2aRates(), steps);
            }
        }
        if (options.workloads().contains("W2b")) {
            for (int subscribers : options.w2bSubscribers()) {
                rates("W2b", 1, subscribers, options.w2bRates(), steps);
            }
        }
        Deliveries.Tally between = deliveries.between();
        return new RunResult(options.runId(), startedAt, Instant.now().toString(), options.describe(), warmup, steps,
                baseline, baselineIdleCpu, memory, deliveries.closesByCode(), between.duplicates.sum() + between.gaps.sum(),
                deliveries.problemCount(), deliveries.problems());
    }

    /** Creates the rooms (the four demo users are members of each) and opens their subscribers. */
    private Topology setUp(String workload, int rooms, int subscribersPerRoom) {
        long t0 = System.nanoTime();
        String prefix = "bench-" + options.runId() + "-" + workload + "-" + rooms + "x" + subscribersPerRoom;
        List<String> roomIds = api.createRooms(tokens.get(0), prefix, rooms, userIds.subList(1, userIds.size()));
        List<Subscriber> subscribers = fleet.open(roomIds, api.lastSeqs(tokens.get(0), roomIds),
                rooms * subscribersPerRoom, 0);
        long failed = subscribers.stream().filter(s -> s.state() != Subscriber.State.SUBSCRIBED).count();
        log(String.format("%s: %d rooms, %d subscriber connections (%d failed) in %.1f s", prefix, rooms,
                subscribers.size(), failed, (System.nanoTime() - t0) / 1e9));
        return new Topology(workload, roomIds, subscribersPerRoom, subscribers);
    }

    /**
     * Runs every rate on one topology, adding each step's result to {@code steps}. A failure (an
     * instance that died, say) ends this topology only, and is recorded as a problem, so that
     * what was measured before it is still written.
     */
    private void rates(String workload, int rooms, int subscribersPerRoom, List<Integer> rates, List<StepResult> steps) {
        Topology topology = null;
        try {
            topology = setUp(workload, rooms, subscribersPerRoom);
            for (int rate : rates) {
                StepResult result = measure(topology, rate, options.stepSeconds());
                log(Report.row(result));
                steps.add(result);
                if (result.latency().p99() > OVERLOAD_P99_MS) {
                    // Higher rates only queue more: skip them rather than start each from a backlog.
                    log(workload + " " + rooms + "x" + subscribersPerRoom + ": overloaded at " + rate
                            + " msg/s (p99 over " + OVERLOAD_P99_MS + " ms); higher rates skipped");
                    break;
                }
            }
        } catch (RuntimeException e) {
            deliveries.end();
            deliveries.problem(workload + " " + rooms + "x" + subscribersPerRoom + " aborted: " + e);
            log(workload + " " + rooms + "x" + subscribersPerRoom + " aborted: " + e);
        } finally {
            if (topology != null) {
                fleet.close(topology.subscribers());
            }
        }
    }

    /** One step: waits until every subscription is live, sends for the window, drains, and counts. */
    private StepResult measure(Topology topology, int rate, int seconds) {
        int[] liveOf = awaitLive(topology);
        int live = Arrays.stream(liveOf).sum();
        Deliveries.Tally tally = deliveries.begin(++step);
        ProcStats.Cpu before = proc.cpu();
        Sender.Outcome sent = sender.run(tally, topology.roomIds(), liveOf, rate, seconds);
        if (sender.inFlight() > 0) {
            deliveries.problem(sender.inFlight() + " sends still unanswered 30 s after step " + step);
        }
        Await.sleep(Duration.ofSeconds(options.drainSeconds()));
        ProcStats.Cpu cpu = proc.cpu().minus(before);
        deliveries.end();
        Histogram latency = tally.latencyMicros.getIntervalHistogram();
        Histogram ack = tally.ackMicros.getIntervalHistogram();
        long expected = tally.expected.sum();
        long received = tally.received.sum();
        double deliveredPercent = expected == 0 ? 0 : 100.0 * received / expected;
        long violations = tally.duplicates.sum() + tally.gaps.sum();
        Latency deliveryLatency = Latency.of(latency);
        boolean pass = expected > 0 && deliveryLatency.p99() <= MAX_P99_MS && deliveredPercent >= MIN_DELIVERED_PERCENT
                && violations == 0;
        return new StepResult(topology.workload(), topology.roomIds().size(), topology.subscribersPerRoom(), live,
                topology.subscribers().size() - live, rate, seconds, sent.attempted(), sent.acked(), sent.failed(),
                sent.refused(), expected, received, deliveredPercent, (double) received / seconds, deliveryLatency,
                Latency.of(ack), tally.duplicates.sum(), tally.gaps.sum(), tally.stale.sum(), tally.closed.sum(),
                tally.errors.sum(), cpu, cpu.parley() > 0 ? received / cpu.parley() : 0, pass);
    }

    /**
     * Sends one probe message to every room and waits (bounded) until each subscriber has seen it:
     * then its subscription is registered and caught up. Returns the live subscribers per room.
     */
    private int[] awaitLive(Topology topology) {
        long[] probes = api.probe(tokens.get(0), topology.roomIds(), "p|probe");
        long deadline = System.nanoTime() + LIVE_WAIT.toNanos();
        while (System.nanoTime() < deadline && topology.subscribers().stream().anyMatch(s ->
                s.state() == Subscriber.State.SUBSCRIBED && s.lastSeq() < probes[s.room])) {
            Await.sleep(Duration.ofMillis(100));
        }
        int[] liveOf = new int[topology.roomIds().size()];
        for (Subscriber s : topology.subscribers()) {
            boolean live = s.state() == Subscriber.State.SUBSCRIBED && s.lastSeq() >= probes[s.room];
            s.counted(live);
            if (live) {
                liveOf[s.room]++;
            }
        }
        return liveOf;
    }

    /** W1: idle subscribed connections on the (now quiet) warm-up rooms, growing to each level. */
    private List<MemoryResult> idleMemory(List<String> roomIds, long baseline, long baselineHeap) {
        List<MemoryResult> results = new ArrayList<>();
        List<Subscriber> idle = new ArrayList<>();
        for (int level : options.w1Levels()) {
            if (level > idle.size()) {
                idle.addAll(fleet.open(roomIds, api.lastSeqs(tokens.get(0), roomIds), level - idle.size(), idle.size()));
            }
            Topology topology = new Topology("W1", roomIds, Math.max(1, level / roomIds.size()), idle);
            int notLive = idle.size() - Arrays.stream(awaitLive(topology)).sum();
            double idleCpu = idleServerCpuPercent();
            List<Long> rss = rssAfterGc();
            long total = sum(rss);
            long heap = sum(proc.heapUsedKiB());
            MemoryResult result = new MemoryResult(idle.size(), notLive, rss, total,
                    (double) (total - baseline) / idle.size(), heap, (double) (heap - baselineHeap) / idle.size(), idleCpu);
            log(String.format("W1 %d idle connections (%d not live): %d MiB RSS, %+.1f KiB per connection; %d MiB live"
                    + " heap, %+.1f KiB per connection; idle CPU %.1f %%", result.connections(), notLive, total / 1024,
                    result.growthPerConnectionKiB(), heap / 1024, result.heapGrowthPerConnectionKiB(), idleCpu));
            results.add(result);
        }
        fleet.close(idle);
        return results;
    }

    /** CPU of both instances over a quiet window, in percent of one core. */
    private double idleServerCpuPercent() {
        ProcStats.Cpu before = proc.cpu();
        Await.sleep(IDLE_WINDOW);
        return 100 * proc.cpu().minus(before).parley() / IDLE_WINDOW.toSeconds();
    }

    private List<Long> rssAfterGc() {
        Await.sleep(GC_SETTLE);        // closed sockets and finished requests are released first
        proc.collectGarbage();
        Await.sleep(GC_SETTLE);
        return proc.rssKiB();
    }

    private static long sum(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sum();
    }

    static void log(String line) {
        System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + line);
        System.out.flush();
    }
}
