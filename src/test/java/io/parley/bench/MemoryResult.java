package io.parley.bench;

import java.util.List;

/** RSS of both instances after a GC with this many idle subscribed connections, and their idle CPU (% of a core). */
record MemoryResult(int connections, int notLive, List<Long> rssKiB, long totalRssKiB, double growthPerConnectionKiB,
        double idleServerCpuPercent) {
}
