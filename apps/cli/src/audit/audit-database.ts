import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { TsaCertificateTrust } from '@docaxis/audit-trail/checkpoints/tsa-certificate-trust';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import type { CliIo } from '../cli-io';
import { loadAuditCliConfig } from './audit-cli.config';
import { AuditDatabaseUnreachableError } from './audit-database-unreachable.error';
import { AxisCertificateFileError } from './axis-certificate-file.error';

/**
 * Runs `work` against the trail's database with the axis certificate (and TSA trust) the
 * checkpoints are judged by, as the audit commands' configuration names them; closes it after.
 */
export async function withAuditDatabase(
  io: CliIo,
  work: (
    dataSource: DataSource,
    axisCertPem: string,
    tsaTrust: TsaCertificateTrust | undefined,
  ) => Promise<void>,
): Promise<void> {
  const config = loadAuditCliConfig(io.env);
  let certPem: string;
  try {
    certPem = readFileSync(config.AXIS_SIGNING_CERT_FILE, 'utf8');
  } catch (error) {
    throw new AxisCertificateFileError(config.AXIS_SIGNING_CERT_FILE, (error as Error).message);
  }
  const tsaTrust = await TsaCertificateTrust.load(config);
  let dataSource: DataSource;
  try {
    dataSource = await new DataSource(
      dataSourceOptions({ url: config.DATABASE_URL, poolSize: 2, applicationName: 'docaxis-cli' }),
    ).initialize();
  } catch (error) {
    throw new AuditDatabaseUnreachableError((error as Error).message);
  }
  try {
    await work(dataSource, certPem, tsaTrust);
  } finally {
    await dataSource.destroy();
  }
}
