/**
 * What the raw pipeline's processes are started with (one JSON environment variable), written
 * by the benchmark from its run's database, prefix and TEST PKI.
 */
export interface RawPipelineConfig {
  databaseUrl: string;
  amqpUrl: string;
  /** The quorum queue that carries "dispatch accepted" from the front to the router. */
  queue: string;
  port: number;
  tlsCertFile: string;
  tlsKeyFile: string;
  clientCaFile: string;
  blobDir: string;
  /** Agency code by the SHA-256 fingerprint of its document system's TLS client certificate. */
  agencyByClientFingerprint: Record<string, string>;
  /** Front processes (node:cluster workers sharing the port): one per core. */
  frontWorkers: number;
}

export const RAW_PIPELINE_CONFIG_VARIABLE = 'DOCAXIS_RAW_PIPELINE_CONFIG';

export function readRawPipelineConfig(): RawPipelineConfig {
  const text = process.env[RAW_PIPELINE_CONFIG_VARIABLE];
  if (!text) throw new Error(`${RAW_PIPELINE_CONFIG_VARIABLE} is not set`);
  return JSON.parse(text) as RawPipelineConfig;
}
