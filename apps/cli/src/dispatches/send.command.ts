import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { languageOf, type CliLanguage } from '../cli-language';
import { fileReadProblem } from '../file-read-problem';
import { axisClient, printResult, type ApiCommandOptions } from '../api/api-command';
import type { MultipartPart } from '../api/axis-api-client';
import { withConnectionOptions } from '../api/axis-connection';
import { DISPATCH_MESSAGES, type DispatchMessages } from './dispatch-messages';
import { SendInputError } from './send-input.error';

interface SendOptions extends ApiCommandOptions {
  to: string[];
  idempotencyKey?: string;
  correlationId?: string;
  progress: boolean;
}

interface Recipient {
  organId: string;
  organName: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * `docaxis send ENVELOPE.json FILE.pdf... [--to CODE[=Name]]...`: sends one dispatch (gửi văn
 * bản) with its signed PDFs; `--to` replaces the envelope's recipients, so one envelope file
 * serves any set of agencies. A progress bar follows the upload on a terminal. Its help is in
 * `helpLanguage`.
 */
export function registerSendCommand(program: Command, io: CliIo, helpLanguage: CliLanguage): void {
  const help = DISPATCH_MESSAGES[helpLanguage].help.send;
  withConnectionOptions(
    program
      .command('send')
      .description(help.description)
      .argument('<envelope>', help.envelope)
      .argument('<files...>', help.files)
      .option('--to <code[=name]>', help.to, collect, [])
      .option('--idempotency-key <key>', help.idempotencyKey)
      .option('--correlation-id <id>', help.correlationId)
      .option('--no-progress', help.noProgress),
    helpLanguage,
  ).action(
    async (envelopeFile: string, files: string[], options: SendOptions, command: Command) => {
      const language = languageOf(command);
      const messages = DISPATCH_MESSAGES[language];
      const envelope = await readEnvelope(envelopeFile, language);
      if (options.to.length > 0) envelope.to = recipients(options.to, envelope.to, messages);
      const parts: MultipartPart[] = [
        {
          name: 'envelope',
          contentType: 'application/json',
          content: Buffer.from(JSON.stringify(envelope)),
        },
      ];
      for (const file of files) {
        const content = await readFile(file).catch((error: unknown) => {
          throw new SendInputError(messages.cannotReadFile(file, fileReadProblem(error, language)));
        });
        parts.push({
          name: 'files',
          fileName: basename(file),
          contentType: 'application/pdf',
          content,
        });
      }
      const headers: Record<string, string> = {};
      if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
      if (options.correlationId) headers['x-correlation-id'] = options.correlationId;
      const showProgress =
        options.progress && !options.json && Boolean((io.stderr as { isTTY?: boolean }).isTTY);
      const bar = showProgress
        ? new SingleBar({
            stream: io.stderr as NodeJS.WritableStream,
            format: messages.uploadProgress,
          })
        : undefined;
      let started = false;
      try {
        const response = await axisClient(options, io, language).call('POST', '/dispatches', {
          headers,
          multipart: parts,
          onUpload: (sent, total) => {
            if (!bar) return;
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(sent);
          },
        });
        bar?.stop();
        const result = JSON.parse(response.body.toString('utf8')) as {
          dispatchId: string;
          state: string;
          replayed: boolean;
        };
        printResult(io, options, result, () => [
          messages.accepted(
            result.replayed,
            result.dispatchId,
            result.state,
            (envelope.to ?? []).map((r) => r.organId),
          ),
          messages.followWith(result.dispatchId),
        ]);
      } finally {
        bar?.stop();
      }
    },
  );
}

async function readEnvelope(
  file: string,
  language: CliLanguage,
): Promise<{ to?: Recipient[] } & Record<string, unknown>> {
  const messages = DISPATCH_MESSAGES[language];
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new SendInputError(messages.cannotReadEnvelope(file, fileReadProblem(error, language)));
  });
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new SendInputError(messages.envelopeNotObject(file));
    }
    return parsed as { to?: Recipient[] };
  } catch (error) {
    if (error instanceof SendInputError) throw error;
    throw new SendInputError(messages.envelopeNotJson(file));
  }
}

/** `CODE=Name` or `CODE` (then the name comes from the envelope's own entry for CODE). */
function recipients(
  specs: readonly string[],
  known: readonly Recipient[] | undefined,
  messages: DispatchMessages,
): Recipient[] {
  return specs.map((spec) => {
    const [code, ...name] = spec.split('=');
    const organName = name.join('=') || known?.find((r) => r.organId === code)?.organName;
    if (!organName) {
      throw new SendInputError(messages.recipientNameMissing(code));
    }
    return { organId: code, organName };
  });
}
