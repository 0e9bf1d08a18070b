import { UnprocessableError } from '@docaxis/errors/domain-error-kinds';

/** Start-up refusal: queues consumed without handlers, types handled twice, and the like. */
export class HandlerWiringError extends UnprocessableError {
  constructor(readonly problems: readonly string[]) {
    super(
      'MESSAGING_HANDLER_WIRING',
      `Message handlers are wired wrongly:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      { problems },
    );
  }
}
