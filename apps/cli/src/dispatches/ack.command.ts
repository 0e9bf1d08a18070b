import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { axisClient, printResult, type ApiCommandOptions } from '../api/api-command';
import { withConnectionOptions } from '../api/axis-connection';

/** `docaxis ack DISPATCH_ID`: the recipient acknowledges receipt (xác nhận đã nhận). */
export function registerAckCommand(program: Command, io: CliIo): void {
  withConnectionOptions(
    program
      .command('ack')
      .description('acknowledge receipt of a dispatch delivered to your agency')
      .argument('<dispatchId>', 'the dispatch id'),
  ).action(async (dispatchId: string, options: ApiCommandOptions) => {
    const delivery = await axisClient(options, io).json<{ agencyCode: string; state: string }>(
      'POST',
      `/dispatches/${encodeURIComponent(dispatchId)}/ack`,
    );
    printResult(io, options, delivery, () => [
      `Acknowledged: dispatch ${dispatchId} for ${delivery.agencyCode} (${delivery.state})`,
    ]);
  });
}
