import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { axisClient, printResult, type ApiCommandOptions } from '../api/api-command';
import { withConnectionOptions } from '../api/axis-connection';
import { languageOf, type CliLanguage } from '../cli-language';
import { DISPATCH_MESSAGES } from './dispatch-messages';

interface RecallResult {
  dispatchId: string;
  recalledAt: string;
  withdrawnFrom: string[];
  requestedFrom: string[];
}

/**
 * `docaxis recall DISPATCH_ID --reason TEXT`: the sender recalls a dispatch (thu hồi): withdrawn
 * from inboxes that had neither fetched it nor reported a status, a recall request (13) to the
 * others. Its help is in
 * `helpLanguage`.
 */
export function registerRecallCommand(
  program: Command,
  io: CliIo,
  helpLanguage: CliLanguage,
): void {
  const { help } = DISPATCH_MESSAGES[helpLanguage];
  withConnectionOptions(
    program
      .command('recall')
      .description(help.recall.description)
      .argument('<dispatchId>', help.dispatchId)
      .requiredOption('--reason <text>', help.recall.reason),
    helpLanguage,
  ).action(
    async (
      dispatchId: string,
      options: ApiCommandOptions & { reason: string },
      command: Command,
    ) => {
      const language = languageOf(command);
      const messages = DISPATCH_MESSAGES[language];
      const result = await axisClient(options, io, language).json<RecallResult>(
        'POST',
        `/dispatches/${encodeURIComponent(dispatchId)}/recall`,
        { json: { reason: options.reason } },
      );
      printResult(io, options, result, () => [
        messages.recalled(result.dispatchId, result.recalledAt),
        messages.withdrawnFrom(result.withdrawnFrom),
        messages.recallRequestedFrom(result.requestedFrom),
      ]);
    },
  );
}
