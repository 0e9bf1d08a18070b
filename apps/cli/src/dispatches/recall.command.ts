import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { axisClient, printResult, type ApiCommandOptions } from '../api/api-command';
import { withConnectionOptions } from '../api/axis-connection';
import { languageOf } from '../cli-language';
import { DISPATCH_MESSAGES } from './dispatch-messages';

interface RecallResult {
  dispatchId: string;
  recalledAt: string;
  withdrawnFrom: string[];
  requestedFrom: string[];
}

/**
 * `docaxis recall DISPATCH_ID --reason TEXT`: the sender recalls a dispatch (thu hồi): withdrawn
 * from inboxes that had not fetched it, a recall request (13) to the others.
 */
export function registerRecallCommand(program: Command, io: CliIo): void {
  withConnectionOptions(
    program
      .command('recall')
      .description('recall a dispatch you sent (thu hồi văn bản)')
      .argument('<dispatchId>', 'the dispatch id')
      .requiredOption('--reason <text>', 'lý do thu hồi, shown to the recipients'),
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
