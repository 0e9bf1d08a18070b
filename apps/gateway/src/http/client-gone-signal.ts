import type { ServerResponse } from 'node:http';

/**
 * A signal aborted when the client goes away before its response was sent (a long-poll then stops
 * asking). A response also emits `close` after it was sent, on every request: aborting then would
 * build an AbortError (a DOMException with its stack trace) per request for nothing to hear it.
 */
export function clientGoneSignal(response: ServerResponse): AbortSignal {
  const gone = new AbortController();
  response.once('close', () => {
    if (!response.writableEnded) gone.abort();
  });
  return gone.signal;
}
