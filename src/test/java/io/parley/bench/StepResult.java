package io.parley.bench;

/** One measured step: an offered rate over a set of rooms and their subscribers. */
record StepResult(String workload, int rooms, int subscribersPerRoom, int liveSubscribers, int notLive,
        int offeredRate, int seconds, long attempted, long acked, long sendErrors, long refused, long expected,
        long received, double deliveredPercent, double deliveriesPerSecond, Latency latency, Latency ackLatency,
        long duplicates, long gaps, long stale, long closedSockets, long subscriptionErrors, ProcStats.Cpu cpu,
        double deliveriesPerServerCpuSecond, boolean pass) {

    // expected = acked sends x live subscribers of each one's room; deliveriesPerSecond = received
    // over the send window; CPU-seconds cover the window, the wait for answers and the drain;
    // latencies run from each send's intended time.

    /** "W2a 100x10 @ 400/s". */
    String label() {
        return workload + " " + rooms + "x" + subscribersPerRoom + " @ " + offeredRate + "/s";
    }
}
