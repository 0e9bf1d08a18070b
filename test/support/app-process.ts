import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { testRunDir } from './test-run';
import type { OutOfProcessApp } from './running-axis';

const REPO_ROOT = resolve(__dirname, '../..');

/** One app running in a child process, as `node apps/<app>/src/main.ts` would run it. */
export interface AppProcess {
  readonly app: OutOfProcessApp;
  readonly pid: number;
  /** Where its stdout and stderr go (kept after the run, for a failure's post-mortem). */
  readonly logFile: string;
  /** Resolves with the exit code (or the signal's name) once it is gone and its log is written. */
  readonly exited: Promise<number | string>;
  /** SIGKILL: no shutdown hook runs, nothing is acked or closed. */
  kill(): Promise<number | string>;
  /**
   * SIGTERM, then waits for the graceful shutdown (SIGKILL after `timeoutMs`). Nest re-raises
   * the signal once its shutdown hooks ran, so a graceful stop also ends with 'SIGTERM'.
   */
  stop(timeoutMs?: number): Promise<number | string>;
}

/**
 * Spawns an app with ts-node (transpile only) on `env` (startAxis' environment: the test's
 * database and AMQP prefix) and resolves once its messaging has started (the "messaging
 * started" log line), or rejects with the tail of its output if it exits or takes too long.
 */
export async function spawnApp(
  app: OutOfProcessApp,
  env: NodeJS.ProcessEnv,
  options: { label?: string; readyTimeoutMs?: number } = {},
): Promise<AppProcess> {
  // DOCAXIS_TEST_LOG_DIR keeps the logs past the run (the run's folder is removed at its end).
  const logDir = process.env.DOCAXIS_TEST_LOG_DIR ?? testRunDir();
  const logFile = join(logDir, `${app}-${options.label ?? 'process'}-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(REPO_ROOT, `apps/${app}/src/main.ts`),
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, LOG_LEVEL: 'info', LOG_PRETTY: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let tail = '';
  let ready = false;
  let markReady: () => void = () => undefined;
  const readySignal = new Promise<void>((resolveReady) => (markReady = resolveReady));
  const onOutput = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-4000);
    if (!ready && tail.includes('messaging started')) {
      ready = true;
      markReady();
    }
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const exited = new Promise<number | string>((resolveExit) => {
    // 'close': the output is fully read; the log is flushed before anyone reads it.
    child.once('close', (code, signal) => {
      log.end(() => resolveExit(signal ?? code ?? 'unknown'));
    });
  });

  const timeoutMs = options.readyTimeoutMs ?? 90_000;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    readySignal.then(() => 'ready' as const),
    exited.then((code) => `exited (${code})`),
    new Promise<string>(
      (r) => (timer = setTimeout(() => r(`not ready after ${timeoutMs} ms`), timeoutMs)),
    ),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    child.kill('SIGKILL');
    throw new Error(`${app} process ${outcome}; its last output (${logFile}):\n${tail}`);
  }

  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return exited;
  };
  return {
    app,
    pid: child.pid!,
    logFile,
    exited,
    kill: () => signal('SIGKILL'),
    async stop(stopTimeoutMs = 30_000) {
      const killer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      try {
        return await signal('SIGTERM');
      } finally {
        clearTimeout(killer);
      }
    },
  };
}
