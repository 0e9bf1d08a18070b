import type { BenchEnvironment } from '../bench-environment';
import {
  DispatchLoad,
  type LoadResult,
  type ReceivingAgency,
  type SendingAgency,
} from '../dispatch-load';
import { GatewayClient } from '../gateway-client';
import { procAvailable } from '../proc-cpu-time';
import { ProcessCpuMeter } from '../process-cpu-meter';
import { BenchFailureError } from '../../support/bench-failure.error';
import { RawPipeline } from './raw-pipeline';

/** CPU ms per completed dispatch: the pipeline's own processes, the broker, the database. */
export interface RawPipelineCpu {
  pipeline: number;
  rabbitmq: number;
  postgres: number;
  total: number;
}

export interface RawPipelineResult {
  concurrentSenders: number;
  seconds: number;
  frontWorkers: number;
  load: LoadResult;
  /** null where /proc cannot be read. */
  cpuMsPerDispatch: RawPipelineCpu | null;
  /** CPU ms per dispatch of the benchmark's own process: its senders' and recipients' side. */
  loadGeneratorCpuMsPerDispatch: number;
}

/**
 * The same load as docaxis' scenarios (`DispatchLoad`: the same agencies, PDFs, envelopes,
 * long-polls and batched acknowledgements, over mutual TLS), sent to the raw pipeline: what these
 * parts (Node, TLS, multer, PostgreSQL, a quorum queue) carry on this machine with the least
 * work a dispatch needs and no framework. docaxis is compared with it as with the other raw
 * baselines, in the same run.
 */
export async function measureRawPipeline(
  env: BenchEnvironment,
  senders: readonly Omit<SendingAgency, 'client'>[],
  recipientCodes: readonly string[],
  options: {
    concurrentSenders: number;
    seconds: number;
    warmUpSeconds: number;
    frontWorkers: number;
  },
): Promise<RawPipelineResult> {
  const pipeline = await RawPipeline.start(env, options.frontWorkers);
  const clients: GatewayClient[] = [];
  const client = (credential: { certPem: string; keyPem: string }) => {
    const created = new GatewayClient(pipeline.url, env.pki.server.caBundlePem, credential, 64);
    clients.push(created);
    return created;
  };
  try {
    const recipients: ReceivingAgency[] = recipientCodes.map((code) => ({
      code,
      client: client(env.pki.agency(code).client),
    }));
    const load = new DispatchLoad(
      senders.map((sender) => ({ ...sender, client: client(env.pki.agency(sender.code).client) })),
      recipients,
    );
    await load.run({
      concurrentSenders: 4,
      seconds: options.warmUpSeconds,
      drainTimeoutMs: 60_000,
    });
    const cpu = procAvailable()
      ? ProcessCpuMeter.start(new Map([['pipeline', pipeline.pids]]))
      : null;
    const loadGeneratorBefore = process.cpuUsage();
    const result = await load.run({
      concurrentSenders: options.concurrentSenders,
      seconds: options.seconds,
      drainTimeoutMs: 60_000,
    });
    const measured = cpu?.perUnit(Math.max(1, result.completed));
    const loadGenerator = process.cpuUsage(loadGeneratorBefore);
    // A baseline that failed requests measured something else: the run stops rather than compare.
    if (result.errors > 0 || result.completed === 0) {
      throw new BenchFailureError(
        'BENCH_BASELINE_BROKEN',
        `the raw pipeline completed ${result.completed} dispatches with ${result.errors} errors; the first: ${result.firstError}`,
      );
    }
    return {
      concurrentSenders: options.concurrentSenders,
      seconds: options.seconds,
      frontWorkers: options.frontWorkers,
      load: result,
      cpuMsPerDispatch: measured ? rawPipelineCpu(measured) : null,
      loadGeneratorCpuMsPerDispatch:
        (loadGenerator.user + loadGenerator.system) / 1000 / Math.max(1, result.completed),
    };
  } finally {
    for (const created of clients) created.close();
    await pipeline.stop();
  }
}

/** A process that could not be read counts as none, as the pipeline's own are always readable. */
function rawPipelineCpu(measured: Map<string, number | null>): RawPipelineCpu {
  const pipeline = measured.get('pipeline') ?? 0;
  const rabbitmq = measured.get('rabbitmq') ?? 0;
  const postgres = measured.get('postgres') ?? 0;
  return { pipeline, rabbitmq, postgres, total: pipeline + rabbitmq + postgres };
}
