import { createReadStream, openSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { verifyExportedCsv } from '@docaxis/audit-trail/export/exported-csv-verifier';
import { EXIT_OK, EXIT_VERDICT_NOT_PASSED, type CliIo } from '../cli-io';
import { languageOf, type CliLanguage } from '../cli-language';
import { AuditFileUnreadableError } from './audit-file-unreadable.error';
import { VERIFY_EXPORT_MESSAGES } from './verify-export-messages';

/**
 * `docaxis audit verify-export FILE.csv [--manifest FILE]`: an export checked on its own, as an
 * auditor who received only the file (and its manifest) can. Exit 1 when it does not verify.
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
    .action(async (file: string, options: { manifest?: string }, command: Command) => {
      const messages = VERIFY_EXPORT_MESSAGES[languageOf(command)];
      const pinned = options.manifest === undefined ? null : wholeTrailHead(options.manifest);
      const result = await verifyExportedCsv(
        createReadStream('', { fd: openReadable(file) }),
        pinned ?? undefined,
      );
      io.stdout.write(messages.summary(result));
      setExitCode(result.ok ? EXIT_OK : EXIT_VERDICT_NOT_PASSED);
    });
}

/** The head a manifest pinned, when its export was of the whole trail (no filter); else null. */
function wholeTrailHead(path: string): { seq: number; hash: string } | null {
  let manifest: {
    filter?: Record<string, unknown>;
    head?: { seq?: unknown; hash?: unknown } | null;
  };
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as typeof manifest;
  } catch (error) {
    throw new AuditFileUnreadableError(path, (error as Error).message);
  }
  const filtered = Object.values(manifest.filter ?? {}).some((value) => value !== undefined);
  const { seq, hash } = manifest.head ?? {};
  return !filtered && typeof seq === 'number' && typeof hash === 'string' ? { seq, hash } : null;
}

/** Opened before the verdict starts, so that a missing file is a usage error, not a broken export. */
function openReadable(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (error) {
    throw new AuditFileUnreadableError(path, (error as Error).message);
  }
}
