import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { axisClient, printResult, type ApiCommandOptions } from '../api/api-command';
import { withConnectionOptions } from '../api/axis-connection';
import { languageOf, type CliLanguage } from '../cli-language';
import { DISPATCH_MESSAGES } from './dispatch-messages';

interface StatusOptions extends ApiCommandOptions {
  reason?: string;
  noticeId?: string;
  staff?: string;
}

interface StatusNotice {
  id: string;
  code: string;
  name: string;
  addresseeCode: string;
  recordedAt: string;
}

/**
 * `docaxis status DISPATCH_ID CODE [--reason TEXT] [--notice-id ID] [--staff NAME]`: a
 * recipient's status notice (trạng thái xử lý, QĐ 28/2018: 01 … 06, 15/16 for recalls), routed
 * back to the sender. With --notice-id a repeat is answered with the first notice. Its help is
 * in `helpLanguage`.
 */
export function registerStatusCommand(
  program: Command,
  io: CliIo,
  helpLanguage: CliLanguage,
): void {
  const { help } = DISPATCH_MESSAGES[helpLanguage];
  withConnectionOptions(
    program
      .command('status')
      .description(help.status.description)
      .argument('<dispatchId>', help.dispatchId)
      .argument('<code>', help.status.code)
      .option('--reason <text>', help.status.reason)
      .option('--notice-id <id>', help.status.noticeId)
      .option('--staff <name>', help.status.staff),
    helpLanguage,
  ).action(async (dispatchId: string, code: string, options: StatusOptions, command: Command) => {
    const language = languageOf(command);
    const notice = await axisClient(options, io, language).json<StatusNotice>(
      'POST',
      `/dispatches/${encodeURIComponent(dispatchId)}/status`,
      {
        json: {
          code,
          ...(options.reason ? { reason: options.reason } : {}),
          ...(options.noticeId ? { noticeId: options.noticeId } : {}),
          ...(options.staff ? { staff: { staff: options.staff } } : {}),
        },
      },
    );
    printResult(io, options, notice, () => [
      DISPATCH_MESSAGES[language].statusRecorded(
        dispatchId,
        notice.code,
        notice.name,
        notice.addresseeCode,
      ),
    ]);
  });
}
