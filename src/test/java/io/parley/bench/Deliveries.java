package io.parley.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** The ledger of a run: per step expected and received deliveries, order violations and latency. */
final class Deliveries {

    // Written from both event loops and the sender: every counter is a LongAdder, every
    // histogram a Recorder (wait-free for writers).
    /** The counters of one step; step 0 collects whatever happens between steps. */
    static final class Tally {
        final int step;
        final LongAdder expected = new LongAdder();
        final LongAdder received = new LongAdder();
        final LongAdder stale = new LongAdder();          // a delivery of an earlier step, after its drain
        final LongAdder duplicates = new LongAdder();     // seq <= the subscriber's last seq
        final LongAdder gaps = new LongAdder();           // seq != last seq + 1
        final LongAdder closed = new LongAdder();         // sockets the server closed
        final LongAdder errors = new LongAdder();         // subscription errors and unexpected completes
        final Recorder latencyMicros = new Recorder(3);   // receive time - intended send time
        final Recorder ackMicros = new Recorder(3);       // sendMessage answer time - intended send time

        Tally(int step) {
            this.step = step;
        }
    }

    private static final int MAX_PROBLEMS = 20;

    private final Tally between = new Tally(0);
    private volatile Tally current = between;
    private final Map<Integer, LongAdder> closesByCode = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicInteger problemCount = new AtomicInteger();

    /** Starts counting for {@code step} (a positive number carried in every message body). */
    Tally begin(int step) {
        Tally tally = new Tally(step);
        current = tally;
        return tally;
    }

    /** Stops counting for the current step: what arrives from now on is counted between steps. */
    void end() {
        current = between;
    }

    Tally current() {
        return current;
    }

    Tally between() {
        return between;
    }

    /**
     * Counts one in-order delivery whose body, at {@code from}, continues {@code <step>|<nanos>|}
     * (the message body starts with "b|"); parsed by hand because this runs for every delivery.
     */
    void received(Tally tally, String text, int from, long receivedNanos) {
        int bar = text.indexOf('|', from);
        if (bar < 0) {
            return;
        }
        long step = number(text, from);
        if (step != tally.step) {
            tally.stale.increment();
            return;
        }
        tally.received.increment();
        tally.latencyMicros.recordValue(Math.max(0, (receivedNanos - number(text, bar + 1)) / 1000));
    }

    void closed(Tally tally, int code) {
        tally.closed.increment();
        closesByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** Remembers the first few problems (errors from the server) for the report. */
    void problem(String what) {
        if (problemCount.incrementAndGet() <= MAX_PROBLEMS) {
            problems.add(what.length() > 300 ? what.substring(0, 300) + "..." : what);
        }
    }

    Map<String, Long> closesByCode() {
        Map<String, Long> closes = new TreeMap<>();
        closesByCode.forEach((code, count) -> closes.put(Integer.toString(code), count.sum()));
        return closes;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    int problemCount() {
        return problemCount.get();
    }

    /** The (optionally negative) decimal number at {@code from}. */
    static long number(String text, int from) {
        boolean negative = from < text.length() && text.charAt(from) == '-';
        long value = 0;
        for (int i = negative ? from + 1 : from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }
}
