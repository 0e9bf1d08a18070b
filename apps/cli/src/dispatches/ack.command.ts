import { InvalidArgumentError, type Command } from 'commander';
import { EXIT_REFUSED, type CliIo } from '../cli-io';
import { axisClient, printResult, type ApiCommandOptions } from '../api/api-command';
import { withConnectionOptions } from '../api/axis-connection';
import { languageOf, type CliLanguage } from '../cli-language';
import { DISPATCH_MESSAGES } from './dispatch-messages';
import {
  acknowledgeInBatches,
  DEFAULT_ACK_BATCH_SIZE,
  distinctDispatchIds,
  type InboxAckItem,
} from './inbox-ack-batches';

interface AckOptions extends ApiCommandOptions {
  batchSize: number;
}

/**
 * `docaxis ack DISPATCH_ID...`: the recipient acknowledges receipt (xác nhận đã nhận) of one or
 * many dispatches, through POST /inbox/ack. Exit 1 when any was not acknowledged, each with its
 * stable code on stderr; the others are acknowledged all the same. Its help, and the refusal of
 * a batch size, are in `helpLanguage`.
 */
export function registerAckCommand(
  program: Command,
  io: CliIo,
  helpLanguage: CliLanguage,
  setExitCode: (code: number) => void,
): void {
  const { help, batchSizeNeeded } = DISPATCH_MESSAGES[helpLanguage];
  withConnectionOptions(
    program
      .command('ack')
      .description(help.ack.description)
      .argument('<dispatchId...>', help.ack.dispatchIds)
      .option(
        '--batch-size <n>',
        help.ack.batchSize,
        batchSizeParser(batchSizeNeeded),
        DEFAULT_ACK_BATCH_SIZE,
      ),
    helpLanguage,
  ).action(async (dispatchIds: string[], options: AckOptions, command: Command) => {
    const language = languageOf(command);
    const messages = DISPATCH_MESSAGES[language];
    const client = axisClient(options, io, language);
    const results = await acknowledgeInBatches(
      distinctDispatchIds(dispatchIds),
      options.batchSize,
      async (batch) =>
        (
          await client.json<{ results: InboxAckItem[] }>('POST', '/inbox/ack', {
            json: { dispatchIds: batch },
          })
        ).results,
    );
    const failed = results.filter((result) => result.error !== null);
    const acknowledged = results.filter((result) => result.delivery !== null);
    if (options.json || acknowledged.length > 0) {
      printResult(io, options, { results }, () =>
        acknowledged.map(({ dispatchId, delivery, outcome }) =>
          messages.acknowledged(
            dispatchId,
            delivery!.agencyCode,
            delivery!.state,
            outcome === 'already_acknowledged',
          ),
        ),
      );
    }
    for (const { dispatchId, error } of failed) {
      io.stderr.write(`docaxis: ${messages.ackRefused(dispatchId, error!.code, error!.message)}\n`);
    }
    if (failed.length > 0) setExitCode(EXIT_REFUSED);
  });
}

/** Parses a batch size (a whole number, 1 or more), refusing anything else with `refusal`. */
function batchSizeParser(refusal: string): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || raw.trim() === '') {
      throw new InvalidArgumentError(refusal);
    }
    return value;
  };
}
