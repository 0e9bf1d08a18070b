import type {
  ParkedMessageEntity,
  ParkedMessageState,
} from '@docaxis/persistence/parked-message/parked-message.entity';

/** One line of the operators' list. */
export interface ParkedMessageSummary {
  id: string;
  messageId: string;
  messageType: string | null;
  sourceQueue: string;
  routingKey: string;
  errorCode: string;
  errorReason: string;
  attempts: number;
  parkedAt: string;
  state: ParkedMessageState;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionReason: string | null;
}

/** Everything about one parked message, its payload included. */
export interface ParkedMessageDetail extends ParkedMessageSummary {
  headers: Record<string, unknown>;
  properties: Record<string, unknown>;
  /** The body: parsed when it is JSON, else base64 (`payloadEncoding`). */
  payload: unknown;
  payloadEncoding: 'json' | 'base64';
}

export interface ParkedMessagePage {
  items: ParkedMessageSummary[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export function toParkedMessageSummary(row: ParkedMessageEntity): ParkedMessageSummary {
  return {
    id: row.id,
    messageId: row.messageId,
    messageType: row.messageType,
    sourceQueue: row.sourceQueue,
    routingKey: row.routingKey,
    errorCode: row.errorCode,
    errorReason: row.errorReason,
    attempts: row.attempts,
    parkedAt: row.parkedAt.toISOString(),
    state: row.state,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedBy: row.resolvedBy,
    resolutionReason: row.resolutionReason,
  };
}

export function toParkedMessageDetail(row: ParkedMessageEntity): ParkedMessageDetail {
  const json = parsedJson(row.body);
  return {
    ...toParkedMessageSummary(row),
    headers: row.headers,
    properties: row.properties,
    payload: json.ok ? json.value : row.body.toString('base64'),
    payloadEncoding: json.ok ? 'json' : 'base64',
  };
}

/** The body as JSON, when it is JSON. */
export function parsedJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}
