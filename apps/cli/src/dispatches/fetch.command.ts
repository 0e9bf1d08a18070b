import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import {
  REPORT_LANGUAGES,
  type ReportLanguage,
} from '@docaxis/signature/report/wording/report-wording';
import type { CliIo } from '../cli-io';
import { axisClient, printResult, type ApiCommandOptions } from '../api/api-command';
import { withConnectionOptions } from '../api/axis-connection';
import { DownloadCorruptedError } from './download-corrupted.error';

interface FetchOptions extends ApiCommandOptions {
  out: string;
  files: boolean;
  lang: ReportLanguage;
}

interface DispatchView {
  id: string;
  senderCode: string;
  state: string;
  rejection: { code: string; message: string } | null;
  envelope: { subject?: string };
  files: { id: string; fileName: string; sha256: string; sizeBytes: number }[];
  recipients: { agencyCode: string; state: string }[];
}

/**
 * `docaxis fetch DISPATCH_ID [--out DIR] [--no-files] [--lang vi|en]`: the dispatch and its
 * delivery states (a rejection's reason in the --lang language), and its PDFs saved byte for byte
 * (each checked against the SHA-256 the axis recorded).
 */
export function registerFetchCommand(program: Command, io: CliIo): void {
  withConnectionOptions(
    program
      .command('fetch')
      .description('show a dispatch and download its PDFs, checked against their SHA-256')
      .argument('<dispatchId>', 'the dispatch id')
      .option('--out <dir>', 'folder the PDFs are saved in', '.')
      .option('--no-files', 'only show the dispatch and its delivery states')
      .addOption(
        new Option('--lang <lang>', "language of a rejection's reason")
          .choices(REPORT_LANGUAGES)
          .default('vi'),
      ),
  ).action(async (dispatchId: string, options: FetchOptions) => {
    const client = axisClient(options, io);
    const id = encodeURIComponent(dispatchId);
    const view = await client.json<DispatchView>('GET', `/dispatches/${id}?lang=${options.lang}`);
    const saved: { fileName: string; path: string; sha256: string }[] = [];
    if (options.files) {
      const dir = resolve(options.out);
      await mkdir(dir, { recursive: true });
      for (const file of view.files) {
        const response = await client.call('GET', `/dispatches/${id}/files/${file.id}`, {
          headers: { accept: 'application/pdf' },
        });
        const sha256 = createHash('sha256').update(response.body).digest('hex');
        if (sha256 !== file.sha256) throw new DownloadCorruptedError(file.fileName);
        const path = join(dir, basename(file.fileName));
        await writeFile(path, response.body);
        saved.push({ fileName: file.fileName, path, sha256 });
      }
    }
    printResult(io, options, { dispatch: view, saved }, () => [
      `Dispatch ${view.id} from ${view.senderCode}: ${view.state}` +
        (view.rejection ? ` (${view.rejection.code}: ${view.rejection.message})` : ''),
      ...(view.envelope.subject ? [`  ${view.envelope.subject}`] : []),
      ...view.recipients.map((r) => `  to ${r.agencyCode}: ${r.state}`),
      ...saved.map((f) => `  saved ${f.path} (sha256 ${f.sha256.slice(0, 16)}…, verified)`),
    ]);
  });
}
