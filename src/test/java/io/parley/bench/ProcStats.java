package io.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** CPU time and resident memory of the processes on the machine under test, read from Linux /proc. */
final class ProcStats {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    /** CPU-seconds (user + system) of the Parley instances, Postgres, Redis and this generator. */
    record Cpu(double parley, double postgres, double redis, double generator) {
        Cpu minus(Cpu earlier) {
            return new Cpu(parley - earlier.parley, postgres - earlier.postgres, redis - earlier.redis,
                    generator - earlier.generator);
        }
    }

    private static final Path PROC = Path.of("/proc");

    private final List<Long> parleyPids;
    private final String database;
    private final String redisPort;
    private final double ticksPerSecond = clockTicks();

    ProcStats(List<Long> parleyPids, String database, int redisPort) {
        this.parleyPids = List.copyOf(parleyPids);
        this.database = database;
        this.redisPort = ":" + redisPort;
    }

    /**
     * Cumulative CPU-seconds now. Postgres counts the backends of our database plus the shared
     * auxiliary processes (postmaster, WAL writer, checkpointer, ...) and leaves out other
     * databases' backends; Redis is the redis-server on our port. A process that exits between
     * two samples takes its time with it, so compare samples of long-lived processes only.
     */
    Cpu cpu() {
        double parley = 0;
        for (long pid : parleyPids) {
            parley += cpuSeconds(pid);
        }
        double postgres = 0;
        double redis = 0;
        for (long pid : allPids()) {
            String comm = read(PROC.resolve(pid + "/comm")).trim();
            if (comm.equals("postgres") && isOurs(commandLine(pid))) {
                postgres += cpuSeconds(pid);
            } else if (comm.equals("redis-server") && commandLine(pid).contains(redisPort)) {
                redis += cpuSeconds(pid);
            }
        }
        return new Cpu(parley, postgres, redis, cpuSeconds(ProcessHandle.current().pid()));
    }

    /** VmRSS of each Parley instance, in KiB. */
    List<Long> rssKiB() {
        List<Long> rss = new ArrayList<>();
        for (long pid : parleyPids) {
            rss.add(read(PROC.resolve(pid + "/status")).lines().filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0L));
        }
        return rss;
    }

    /** Asks each instance for a full GC ({@code jcmd <pid> GC.run}) and waits for jcmd to return. */
    void collectGarbage() {
        parleyPids.forEach(pid -> jcmd(pid, "GC.run"));
    }

    /** The Java heap each instance uses (after {@link #collectGarbage}: its live data), in KiB. */
    List<Long> heapUsedKiB() {
        // G1 prints " garbage-first heap   total 524288K, used 123456K [...]" first.
        return parleyPids.stream().map(pid -> {
            Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
            return used.find() ? Long.parseLong(used.group(1)) : 0L;
        }).toList();
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + pid + " " + command + " did not return within 60 s");
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private boolean isOurs(String title) {
        // Backends are titled "postgres: 15/main: <user> <database> <client> <state>".
        boolean backend = title.contains("127.0.0.1(") || title.contains("[local]");
        return !backend || title.contains(" " + database + " ");
    }

    /** utime + stime (fields 14 and 15 of /proc/<pid>/stat), in seconds; 0 once the process is gone. */
    private double cpuSeconds(long pid) {
        String stat = read(PROC.resolve(pid + "/stat"));
        int end = stat.lastIndexOf(')');          // the command name may hold spaces and parentheses
        if (end < 0) {
            return 0;
        }
        String[] fields = stat.substring(end + 2).split(" ");   // fields[0] is field 3 (state)
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / ticksPerSecond;
    }

    private static String commandLine(long pid) {
        return read(PROC.resolve(pid + "/cmdline")).replace('\0', ' ');
    }

    private static List<Long> allPids() {
        try (Stream<Path> entries = Files.list(PROC)) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::valueOf).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";                             // the process exited meanwhile
        }
    }

    private static double clockTicks() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;                            // the Linux default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
