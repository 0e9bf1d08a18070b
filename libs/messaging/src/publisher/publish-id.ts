import { randomUUID } from 'node:crypto';

/**
 * Header carrying one publish's own id: a `basic.return` brings the message back with its
 * headers, and this id (unlike the message id, which redrives and retries reuse) names exactly
 * the publish the broker returned. Bookkeeping of the publisher only: consumers never see it
 * (inbound-message.ts drops it), and each copy (retry, parking, redrive) gets a fresh one.
 */
export const PUBLISH_ID_HEADER = 'x-docaxis-publish-id';

export function newPublishId(): string {
  return randomUUID();
}

/** The headers without the publisher's bookkeeping, as consumers and operators see them. */
export function withoutPublishId(
  headers: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const { [PUBLISH_ID_HEADER]: _publishId, ...rest } = headers;
  return rest;
}
