import { z } from 'zod';
import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';
import {
  trailVerificationRequest,
  type TrailVerificationRequest,
} from '@docaxis/audit-trail/verification/trail-verification-request';
import type { AuditEventFilter } from '@docaxis/persistence/audit/audit-search.repository';

/** One problem with an audit query, by the parameter it is about. */
export interface AuditQueryProblem {
  parameter: string;
  message: string;
}

export class AuditQueryInvalidError extends InvalidInputError {
  constructor(problems: readonly AuditQueryProblem[]) {
    const quoted = problems.map(({ parameter, message }) => `${parameter}: ${message}`);
    // As for request bodies, the Vietnamese names the parameters; zod's texts are English only.
    const parameters = [...new Set(problems.map(({ parameter }) => parameter))];
    super(
      'AUDIT_QUERY_INVALID',
      `Invalid audit query: ${quoted.join('; ')}`,
      { problems: quoted },
      {
        vi: `Điều kiện tra cứu nhật ký kiểm toán không hợp lệ; các tham số cần sửa: ${parameters.join(', ')} (xem chi tiết tại details.problems).`,
      },
    );
  }
}

const seq = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

const filterSchema = z.object({
  dispatchId: z.string().max(64).optional(),
  agency: z.string().min(1).max(35).optional(),
  /** One or more event types, comma-separated. */
  type: z
    .string()
    .max(1000)
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .optional(),
  /** Who caused the event, exactly as recorded (a certificate subject, or an app's name). */
  actor: z.string().min(1).max(1024).optional(),
  state: z.enum(['accepted', 'verified', 'rejected', 'routed', 'withdrawn']).optional(),
  status: z
    .string()
    .regex(/^\d{2}$/, 'a two-digit status code')
    .optional(),
  from: instant.optional(),
  to: instant.optional(),
  number: z.string().min(1).max(32).optional(),
  /** Compared with the stored notation, which is NFC: a decomposed `VĂN` finds it too. */
  notation: z
    .string()
    .min(1)
    .max(128)
    .transform((value) => value.normalize('NFC'))
    .optional(),
});

const pageSchema = filterSchema.extend({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

function parse<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const result = schema.safeParse(query);
  if (!result.success) {
    throw new AuditQueryInvalidError(
      result.error.issues.map((i) => ({
        parameter: i.path.join('.') || '(query)',
        message: i.message,
      })),
    );
  }
  return result.data;
}

function toFilter(q: z.output<typeof filterSchema>): AuditEventFilter {
  return {
    dispatchId: q.dispatchId,
    agencyCode: q.agency,
    eventTypes: q.type,
    actor: q.actor,
    dispatchState: q.state,
    statusCode: q.status,
    from: q.from,
    to: q.to,
    codeNumber: q.number,
    codeNotation: q.notation,
  };
}

export function parseAuditFilter(query: unknown): AuditEventFilter {
  return toFilter(parse(filterSchema, query));
}

export function parseAuditPage(query: unknown): {
  filter: AuditEventFilter;
  afterSeq: number | undefined;
  limit: number;
} {
  const q = parse(pageSchema, query);
  return { filter: toFilter(q), afterSeq: decodeAuditCursor(q.cursor), limit: q.limit };
}

function checkpointOnlyFromCheckpoint(fromParameter: string): { message: string; path: string[] } {
  return {
    message: `checkpoint=N starts from that checkpoint: it cannot be combined with ${fromParameter}=genesis or a seq`,
    path: ['checkpoint'],
  };
}

/** Where a verification starts (`from`, `checkpoint`): the same for /audit/verify and /audit/export. */
const verifyStartSchema = z.object({
  from: z.union([z.enum(['genesis', 'checkpoint']), seq]).default('checkpoint'),
  checkpoint: seq.optional(),
});

const verifySchema = verifyStartSchema
  .extend({ to: seq.optional() })
  .refine(
    (q) => q.checkpoint === undefined || q.from === 'checkpoint',
    checkpointOnlyFromCheckpoint('from'),
  );

export function parseVerifyRequest(query: unknown): TrailVerificationRequest {
  const q = parse(verifySchema, query);
  return trailVerificationRequest(q.from, q.checkpoint, q.to);
}

export function parseStatisticsQuery(query: unknown): {
  from?: Date;
  to?: Date;
  agencyCode?: string;
} {
  const q = parse(filterSchema.pick({ from: true, to: true, agency: true }), query);
  return { from: q.from, to: q.to, agencyCode: q.agency };
}

/** `<seq>:<hash>`, as X-Audit-Chain-Head states an export's head. */
const chainHead = z
  .string()
  .regex(/^\d{1,16}:[0-9a-f]{64}$/, 'a chain head as X-Audit-Chain-Head gives it: <seq>:<hash>')
  .transform((value) => {
    const [seqText, hash] = value.split(':');
    return { seq: Number(seqText), hash };
  })
  .refine((head) => head.seq >= 1 && Number.isSafeInteger(head.seq), 'seq must be 1 or more');

/**
 * The export's filters, format and language, and where its verification starts: `verifyFrom`
 * and `checkpoint`, as `from` and `checkpoint` for /audit/verify (`from` is the filters' instant
 * here); no `to`: an export is verified up to the head it pins, the current one or `head`
 * (an earlier export's X-Audit-Chain-Head: its manifest, or the same export again).
 */
export function parseExportQuery(query: unknown): {
  filter: AuditEventFilter;
  format: 'csv' | 'pdf';
  lang: 'vi' | 'en';
  verification: TrailVerificationRequest;
  head: { seq: number; hash: string } | undefined;
} {
  const q = parse(
    filterSchema
      .extend({
        format: z.enum(['csv', 'pdf']).default('csv'),
        lang: z.enum(['vi', 'en']).default('vi'),
        /** `from` is a record instant for the filters: the verification start is `verifyFrom`. */
        verifyFrom: verifyStartSchema.shape.from,
        checkpoint: verifyStartSchema.shape.checkpoint,
        head: chainHead.optional(),
      })
      .refine(
        (v) => v.checkpoint === undefined || v.verifyFrom === 'checkpoint',
        checkpointOnlyFromCheckpoint('verifyFrom'),
      ),
    query,
  );
  return {
    filter: toFilter(q),
    format: q.format,
    lang: q.lang,
    verification: trailVerificationRequest(q.verifyFrom, q.checkpoint, undefined),
    head: q.head,
  };
}

/** Opaque to clients: base64url of the last seq of the previous page. */
export function encodeAuditCursor(seqValue: number): string {
  return Buffer.from(`a:${seqValue}`).toString('base64url');
}

function decodeAuditCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const match = /^a:(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match)
    throw new AuditQueryInvalidError([
      { parameter: 'cursor', message: 'not one this API returned' },
    ]);
  return Number(match[1]);
}
