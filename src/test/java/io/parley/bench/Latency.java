package io.parley.bench;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds, from a histogram of microseconds (all 0 when it is empty). */
record Latency(double p50, double p99, double p999, double max) {

    static Latency of(Histogram micros) {
        return new Latency(millis(micros.getValueAtPercentile(50)), millis(micros.getValueAtPercentile(99)),
                millis(micros.getValueAtPercentile(99.9)), millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
