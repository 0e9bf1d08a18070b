import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The CPU a process has used so far, from the fields of its `/proc/<pid>/stat` line. */
export interface ProcCpuTime {
  pid: number;
  /** The executable's name (field 2), e.g. `postgres`, `beam.smp`. */
  comm: string;
  /** utime + stime (fields 14 and 15): user and kernel time of all its threads, in clock ticks. */
  ticks: number;
}

/**
 * Parses one `/proc/<pid>/stat` line (proc(5)). The name in field 2 may contain spaces and
 * parentheses, so it ends at the *last* `)`; the numeric fields follow it.
 */
export function parseProcStat(line: string): ProcCpuTime {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open)
    throw new Error(`not a /proc/<pid>/stat line: ${line.slice(0, 80)}`);
  // After the name: field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
  const rest = line
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isInteger(utime) || !Number.isInteger(stime)) {
    throw new Error(`no utime/stime in /proc/<pid>/stat line: ${line.slice(0, 80)}`);
  }
  return {
    pid: Number(line.slice(0, open).trim()),
    comm: line.slice(open + 1, close),
    ticks: utime + stime,
  };
}

/** Whether this system has a Linux-style /proc to read CPU times from. */
export function procAvailable(): boolean {
  try {
    parseProcStat(readFileSync('/proc/self/stat', 'utf8'));
    return true;
  } catch {
    return false;
  }
}

/** One process' CPU time, or null when it has exited (or there is no /proc). */
export function readProcCpuTime(pid: number): ProcCpuTime | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Every visible process whose name is `comm` (e.g. all PostgreSQL backends and helpers). */
export function readProcCpuTimesByName(comm: string): ProcCpuTime[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const found: ProcCpuTime[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const time = readProcCpuTime(Number(entry));
    if (time?.comm === comm) found.push(time);
  }
  return found;
}

/** Clock ticks per second (`getconf CLK_TCK`); 100, Linux' usual value, when getconf fails. */
export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}
