import { type ChildProcess, fork } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AXIS_APP_NODE_FLAGS } from '../../../scripts/axis-app-launch';
import { freePort } from '@docaxis/testing/free-port';
import { BenchFailureError } from '../../support/bench-failure.error';
import type { BenchEnvironment } from '../bench-environment';
import { RAW_PIPELINE_CONFIG_VARIABLE, type RawPipelineConfig } from './raw-pipeline-config';
import { createRawPipelineSchema } from './raw-pipeline-schema';

/**
 * The raw pipeline, started for one measurement: its front (a node:cluster primary and one
 * worker per core) and its router, each a process of its own, on the benchmark run's database
 * (a schema of its own), broker prefix, blob folder and TEST PKI. Started from the sources with
 * ts-node's transpile-only hook (a one-off cost at start; nothing on the hot path creates errors,
 * whose stacks its source-map support would rewrite).
 */
export class RawPipeline {
  private constructor(
    readonly url: string,
    private readonly processes: readonly ChildProcess[],
    /** Every process of the pipeline: the front's primary and workers, the router. */
    readonly pids: readonly number[],
  ) {}

  static async start(env: BenchEnvironment, frontWorkers: number): Promise<RawPipeline> {
    await createRawPipelineSchema(env.db);
    const blobDir = join(env.workDir, 'raw-pipeline-blobs');
    mkdirSync(blobDir);
    const config: RawPipelineConfig = {
      databaseUrl: env.databaseUrl,
      amqpUrl: env.amqpUrl,
      queue: `${env.amqpPrefix}.raw-pipeline.accepted`,
      port: await freePort(),
      tlsCertFile: env.pki.server.certPath,
      tlsKeyFile: env.pki.server.keyPath,
      clientCaFile: env.pki.server.caBundlePath,
      blobDir,
      agencyByClientFingerprint: Object.fromEntries(
        env.pki.agencies.map((agency) => [
          new X509Certificate(agency.client.certPem).fingerprint256,
          agency.code,
        ]),
      ),
      frontWorkers,
    };
    const processes: ChildProcess[] = [];
    const pids: number[] = [];
    try {
      for (const part of ['front', 'router'] as const) {
        const logFile = join(env.workDir, `raw-pipeline-${part}.log`);
        const log = openSync(logFile, 'a');
        const child = fork(join(__dirname, `raw-pipeline-${part}.ts`), [], {
          execArgv: [...AXIS_APP_NODE_FLAGS, '-r', 'ts-node/register/transpile-only'],
          env: { ...process.env, [RAW_PIPELINE_CONFIG_VARIABLE]: JSON.stringify(config) },
          stdio: ['ignore', log, log, 'ipc'],
        });
        closeSync(log);
        processes.push(child);
        const killOnExit = () => child.kill('SIGKILL');
        process.once('exit', killOnExit);
        child.once('exit', () => process.removeListener('exit', killOnExit));
        pids.push(...(await readyPids(child, part, logFile)));
      }
    } catch (error) {
      for (const child of processes) child.kill('SIGKILL');
      throw error;
    }
    return new RawPipeline(`https://127.0.0.1:${config.port}`, processes, pids);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.processes.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
  }
}

/** The pids a part reports once it serves (its IPC message `{ready: pids}`). */
function readyPids(child: ChildProcess, part: string, logFile: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const failed = () =>
      reject(
        new BenchFailureError(
          'BENCH_APP_DID_NOT_START',
          `the raw pipeline's ${part} did not start; its output (${logFile}):\n${readFileSync(logFile, 'utf8').slice(-4000)}`,
        ),
      );
    const timer = setTimeout(failed, 60_000);
    const onExit = () => {
      clearTimeout(timer);
      failed();
    };
    child.once('exit', onExit);
    child.on('message', (message: { ready?: number[] }) => {
      if (!Array.isArray(message.ready)) return;
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      resolve(message.ready);
    });
  });
}
