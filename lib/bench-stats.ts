import { PerformanceObserver, constants, monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

/**
 * What the server itself sees while `npm run bench` loads it (only with BENCHMARK=1): each garbage
 * collection's pause, and how late the event loop ran. The bench reads and resets them through
 * GET /api/baseline, to tell a slow request's cause from the queue it waited in.
 */

export type GcPause = { at: number; ms: number; kind: "minor" | "major" | "incremental" | "weak callbacks" };
export type BenchStats = {
  gc: GcPause[];
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number };
  heapUsedMb: number;
  rssMb: number;
};

const KINDS: Record<number, GcPause["kind"]> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "minor",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "major",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak callbacks",
};

type Monitor = { gc: GcPause[]; delay: IntervalHistogram };
const globalForStats = globalThis as unknown as { benchStats?: Monitor };

export function startBenchStats(): void {
  if (globalForStats.benchStats) return;
  const monitor: Monitor = { gc: [], delay: monitorEventLoopDelay({ resolution: 5 }) };
  monitor.delay.enable();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = KINDS[(entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? "minor";
      // Wall-clock time, so the bench can line pauses up with its own requests.
      monitor.gc.push({ at: performance.timeOrigin + entry.startTime, ms: entry.duration, kind });
    }
  }).observe({ entryTypes: ["gc"] });
  globalForStats.benchStats = monitor;
}

/** Everything since the last call (or since start-up), then starts again. */
export function takeBenchStats(): BenchStats | null {
  const monitor = globalForStats.benchStats;
  if (!monitor) return null;
  const ns = (v: number) => Math.round((v / 1e6) * 100) / 100;
  const memory = process.memoryUsage();
  const stats: BenchStats = {
    gc: monitor.gc.splice(0),
    eventLoopDelayMs: {
      p50: ns(monitor.delay.percentile(50)),
      p99: ns(monitor.delay.percentile(99)),
      max: ns(monitor.delay.max),
      mean: ns(monitor.delay.mean),
    },
    heapUsedMb: Math.round(memory.heapUsed / 2 ** 20),
    rssMb: Math.round(memory.rss / 2 ** 20),
  };
  monitor.delay.reset();
  return stats;
}
