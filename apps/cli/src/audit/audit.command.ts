import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { Command, InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import { AuditVerifyRequestError } from '@docaxis/audit-trail/chain/audit-verify-request.error';
import { AuditExporter } from '@docaxis/audit-trail/export/audit-exporter';
import { exportManifest } from '@docaxis/audit-trail/export/export-manifest';
import { ExportSelection } from '@docaxis/audit-trail/export/export-selection';
import {
  statedExportFilter,
  type ExportableFilter,
} from '@docaxis/audit-trail/export/stated-export-filter';
import {
  trailVerificationRequest,
  type TrailVerificationRequest,
} from '@docaxis/audit-trail/verification/trail-verification-request';
import { createAuditTrailVerifier } from '@docaxis/audit-trail/verification/create-audit-trail-verifier';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import { AuditSearchRepository } from '@docaxis/persistence/audit/audit-search.repository';
import { EXIT_OK, EXIT_VERDICT_NOT_PASSED, type CliIo } from '../cli-io';
import { languageOf, type CliLanguage } from '../cli-language';
import { whyNotWritable } from '../writable-path';
import { AUDIT_MESSAGES } from './audit-messages';
import { withAuditDatabase } from './audit-database';
import { ExportOutputNotWritableError } from './export-output-not-writable.error';
import { PdfOutputRequiredError } from './pdf-output-required.error';
import { readKeptHead } from './kept-head';
import { registerVerifyExportCommand } from './verify-export.command';

interface VerifyOptions {
  from: VerifyStart;
  checkpoint?: number;
  to?: number;
  anchor?: string;
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
  actor?: string;
  from?: Date;
  to?: Date;
}

/**
 * `docaxis audit verify` and `docaxis audit export`. They connect to the database directly
 * rather than through the gateway: an auditor checks the log with their own copy of the
 * verification code against the data itself (a read-only login is enough), so a compromised or
 * buggy gateway cannot vouch for a log it serves. Exit code 1 when the trail does not verify.
 * Their help, and the refusal of a record number, are in `helpLanguage`.
 */
export function registerAuditCommand(
  program: Command,
  io: CliIo,
  helpLanguage: CliLanguage,
  setExitCode: (code: number) => void,
): void {
  const { help, recordNumberNeeded, instantNeeded, actorNeeded } = AUDIT_MESSAGES[helpLanguage];
  const parseSeq = seqParser(recordNumberNeeded);
  const parseVerifyStart = (value: string): VerifyStart =>
    value === 'checkpoint' || value === 'genesis' ? value : parseSeq(value);
  const audit = program.command('audit').description(help.description);

  audit
    .command('verify')
    .description(help.verify.description)
    .option('--from <start>', help.verify.from, parseVerifyStart, 'checkpoint' as VerifyStart)
    .option('--checkpoint <seq>', help.verify.checkpoint, parseSeq)
    .option('--to <seq>', help.verify.to, parseSeq)
    .option('--anchor <file>', help.verify.anchor)
    .option('--json', help.verify.json, false)
    .action(async (options: VerifyOptions, command: Command) => {
      const { summary } = AUDIT_MESSAGES[languageOf(command)];
      const request = {
        ...verificationRequest(options.from, options.checkpoint, options.to, '--from'),
        keptHead: options.anchor === undefined ? undefined : readKeptHead(options.anchor),
      };
      await withAuditDatabase(io, async (dataSource, certPem, tsaTrust) => {
        const verifier = createAuditTrailVerifier(dataSource, certPem, { tsaTrust });
        const result = await verifier.verifyAsRequested(request);
        io.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result));
        setExitCode(result.ok ? EXIT_OK : EXIT_VERDICT_NOT_PASSED);
      });
    });

  audit
    .command('export')
    .description(help.export.description)
    .option(
      '--verify-from <start>',
      help.export.verifyFrom,
      parseVerifyStart,
      'checkpoint' as VerifyStart,
    )
    .option('--checkpoint <seq>', help.export.checkpoint, parseSeq)
    .option('--manifest <file>', help.export.manifest)
    .addOption(
      new Option('--format <format>', help.export.format).choices(['csv', 'pdf']).default('csv'),
    )
    .option('--out <file>', help.export.out)
    .option('--dispatch <id>', help.export.dispatch)
    .option('--agency <code>', help.export.agency)
    .option('--type <types>', help.export.type)
    .option('--actor <actor>', help.export.actor, actorParser(actorNeeded))
    .option('--from <instant>', help.export.from, instantParser(instantNeeded))
    .option('--to <instant>', help.export.to, instantParser(instantNeeded))
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
      await withAuditDatabase(io, async (dataSource, certPem, tsaTrust) => {
        const records = new AuditRecordRepository(dataSource);
        const exporter = new AuditExporter(
          new AuditSearchRepository(dataSource),
          records,
          createAuditTrailVerifier(dataSource, certPem, { tsaTrust }),
        );
        const filter: ExportableFilter = {
          dispatchId: options.dispatch,
          agencyCode: options.agency,
          eventTypes: options.type?.split(',').map((t) => t.trim()),
          actor: options.actor,
          from: options.from,
          to: options.to,
        };
        const header = await exporter.header(request);
        io.stderr.write(summary(header.verification));
        // Tallied as the CSV is written, so the manifest states exactly the records it holds.
        const selection = new ExportSelection();
        if (options.format === 'pdf') {
          await writeFile(options.out!, await exporter.pdf(filter, header, language));
        } else if (options.out) {
          const file = createWriteStream(options.out);
          await exporter.writeCsv(filter, header, file, selection);
          if (!file.writableFinished) await once(file, 'finish');
        } else {
          await exporter.writeCsv(filter, header, stdoutWritable(io), selection);
        }
        if (options.manifest) {
          const selected =
            options.format === 'pdf'
              ? await exporter.selection(filter, header)
              : selection.summary();
          const manifest = exportManifest(header, statedExportFilter(filter), selected, new Date());
          await writeFile(options.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
        }
        setExitCode(header.verification.ok ? EXIT_OK : EXIT_VERDICT_NOT_PASSED);
      });
    });

  registerVerifyExportCommand(audit, io, helpLanguage, setExitCode);
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

/** Parses a record number (1 or more), refusing anything else with `refusal`. */
function seqParser(refusal: string): (value: string) => number {
  return (value) => {
    const seq = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(seq) || seq < 1) {
      throw new InvalidArgumentError(refusal);
    }
    return seq;
  };
}

/** An ISO 8601 instant with its offset, as the API's `from`/`to` take it. */
function instantParser(refusal: string): (value: string) => Date {
  const instant = z.iso.datetime({ offset: true });
  return (value) => {
    if (!instant.safeParse(value).success) throw new InvalidArgumentError(refusal);
    return new Date(value);
  };
}

/** An actor exactly as recorded: never empty (none is recorded so), at most 1,024 characters. */
function actorParser(refusal: string): (value: string) => string {
  return (value) => {
    if (value.length === 0 || value.length > 1024) throw new InvalidArgumentError(refusal);
    return value;
  };
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

/** The CLI's stdout as a stream for csv-stringify, without ever closing the real stdout. */
function stdoutWritable(io: CliIo): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      io.stdout.write(chunk.toString('utf8'));
      callback();
    },
  });
}
