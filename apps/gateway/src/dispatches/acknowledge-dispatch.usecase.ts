import { Injectable } from '@nestjs/common';
import { isUuid } from '@docaxis/persistence/database/uuid';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { DeliveryAcknowledger } from './delivery-acknowledger';
import { DispatchNotFoundError, NotARecipientError } from './dispatch-submission.errors';
import { type RecipientView, toRecipientView } from './dtos/dispatch-view';

/**
 * A recipient confirms it has received the dispatch. Acknowledging twice is harmless: the second
 * call changes nothing and returns the same state.
 */
@Injectable()
export class AcknowledgeDispatchUseCase {
  constructor(private readonly acknowledger: DeliveryAcknowledger) {}

  async execute(
    dispatchId: string,
    agency: AuthenticatedAgency,
    correlationId: string,
  ): Promise<RecipientView> {
    if (!isUuid(dispatchId)) throw new DispatchNotFoundError(dispatchId);
    const [result] = await this.acknowledger.acknowledge([dispatchId], agency, correlationId);
    switch (result.outcome) {
      case 'acknowledged':
      case 'already_acknowledged':
        return toRecipientView(result.recipient);
      case 'not_a_recipient':
        throw new NotARecipientError(dispatchId);
      case 'not_found':
      case 'recalled': // as every other route answers on a copy withdrawn from the inbox
        throw new DispatchNotFoundError(dispatchId);
    }
  }
}
