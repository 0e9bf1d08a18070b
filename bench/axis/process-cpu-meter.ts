import {
  clockTicksPerSecond,
  procAvailable,
  readProcCpuTime,
  readProcCpuTimesByName,
} from './proc-cpu-time';

/** The shared servers, charged by process name: the broker (`beam.smp`), every `postgres`. */
export type ServerName = 'rabbitmq' | 'postgres';

const SERVER_PROCESS_NAMES: Record<ServerName, string> = {
  rabbitmq: 'beam.smp',
  postgres: 'postgres',
};

type Snapshot<Group extends string> = Map<Group | ServerName, Map<number, number> | null>;

/**
 * CPU used over a window, from /proc, by named groups of processes (an app, a pipeline's
 * processes) and by both servers. The servers are shared with whatever else runs on the machine,
 * so their share includes others' work; a group's is its own. Processes that appear during the
 * window count from zero; those that exit before its end are not counted (their time is no longer
 * readable).
 */
export class ProcessCpuMeter<Group extends string> {
  private constructor(
    private readonly groups: ReadonlyMap<Group, readonly number[]>,
    private readonly ticksPerSecond: number,
    private readonly start: Snapshot<Group> | null,
  ) {}

  /** Starts the window; measures nothing where there is no /proc. */
  static start<Group extends string>(
    groups: ReadonlyMap<Group, readonly number[]>,
  ): ProcessCpuMeter<Group> {
    if (!procAvailable()) return new ProcessCpuMeter(groups, 100, null);
    return new ProcessCpuMeter(groups, clockTicksPerSecond(), snapshot(groups));
  }

  /**
   * Ends the window: the CPU ms of each group and server divided by `completed`; null for one
   * with no readable process, and for all without /proc or with nothing completed.
   */
  perUnit(completed: number): Map<Group | ServerName, number | null> {
    const end = this.start ? snapshot(this.groups) : null;
    const result = new Map<Group | ServerName, number | null>();
    for (const name of [...this.groups.keys(), ...serverNames()]) {
      const before = this.start?.get(name) ?? new Map<number, number>();
      const after = end?.get(name);
      if (!after || completed <= 0) {
        result.set(name, null);
        continue;
      }
      let ticks = 0;
      for (const [pid, now] of after) ticks += now - (before.get(pid) ?? 0);
      result.set(name, ((ticks / this.ticksPerSecond) * 1000) / completed);
    }
    return result;
  }
}

function serverNames(): ServerName[] {
  return Object.keys(SERVER_PROCESS_NAMES) as ServerName[];
}

/** Ticks per pid for every group and server; null for one with no readable process. */
function snapshot<Group extends string>(
  groups: ReadonlyMap<Group, readonly number[]>,
): Snapshot<Group> {
  const taken: Snapshot<Group> = new Map();
  const byPid = (times: readonly { pid: number; ticks: number }[]) =>
    times.length > 0 ? new Map(times.map((time) => [time.pid, time.ticks])) : null;
  for (const [name, pids] of groups) {
    taken.set(name, byPid(pids.flatMap((pid) => readProcCpuTime(pid) ?? [])));
  }
  for (const server of serverNames()) {
    taken.set(server, byPid(readProcCpuTimesByName(SERVER_PROCESS_NAMES[server])));
  }
  return taken;
}
