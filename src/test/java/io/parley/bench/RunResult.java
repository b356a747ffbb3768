package io.parley.bench;

import java.util.List;
import java.util.Map;

/** Everything one run measured; written as JSON under target/bench/ and read back by {@link Summary}. */
record RunResult(String runId, String startedAt, String finishedAt, Map<String, Object> settings, StepResult warmup,
        List<StepResult> steps, long baselineRssKiB, double baselineIdleServerCpuPercent, List<MemoryResult> memory,
        Map<String, Long> closesByCode, long violationsBetweenSteps, int problemCount, List<String> problems) {
}
