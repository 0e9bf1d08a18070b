import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { languageOf, type CliLanguage } from '../cli-language';
import { axisClient, printResult, type ApiCommandOptions } from '../api/api-command';
import { withConnectionOptions } from '../api/axis-connection';
import { DISPATCH_MESSAGES } from './dispatch-messages';
import { DownloadCorruptedError } from './download-corrupted.error';

interface FetchOptions extends ApiCommandOptions {
  out: string;
  files: boolean;
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
 * `docaxis fetch DISPATCH_ID [--out DIR] [--no-files]`: the dispatch's PDFs saved byte for byte
 * (each checked against the SHA-256 the axis recorded), then the dispatch and its delivery states
 * as they are after that (a rejection's reason in the global --lang language, as every line). Its
 * help is in `helpLanguage`.
 */
export function registerFetchCommand(program: Command, io: CliIo, helpLanguage: CliLanguage): void {
  const { help } = DISPATCH_MESSAGES[helpLanguage];
  withConnectionOptions(
    program
      .command('fetch')
      .description(help.fetch.description)
      .argument('<dispatchId>', help.dispatchId)
      .option('--out <dir>', help.fetch.out, '.')
      .option('--no-files', help.fetch.noFiles),
    helpLanguage,
  ).action(async (dispatchId: string, options: FetchOptions, command: Command) => {
    const language = languageOf(command);
    const messages = DISPATCH_MESSAGES[language];
    const client = axisClient(options, io, language);
    const id = encodeURIComponent(dispatchId);
    const before = await client.json<DispatchView>('GET', `/dispatches/${id}`);
    const saved: { fileName: string; path: string; sha256: string }[] = [];
    if (options.files) {
      const dir = resolve(options.out);
      await mkdir(dir, { recursive: true });
      for (const file of before.files) {
        const response = await client.call('GET', `/dispatches/${id}/files/${file.id}`, {
          headers: { accept: 'application/pdf' },
        });
        const sha256 = createHash('sha256').update(response.body).digest('hex');
        if (sha256 !== file.sha256) {
          throw new DownloadCorruptedError(messages.downloadCorrupted(file.fileName));
        }
        const path = join(dir, basename(file.fileName));
        await writeFile(path, response.body);
        saved.push({ fileName: file.fileName, path, sha256 });
      }
    }
    // Downloading moves the caller's copy on (delivered → fetched): what is printed is the
    // dispatch as it is now, read again once something was saved.
    const view =
      saved.length > 0 ? await client.json<DispatchView>('GET', `/dispatches/${id}`) : before;
    printResult(io, options, { dispatch: view, saved }, () => [
      messages.dispatchHeading(view.id, view.senderCode, view.state, view.rejection),
      ...(view.envelope.subject ? [`  ${view.envelope.subject}`] : []),
      ...view.recipients.map((r) => messages.recipientLine(r.agencyCode, r.state)),
      ...saved.map((f) => messages.savedFile(f.path, f.sha256)),
    ]);
  });
}
