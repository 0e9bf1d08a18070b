import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';

/** Collections of one kind in the window: how many, and their pauses (wall clock) in all. */
export interface GcTally {
  count: number;
  ms: number;
}

export interface GcWindow {
  scavenges: GcTally;
  markCompacts: GcTally;
  /** Incremental marking steps and weak-callback processing, counted together. */
  other: GcTally;
}

/**
 * Counts this process's garbage collections between start() and stop() (Node's `gc` performance
 * entries): how often the request path makes V8 collect, which CPU time alone does not show.
 */
export class GcMeter {
  private window = emptyWindow();
  private readonly observer = new PerformanceObserver((list) => this.tally(list.getEntries()));

  start(): void {
    this.window = emptyWindow();
    this.observer.observe({ entryTypes: ['gc'] });
  }

  stop(): GcWindow {
    // Entries are delivered asynchronously: those still queued belong to the window too.
    this.tally(this.observer.takeRecords());
    this.observer.disconnect();
    return this.window;
  }

  private tally(entries: readonly PerformanceEntry[]): void {
    for (const entry of entries) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      const tally =
        kind === constants.NODE_PERFORMANCE_GC_MINOR
          ? this.window.scavenges
          : kind === constants.NODE_PERFORMANCE_GC_MAJOR
            ? this.window.markCompacts
            : this.window.other;
      tally.count++;
      tally.ms += entry.duration;
    }
  }
}

function emptyWindow(): GcWindow {
  return {
    scavenges: { count: 0, ms: 0 },
    markCompacts: { count: 0, ms: 0 },
    other: { count: 0, ms: 0 },
  };
}
