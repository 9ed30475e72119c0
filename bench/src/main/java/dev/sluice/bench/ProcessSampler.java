package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a server process's CPU time and resident memory from {@code /proc}, so a run can report
 * what the load cost the server. Missing or unreadable {@code /proc} entries give -1.
 */
final class ProcessSampler {

    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every mainstream Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;

    ProcessSampler(long pid) {
        this.pid = pid;
    }

    boolean enabled() {
        return pid > 0;
    }

    /** User plus system CPU seconds consumed so far by the process. */
    double cpuSeconds() {
        if (!enabled()) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the parenthesised command name, which may itself contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]); // field 14 of proc(5)
            long stime = Long.parseLong(fields[12]); // field 15
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU seconds so far by kind of thread: {@code eventloop} (Vert.x event loops: the request
     * path itself), {@code jit} (C1/C2 compilers), {@code gc} (GC and VM threads) and
     * {@code other}, each also as {@code <kind>.kernel}: the part spent in system calls (for the
     * event loops: mostly the loopback TCP sends, which include the receiving side's work). On a shared machine the JIT can lag far behind, so the event loops' share is
     * the steadier figure for comparing changes to the hot path. Threads that ended are missing.
     */
    Map<String, Double> cpuSecondsByKind() {
        Map<String, Double> out = new TreeMap<>();
        if (!enabled()) {
            return out;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double user = Long.parseLong(fields[11]) / TICKS_PER_SECOND;
                    double kernel = Long.parseLong(fields[12]) / TICKS_PER_SECOND;
                    out.merge(kind(name), user + kernel, Double::sum);
                    out.merge(kind(name) + ".kernel", kernel, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    private static String kind(String threadName) {
        if (threadName.startsWith("vert.x-eventloo")) {
            return "eventloop";
        }
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.startsWith("VM Thread")
                || threadName.startsWith("VM Periodic")) {
            return "gc";
        }
        return "other";
    }

    /** Resident set size in bytes ({@code VmRSS}). */
    long rssBytes() {
        if (!enabled()) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return Long.parseLong(kb) * 1024;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
