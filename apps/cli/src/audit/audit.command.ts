import { createWriteStream, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DataSource } from 'typeorm';
import { AuditVerifyRequestError } from '@docaxis/audit-trail/chain/audit-verify-request.error';
import { TsaCertificateTrust } from '@docaxis/audit-trail/checkpoints/tsa-certificate-trust';
import { AuditExporter, type ExportHeader } from '@docaxis/audit-trail/export/audit-exporter';
import {
  trailVerificationRequest,
  type TrailVerificationRequest,
} from '@docaxis/audit-trail/verification/trail-verification-request';
import { createAuditTrailVerifier } from '@docaxis/audit-trail/verification/create-audit-trail-verifier';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import {
  AuditSearchRepository,
  type AuditEventFilter,
} from '@docaxis/persistence/audit/audit-search.repository';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { EXIT_OK, EXIT_VERDICT_NOT_PASSED, type CliIo } from '../cli-io';
import { languageOf } from '../cli-language';
import { whyNotWritable } from '../writable-path';
import { loadAuditCliConfig } from './audit-cli.config';
import { AUDIT_MESSAGES } from './audit-messages';
import { AuditDatabaseUnreachableError } from './audit-database-unreachable.error';
import { AxisCertificateFileError } from './axis-certificate-file.error';
import { ExportOutputNotWritableError } from './export-output-not-writable.error';
import { PdfOutputRequiredError } from './pdf-output-required.error';

interface VerifyOptions {
  from: VerifyStart;
  checkpoint?: number;
  to?: number;
  json: boolean;
}

/** `--from`: the latest signed checkpoint (default), genesis (the full walk) or a record number. */
type VerifyStart = 'checkpoint' | 'genesis' | number;

interface ExportOptions {
  verifyFrom: VerifyStart;
  checkpoint?: number;
  manifest?: string;
  format: 'csv' | 'pdf';
  out?: string;
  dispatch?: string;
  agency?: string;
  type?: string;
}

/**
 * `docaxis audit verify` and `docaxis audit export`. They connect to the database directly
 * rather than through the gateway: an auditor checks the log with their own copy of the
 * verification code against the data itself (a read-only login is enough), so a compromised or
 * buggy gateway cannot vouch for a log it serves. Exit code 1 when the trail does not verify.
 */
export function registerAuditCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  const audit = program.command('audit').description('verify and export the audit trail');

  audit
    .command('verify')
    .description(
      'verify the hash chain and the signed checkpoints from the latest checkpoint (or genesis); report the first broken record',
    )
    .option(
      '--from <start>',
      'checkpoint (the latest signed checkpoint: only the records after it are walked), genesis (every record) or a record number',
      parseVerifyStart,
      'checkpoint' as VerifyStart,
    )
    .option('--checkpoint <seq>', 'start from the checkpoint whose head is this seq', parseSeq)
    .option('--to <seq>', 'last record to verify', parseSeq)
    .option('--json', 'print the verification as JSON', false)
    .action(async (options: VerifyOptions, command: Command) => {
      const { summary } = AUDIT_MESSAGES[languageOf(command)];
      const request = verificationRequest(options.from, options.checkpoint, options.to, '--from');
      await withDatabase(io, async (dataSource, certPem, tsaTrust) => {
        const verifier = createAuditTrailVerifier(dataSource, certPem, { tsaTrust });
        const result = await verifier.verifyAsRequested(request);
        io.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result));
        setExitCode(result.ok ? EXIT_OK : EXIT_VERDICT_NOT_PASSED);
      });
    });

  audit
    .command('export')
    .description(
      'export audit events as CSV (streamed) or a PDF report, verified from the latest checkpoint (or genesis) up to the head it pins',
    )
    .option(
      '--verify-from <start>',
      'where the verification starts, as audit verify --from: checkpoint, genesis (every record) or a record number',
      parseVerifyStart,
      'checkpoint' as VerifyStart,
    )
    .option('--checkpoint <seq>', 'verify from the checkpoint whose head is this seq', parseSeq)
    .option(
      '--manifest <file>',
      'also write the export manifest there: chain head, verification and its scope, filters (JSON)',
    )
    .addOption(new Option('--format <format>').choices(['csv', 'pdf']).default('csv'))
    .option('--out <file>', 'write there (CSV defaults to standard output; PDF needs a file)')
    .option('--dispatch <id>', 'only this dispatch')
    .option('--agency <code>', 'only events where this agency sends or receives')
    .option('--type <types>', 'only these event types (comma-separated)')
    .action(async (options: ExportOptions, command: Command) => {
      const language = languageOf(command);
      const { summary } = AUDIT_MESSAGES[language];
      const request = verificationRequest(
        options.verifyFrom,
        options.checkpoint,
        undefined,
        '--verify-from',
      );
      // A usage error before any work: no verification run, no manifest left for an export
      // that was never written.
      if (options.format === 'pdf' && !options.out) throw new PdfOutputRequiredError();
      await refuseUnwritableOutput('--out', options.out);
      await refuseUnwritableOutput('--manifest', options.manifest);
      await withDatabase(io, async (dataSource, certPem, tsaTrust) => {
        const records = new AuditRecordRepository(dataSource);
        const exporter = new AuditExporter(
          new AuditSearchRepository(dataSource),
          records,
          createAuditTrailVerifier(dataSource, certPem, { tsaTrust }),
        );
        const filter: AuditEventFilter = {
          dispatchId: options.dispatch,
          agencyCode: options.agency,
          eventTypes: options.type?.split(',').map((t) => t.trim()),
        };
        const header = await exporter.header(request);
        io.stderr.write(summary(header.verification));
        if (options.manifest) await writeManifest(options.manifest, header, filter);
        if (options.format === 'pdf') {
          await writeFile(options.out!, await exporter.pdf(filter, header, language));
        } else if (options.out) {
          const file = createWriteStream(options.out);
          await exporter.writeCsv(filter, header, file);
          if (!file.writableFinished) await once(file, 'finish');
        } else {
          await exporter.writeCsv(filter, header, stdoutWritable(io));
        }
        setExitCode(header.verification.ok ? EXIT_OK : EXIT_VERDICT_NOT_PASSED);
      });
    });
}

async function withDatabase(
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

/** An output that cannot be written is refused before the database is touched. */
async function refuseUnwritableOutput(
  option: '--out' | '--manifest',
  path: string | undefined,
): Promise<void> {
  if (path === undefined) return;
  const reason = await whyNotWritable(path);
  if (reason !== null) throw new ExportOutputNotWritableError(option, path, reason);
}

function parseSeq(value: string): number {
  const seq = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(seq) || seq < 1) {
    throw new InvalidArgumentError('a record number (1 or more)');
  }
  return seq;
}

function parseVerifyStart(value: string): VerifyStart {
  return value === 'checkpoint' || value === 'genesis' ? value : parseSeq(value);
}

/** `--checkpoint N` starts from that checkpoint: with a `from` of genesis or a seq it is a contradiction. */
function verificationRequest(
  from: VerifyStart,
  checkpoint: number | undefined,
  toSeq: number | undefined,
  fromOption: string,
): TrailVerificationRequest {
  if (checkpoint !== undefined && from !== 'checkpoint') {
    throw new AuditVerifyRequestError(
      {
        en: `--checkpoint starts from that checkpoint: it cannot be combined with ${fromOption} genesis|<seq>`,
        vi: `--checkpoint bắt đầu từ điểm kiểm soát đó: không dùng kèm ${fromOption} genesis|<seq>`,
      },
      { from, checkpoint },
    );
  }
  return trailVerificationRequest(from, checkpoint, toSeq);
}

/**
 * The export's manifest: what the CSV or PDF beside it was taken from and what its verification
 * re-verified (`verification.scope`), for an auditor to keep with the file.
 */
async function writeManifest(
  path: string,
  header: ExportHeader,
  filter: AuditEventFilter,
): Promise<void> {
  const manifest = {
    v: 'docaxis-audit-export-manifest/1',
    generatedAt: new Date().toISOString(),
    filter,
    head: header.head,
    verification: header.verification,
  };
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The CLI's stdout as a stream for csv-stringify, without ever closing the real stdout. */
function stdoutWritable(io: CliIo): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      io.stdout.write(chunk.toString('utf8'));
      callback();
    },
  });
}
