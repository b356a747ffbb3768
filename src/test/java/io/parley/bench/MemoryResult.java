package io.parley.bench;

import java.util.List;

/**
 * Both instances with this many idle subscribed connections, after a GC: RSS and live Java heap
 * (in total and their growth per connection over the no-connection baseline), and idle CPU (% of a core).
 */
record MemoryResult(int connections, int notLive, List<Long> rssKiB, long totalRssKiB, double growthPerConnectionKiB,
        long heapUsedKiB, double heapGrowthPerConnectionKiB, double idleServerCpuPercent) {
}
