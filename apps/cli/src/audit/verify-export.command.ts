import { createReadStream, openSync } from 'node:fs';
import type { Command } from 'commander';
import { auditEventsInOrder } from '@docaxis/audit-trail/export/audit-event-source';
import { databaseSelectionCheck } from '@docaxis/audit-trail/export/database-selection-check';
import {
  allChecks,
  type ExportCompletenessCheck,
} from '@docaxis/audit-trail/export/export-completeness-check';
import {
  verifyExportedCsv,
  type ExportedCsvVerification,
} from '@docaxis/audit-trail/export/exported-csv-verifier';
import { exportableFilterOf, isWholeTrail } from '@docaxis/audit-trail/export/stated-export-filter';
import { statedSelectionCheck } from '@docaxis/audit-trail/export/stated-selection-check';
import { wholeTrailCheck } from '@docaxis/audit-trail/export/whole-trail-check';
import { withinFilterCheck } from '@docaxis/audit-trail/export/within-filter-check';
import { createAuditTrailVerifier } from '@docaxis/audit-trail/verification/create-audit-trail-verifier';
import { AuditSearchRepository } from '@docaxis/persistence/audit/audit-search.repository';
import { EXIT_OK, EXIT_VERDICT_NOT_PASSED, type CliIo } from '../cli-io';
import { languageOf, type CliLanguage } from '../cli-language';
import { AuditFileUnreadableError } from './audit-file-unreadable.error';
import { withAuditDatabase } from './audit-database';
import { AUDIT_MESSAGES } from './audit-messages';
import { readExportManifest, type ExportManifestStatement } from './export-manifest-file';
import { ExportManifestRequiredError } from './export-manifest-required.error';
import { VERIFY_EXPORT_MESSAGES, type ExportCompleteness } from './verify-export-messages';

/**
 * `docaxis audit verify-export FILE.csv [--manifest FILE [--database]]`: an export checked on its
 * own (every record re-hashed, consecutive ones linked), against what its manifest states, or
 * against the trail itself: the manifest's filter re-run on the database up to the head it
 * pinned, so a record removed from a filtered export (whose records are far apart in the chain,
 * so no link shows the gap) is named. Exit 1 when it does not verify.
 */
export function registerVerifyExportCommand(
  audit: Command,
  io: CliIo,
  helpLanguage: CliLanguage,
  setExitCode: (code: number) => void,
): void {
  const { help } = VERIFY_EXPORT_MESSAGES[helpLanguage];
  audit
    .command('verify-export')
    .description(help.description)
    .argument('<file>', help.file)
    .option('--manifest <file>', help.manifest)
    .option('--database', help.database, false)
    .action(
      async (file: string, options: { manifest?: string; database: boolean }, command: Command) => {
        const language = languageOf(command);
        const manifest =
          options.manifest === undefined ? null : readExportManifest(options.manifest);
        if (options.database && manifest === null) throw new ExportManifestRequiredError();
        const fd = openReadable(file);
        const offline = offlineCheck(manifest);
        const report = (
          result: ExportedCsvVerification,
          completeness: ExportCompleteness,
        ): void => {
          io.stdout.write(VERIFY_EXPORT_MESSAGES[language].summary(result, completeness));
        };
        if (!options.database || manifest === null) {
          const result = await verifyExportedCsv(
            createReadStream('', { fd }),
            offline.check ?? undefined,
          );
          report(result, offline.completeness);
          setExitCode(result.ok ? EXIT_OK : EXIT_VERDICT_NOT_PASSED);
          return;
        }
        await withAuditDatabase(io, async (dataSource, certPem, tsaTrust) => {
          const { head } = manifest;
          const headSeq = head?.seq ?? 0;
          // The trail the filter is re-run on must still reach the pinned head with its hash, and
          // verify up to it: else the database's answer proves nothing about the export.
          let trailOk = true;
          if (head !== null) {
            const trail = await createAuditTrailVerifier(dataSource, certPem, {
              tsaTrust,
            }).verifyAsRequested({ from: 'checkpoint', toSeq: head.seq, keptHead: head });
            io.stdout.write(AUDIT_MESSAGES[language].summary(trail));
            trailOk = trail.ok;
          }
          const selected = auditEventsInOrder(
            new AuditSearchRepository(dataSource),
            { ...exportableFilterOf(manifest.filter), toSeq: headSeq },
            headSeq,
          );
          // Filtered by the dispatch's current state too: the file holds a part of what the
          // rest of its filter selects, and only that part's records can be checked.
          const { notRecheckable } = manifest;
          const database = databaseSelectionCheck(
            selected,
            headSeq,
            notRecheckable ? 'part' : 'all',
          );
          const result = await verifyExportedCsv(
            createReadStream('', { fd }),
            allChecks(offline.check ? [database, offline.check] : [database]),
          );
          report(
            result,
            notRecheckable
              ? { kind: 'not-recheckable', headSeq, filters: notRecheckable, database: true }
              : { kind: 'database', headSeq, count: result.ok ? result.recordsChecked : 0 },
          );
          setExitCode(result.ok && trailOk ? EXIT_OK : EXIT_VERDICT_NOT_PASSED);
        });
      },
    );
}

/** What the file alone, with its manifest, can be held to. */
function offlineCheck(manifest: ExportManifestStatement | null): {
  check: ExportCompletenessCheck | null;
  completeness: ExportCompleteness;
} {
  if (manifest === null) return { check: null, completeness: { kind: 'not-checked' } };
  const { head, selection, notRecheckable } = manifest;
  if (notRecheckable !== null) {
    return {
      check: withinFilterCheck(exportableFilterOf(manifest.filter), head),
      completeness: {
        kind: 'not-recheckable',
        headSeq: head?.seq ?? 0,
        filters: notRecheckable,
        database: false,
      },
    };
  }
  const stated =
    selection === null
      ? null
      : statedSelectionCheck({ filter: exportableFilterOf(manifest.filter), head, selection });
  if (isWholeTrail(manifest.filter) && head !== null) {
    const whole = wholeTrailCheck(head);
    return {
      check: stated ? allChecks([whole, stated]) : whole,
      completeness: { kind: 'whole-trail', headSeq: head.seq },
    };
  }
  if (stated === null || selection === null) {
    return { check: null, completeness: { kind: 'not-stated' } };
  }
  return {
    check: stated,
    completeness: { kind: 'as-stated', headSeq: head?.seq ?? 0, count: selection.count },
  };
}

/** Opened before the verdict starts, so that a missing file is a usage error, not a broken export. */
function openReadable(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (error) {
    throw new AuditFileUnreadableError(path, (error as Error).message);
  }
}
