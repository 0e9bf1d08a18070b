import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { AXIS_APP_NODE_FLAGS, axisAppEntry, type AxisAppName } from '../../scripts/axis-app-launch';
import { BenchFailureError } from '../support/bench-failure.error';

export type { AxisAppName };

/** Where an app answers `GET /health/ready`: its management listener (plain HTTP). */
export interface ReadinessProbe {
  url: string;
}

/**
 * One docaxis app in a process of its own, started as `npm start` and the Docker image start it:
 * `node <AXIS_APP_NODE_FLAGS> dist/apps/<app>/src/main.js`, compiled beforehand (`buildAxisApps`), so the benchmark sees
 * each app's own memory and CPU and none of a transpiler's (ts-node's compiler and its
 * source-map-support, which rewrites the stack of every Error created, cost the gateway ~5 %).
 */
export class AxisAppProcess {
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly name: AxisAppName,
    repoRoot: string,
    env: NodeJS.ProcessEnv,
    /** The app's stdout and stderr go to this file, not through a pipe the benchmark must drain. */
    readonly logFile: string,
    nodeArgs: readonly string[],
  ) {
    const log = openSync(logFile, 'a');
    this.child = spawn(
      process.execPath,
      [...AXIS_APP_NODE_FLAGS, ...nodeArgs, axisAppEntry(name)],
      {
        cwd: repoRoot,
        env: { ...process.env, ...env },
        stdio: ['ignore', log, log],
      },
    );
    closeSync(log);
    // Should the benchmark die, its apps must not outlive it.
    const killOnExit = () => this.child.kill('SIGKILL');
    process.once('exit', killOnExit);
    this.child.once('exit', () => process.removeListener('exit', killOnExit));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  static async start(
    name: AxisAppName,
    repoRoot: string,
    env: NodeJS.ProcessEnv,
    logFile: string,
    readiness: ReadinessProbe,
    nodeArgs: readonly string[] = [],
    timeoutMs = 90_000,
  ): Promise<AxisAppProcess> {
    const app = new AxisAppProcess(name, repoRoot, env, logFile, nodeArgs);
    await app.waitUntilReady(readiness, timeoutMs);
    return app;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Resident memory now and at its peak (VmHWM), from /proc; bytes. */
  memory(): { rssBytes: number; peakRssBytes: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssBytes: kib('VmRSS') * 1024, peakRssBytes: kib('VmHWM') * 1024 };
  }

  /** SIGTERM (the apps drain and close), SIGKILL if it takes longer than `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private async waitUntilReady(readiness: ReadinessProbe, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await probeStatus(readiness)) !== 200) {
      if (this.child.exitCode !== null || Date.now() > deadline) {
        await this.stop();
        throw new BenchFailureError(
          'BENCH_APP_DID_NOT_START',
          `${this.name} did not become ready; its last output (${this.logFile}):\n${this.logTail().slice(-4000)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The last 64 KiB of the app's log. */
  logTail(): string {
    try {
      return readFileSync(this.logFile, 'utf8').slice(-64 * 1024);
    } catch {
      return '';
    }
  }
}

/** The HTTP status of `GET url`, or 0 when nothing answers yet. */
function probeStatus({ url }: ReadinessProbe): Promise<number> {
  return new Promise((resolve) => {
    const onResponse = (res: { statusCode?: number; resume(): void }) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    };
    const request = httpGet(url, { timeout: 2000 }, onResponse);
    request.on('error', () => resolve(0));
    request.on('timeout', () => request.destroy());
  });
}
