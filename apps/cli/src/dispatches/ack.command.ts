import type { Command } from 'commander';
import { EXIT_REFUSED, type CliIo } from '../cli-io';
import { axisClient, printResult, type ApiCommandOptions } from '../api/api-command';
import { withConnectionOptions } from '../api/axis-connection';

/** The gateway's default ACK_BATCH_MAX: longer lists go in several requests. */
const IDS_PER_REQUEST = 500;

interface InboxAckItem {
  dispatchId: string;
  outcome: string;
  delivery: { agencyCode: string; state: string } | null;
  error: { code: string; message: string } | null;
}

/**
 * `docaxis ack DISPATCH_ID...`: the recipient acknowledges receipt (xác nhận đã nhận) of one or
 * many dispatches, through POST /inbox/ack. Exit 1 when any was not acknowledged, each with its
 * stable code on stderr; the others are acknowledged all the same.
 */
export function registerAckCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  withConnectionOptions(
    program
      .command('ack')
      .description('acknowledge receipt of dispatches delivered to your agency')
      .argument('<dispatchId...>', 'the dispatch ids'),
  ).action(async (dispatchIds: string[], options: ApiCommandOptions) => {
    const client = axisClient(options, io);
    const unique = [...new Set(dispatchIds)];
    const results: InboxAckItem[] = [];
    for (let start = 0; start < unique.length; start += IDS_PER_REQUEST) {
      const answer = await client.json<{ results: InboxAckItem[] }>('POST', '/inbox/ack', {
        json: { dispatchIds: unique.slice(start, start + IDS_PER_REQUEST) },
      });
      results.push(...answer.results);
    }
    const failed = results.filter((result) => result.error !== null);
    const acknowledged = results.filter((result) => result.delivery !== null);
    if (options.json || acknowledged.length > 0) {
      printResult(io, options, { results }, () =>
        acknowledged.map(
          ({ dispatchId, delivery }) =>
            `Acknowledged: dispatch ${dispatchId} for ${delivery!.agencyCode} (${delivery!.state})`,
        ),
      );
    }
    for (const { dispatchId, error } of failed) {
      io.stderr.write(`docaxis: dispatch ${dispatchId}: ${error!.code}: ${error!.message}\n`);
    }
    if (failed.length > 0) setExitCode(EXIT_REFUSED);
  });
}
