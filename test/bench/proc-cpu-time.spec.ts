import { existsSync, readFileSync } from 'node:fs';
import { clockTicksPerSecond, parseProcStat } from '../../bench/axis/proc-cpu-time';

/** The benchmark's CPU accounting reads utime + stime from /proc/<pid>/stat (proc(5)). */
describe('parseProcStat', () => {
  const onLinux = existsSync('/proc/self/stat') ? it : it.skip;

  onLinux('reads a real /proc/self/stat: this pid, its name, and a plausible tick count', () => {
    const parsed = parseProcStat(readFileSync('/proc/self/stat', 'utf8'));

    expect(parsed.pid).toBe(process.pid);
    expect(parsed.comm).toBe(readFileSync('/proc/self/comm', 'utf8').trim());
    // This process has loaded Jest and compiled specs: some CPU, but no more than it has used.
    const { user, system } = process.cpuUsage();
    const usedTicks = ((user + system) / 1e6) * clockTicksPerSecond();
    expect(parsed.ticks).toBeGreaterThan(0);
    expect(parsed.ticks).toBeLessThanOrEqual(usedTicks * 1.1 + 10);
  });

  it('takes the name up to the last ")" so spaces and parentheses in it do not shift the fields', () => {
    // Fields 3..15: state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt, majflt,
    // cmajflt, utime = 1234, stime = 56; then the rest of the line.
    const line =
      '4242 (my (odd) ) name) S 1 4242 4242 0 -1 4194560 10 0 0 0 1234 56 7 8 20 0 1 0 100 0 0\n';

    expect(parseProcStat(line)).toEqual({ pid: 4242, comm: 'my (odd) ) name', ticks: 1290 });
  });

  it('refuses a line that is not a stat line', () => {
    expect(() => parseProcStat('garbage')).toThrow(/not a \/proc\/<pid>\/stat line/);
    expect(() => parseProcStat('1 (x) S 1')).toThrow(/no utime\/stime/);
  });
});
