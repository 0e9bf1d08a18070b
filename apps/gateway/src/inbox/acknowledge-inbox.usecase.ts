import { Inject, Injectable } from '@nestjs/common';
import type { DomainError, ErrorMessageLanguage } from '@docaxis/errors/domain-error';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import {
  type AcknowledgementOutcome,
  DeliveryAcknowledger,
} from '../dispatches/delivery-acknowledger';
import {
  DispatchNotFoundError,
  NotARecipientError,
} from '../dispatches/dispatch-submission.errors';
import { type RecipientView, toRecipientView } from '../dispatches/dtos/dispatch-view';
import { parseInboxAckRequest } from './inbox-ack-request';
import { DispatchWithdrawnError } from './inbox-ack.errors';

/** What became of one dispatch id of a batch acknowledgement. */
export interface InboxAckItem {
  dispatchId: string;
  outcome: AcknowledgementOutcome['outcome'];
  /** The caller's delivery, for `acknowledged` and `already_acknowledged`; null otherwise. */
  delivery: RecipientView | null;
  /** Why it was not acknowledged: the code the single-dispatch routes would answer. */
  error: { code: string; message: string } | null;
}

export interface InboxAckResult {
  /** One per requested id, in the order given. */
  results: InboxAckItem[];
}

/**
 * A recipient's document system acknowledges many dispatches of its inbox in one request and
 * one transaction. Each id gets its own answer, so one that cannot be acknowledged (not the
 * caller's, withdrawn) costs the others nothing.
 */
@Injectable()
export class AcknowledgeInboxUseCase {
  constructor(
    private readonly acknowledger: DeliveryAcknowledger,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** `language`: what each item's error message is worded in, as the API's own errors are. */
  async execute(
    body: unknown,
    agency: AuthenticatedAgency,
    correlationId: string,
    language: ErrorMessageLanguage,
  ): Promise<InboxAckResult> {
    const { dispatchIds } = parseInboxAckRequest(body, this.config.ACK_BATCH_MAX);
    const outcomes = await this.acknowledger.acknowledge(dispatchIds, agency, correlationId);
    return { results: outcomes.map((outcome) => toInboxAckItem(outcome, language)) };
  }
}

function toInboxAckItem(
  result: AcknowledgementOutcome,
  language: ErrorMessageLanguage,
): InboxAckItem {
  const failed = (error: DomainError) => failedItem(result, error, language);
  const { dispatchId, outcome } = result;
  switch (result.outcome) {
    case 'acknowledged':
    case 'already_acknowledged':
      return { dispatchId, outcome, delivery: toRecipientView(result.recipient), error: null };
    case 'not_a_recipient':
      return failed(new NotARecipientError(dispatchId));
    case 'not_found':
      return failed(new DispatchNotFoundError(dispatchId));
    case 'recalled':
      return failed(new DispatchWithdrawnError(dispatchId));
  }
}

function failedItem(
  { dispatchId, outcome }: AcknowledgementOutcome,
  error: DomainError,
  language: ErrorMessageLanguage,
): InboxAckItem {
  return {
    dispatchId,
    outcome,
    delivery: null,
    error: { code: error.code, message: error.messageIn(language) },
  };
}
