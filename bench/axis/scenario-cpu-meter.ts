import type { AxisAppName } from './axis-app-process';
import {
  clockTicksPerSecond,
  procAvailable,
  readProcCpuTime,
  readProcCpuTimesByName,
} from './proc-cpu-time';

/** Who is charged: each app's process, the broker (`beam.smp`), the database (every `postgres`). */
export type CpuConsumer = AxisAppName | 'rabbitmq' | 'postgres';

export const CPU_CONSUMERS: readonly CpuConsumer[] = [
  'gateway',
  'router',
  'verifier',
  'audit',
  'notifier',
  'rabbitmq',
  'postgres',
];

/** CPU milliseconds per completed dispatch; null where it could not be measured (no /proc, gone). */
export type CpuMsPerDispatch = Record<CpuConsumer | 'total', number | null>;

const SERVER_PROCESS_NAMES = { rabbitmq: 'beam.smp', postgres: 'postgres' } as const;

type Snapshot = Map<CpuConsumer, Map<number, number> | null>;

/**
 * CPU used by the apps and both servers over one scenario's window, from /proc. The servers are
 * shared with whatever else runs on the machine, so their share includes others' work; the apps'
 * is theirs alone. Processes that appear during the window count from zero; those that exit
 * before its end are not counted (their time is no longer readable).
 */
export class ScenarioCpuMeter {
  private constructor(
    private readonly apps: ReadonlyMap<AxisAppName, number>,
    private readonly ticksPerSecond: number,
    private readonly start: Snapshot | null,
  ) {}

  static start(apps: readonly { name: AxisAppName; pid: number }[]): ScenarioCpuMeter {
    const pids = new Map(apps.map((app) => [app.name, app.pid]));
    if (!procAvailable()) return new ScenarioCpuMeter(pids, 100, null);
    return new ScenarioCpuMeter(pids, clockTicksPerSecond(), snapshot(pids));
  }

  /** Ends the window: each consumer's CPU ms divided by the dispatches completed in it. */
  perDispatch(completedDispatches: number): CpuMsPerDispatch {
    const end = this.start ? snapshot(this.apps) : null;
    const result = { total: null } as CpuMsPerDispatch;
    let total: number | null = null;
    for (const consumer of CPU_CONSUMERS) {
      const before = this.start?.get(consumer) ?? new Map<number, number>();
      const after = end?.get(consumer);
      if (!after || completedDispatches <= 0) {
        result[consumer] = null;
        continue;
      }
      let ticks = 0;
      for (const [pid, now] of after) ticks += now - (before.get(pid) ?? 0);
      const ms = ((ticks / this.ticksPerSecond) * 1000) / completedDispatches;
      result[consumer] = ms;
      total = (total ?? 0) + ms;
    }
    result.total = total;
    return result;
  }
}

/** Ticks per pid for every consumer; null for one with no readable process. */
function snapshot(apps: ReadonlyMap<AxisAppName, number>): Snapshot {
  const taken: Snapshot = new Map();
  for (const [name, pid] of apps) {
    const time = readProcCpuTime(pid);
    taken.set(name, time ? new Map([[pid, time.ticks]]) : null);
  }
  for (const [consumer, comm] of Object.entries(SERVER_PROCESS_NAMES)) {
    const times = readProcCpuTimesByName(comm);
    taken.set(
      consumer as CpuConsumer,
      times.length > 0 ? new Map(times.map((t) => [t.pid, t.ticks])) : null,
    );
  }
  return taken;
}
