import type {
  AuditChainHead,
  AuditChainPageRequest,
  AuditChainRow,
} from '@docaxis/persistence/audit/audit-record.repository';
import type { AuditChainExplanation } from './audit-chain-explanation';
import { GENESIS_PREV_HASH, payloadDigestOf, recordHashOf } from './audit-record-hash';
import { AuditVerifyRequestError } from './audit-verify-request.error';

export type AuditChainProblem = 'ALTERED' | 'DELETED' | 'INSERTED' | 'REORDERED' | 'BROKEN_LINK';

export type AuditChainVerification =
  | {
      ok: true;
      recordsChecked: number;
      fromSeq: number;
      /** The last record verified: publish it (an anchor) to detect later rewrites of the tail. */
      head: AuditChainHead | null;
    }
  | {
      ok: false;
      /** Where the first problem is; records before it verified. */
      seq: number;
      problem: AuditChainProblem;
      expected: string;
      actual: string;
      /** The problem in English. */
      message: string;
      /** The same as data, for the reports that word it in Vietnamese. */
      explanation: AuditChainExplanation;
      recordsChecked: number;
    };

export interface AuditChainVerifyRequest {
  /** First seq to verify (default 1). Above 1, the chain is trusted up to that record's prev_hash. */
  fromSeq?: number;
  /** Last seq to verify (default: the head when verification starts). */
  toSeq?: number;
  /** A head published earlier: the record at anchor.seq must still exist and carry anchor.hash. */
  anchor?: AuditChainHead;
}

/** What the verifier reads; AuditRecordRepository provides it. */
export interface AuditChainReader {
  head(): Promise<AuditChainHead | null>;
  chainPage(request: AuditChainPageRequest): Promise<AuditChainRow[]>;
  seqsWithHash(hash: string, limit?: number): Promise<number[]>;
}

export const DEFAULT_VERIFY_PAGE_SIZE = 1000;

type Failure = Extract<AuditChainVerification, { ok: false }>;
type Finding = Omit<Failure, 'ok' | 'recordsChecked'>;

/**
 * Walks the chain in seq order, a page at a time (keyset paging: memory holds one page whatever
 * the chain's length), recomputes every payload_digest and hash, and reports the first problem.
 *
 * Each record r, after its predecessor p (for the first record, a virtual p with seq fromSeq-1
 * and, when fromSeq is 1, the genesis hash), is checked in this order; the first rule that fires
 * names the problem:
 * 1. Numbering. r.seq = p.seq: two records share a seq (only possible once the primary key was
 *    dropped) → INSERTED. r.seq > p.seq + 1: if r links to p (prev_hash = p.hash) and its own
 *    hash holds, r was written with a number the appender never gives → INSERTED at r.seq;
 *    otherwise records are missing → DELETED at p.seq + 1.
 * 2. Payload: sha256(canonical payload) ≠ stored payload_digest → ALTERED.
 * 3. Own hash: the hash recomputed for seq r.seq ≠ stored hash. The hash covers seq, so a record
 *    moved to another position still matches the seq it was recorded under; the verifier tries
 *    the candidates the data points to:
 *    - recorded as r.seq + 1: if the record recorded as r.seq still exists elsewhere (some record
 *      holds the hash r links to) → REORDERED; if not → DELETED at r.seq (and later records
 *      renumbered down);
 *    - recorded as r.seq - 1 and linking to the record before p: p was slipped in and the
 *      genuine records renumbered up → INSERTED at p.seq; otherwise → REORDERED;
 *    - recorded right after the record holding the hash r links to → REORDERED;
 *    - none of these: the record's fields changed → ALTERED.
 * 4. Link: r.prev_hash ≠ p.hash while both hashes hold → BROKEN_LINK at r.seq: p was replaced by
 *    a record hashed anew, or r's link was rewritten and r hashed anew. Which one the data cannot
 *    tell; it does tell that records up to p are consistent among themselves.
 * 5. Anchor: the record at anchor.seq must carry anchor.hash (else ALTERED: the chain up to there
 *    was rewritten and re-hashed) and must exist (else DELETED at head + 1: the tail was cut).
 * What no hash chain can show without an anchor: a tail cut off, or a whole suffix rewritten
 * and re-hashed consistently. Publish heads (ok results carry one) and pass them as anchors.
 */
export class AuditChainVerifier {
  readonly pageSize: number;

  constructor(
    private readonly reader: AuditChainReader,
    options: { pageSize?: number } = {},
  ) {
    this.pageSize = options.pageSize ?? DEFAULT_VERIFY_PAGE_SIZE;
  }

  async verify(request: AuditChainVerifyRequest = {}): Promise<AuditChainVerification> {
    const fromSeq = request.fromSeq ?? 1;
    checkRequest(request, fromSeq);
    const head = await this.reader.head();
    if (head === null) {
      if (fromSeq > 1)
        throw new AuditVerifyRequestError(
          { en: 'the chain is empty', vi: 'chuỗi nhật ký đang trống' },
          { fromSeq },
        );
      return request.anchor
        ? fail(0, {
            seq: 1,
            problem: 'DELETED',
            expected: `records up to seq ${request.anchor.seq} (anchor)`,
            actual: 'no records',
            message: 'The chain is empty, but an anchor proves it held records.',
            explanation: { kind: 'anchored-chain-empty', anchorSeq: request.anchor.seq },
          })
        : { ok: true, recordsChecked: 0, fromSeq, head: null };
    }
    if (fromSeq > head.seq) {
      throw new AuditVerifyRequestError(
        {
          en: `fromSeq ${fromSeq} is past the head (${head.seq})`,
          vi: `fromSeq ${fromSeq} vượt quá bản ghi cuối cùng của chuỗi (${head.seq})`,
        },
        { fromSeq, head: head.seq },
      );
    }
    const upTo = Math.min(request.toSeq ?? head.seq, head.seq);

    const walk = new ChainWalk(this.reader, fromSeq, request.anchor);
    let after: AuditChainPageRequest['after'] = null;
    for (;;) {
      const page = await this.reader.chainPage({
        fromSeq,
        toSeq: upTo,
        after,
        limit: this.pageSize,
      });
      for (const row of page) {
        const finding = await walk.step(row);
        if (finding) return fail(walk.checked, finding);
      }
      if (page.length < this.pageSize) break;
      const last = page[page.length - 1];
      after = { seq: last.seq, rowRef: last.rowRef };
    }

    const end = walk.last;
    if (end.seq < upTo) {
      return fail(walk.checked, {
        seq: end.seq + 1,
        problem: 'DELETED',
        expected: `records up to seq ${upTo}`,
        actual: end.seq < fromSeq ? 'no record in range' : `last record at seq ${end.seq}`,
        message: `Records ${end.seq + 1}..${upTo} are missing from the end of the range.`,
        explanation: { kind: 'range-end-missing', fromSeq: end.seq + 1, toSeq: upTo },
      });
    }
    if (request.anchor && request.anchor.seq > head.seq) {
      return fail(walk.checked, {
        seq: head.seq + 1,
        problem: 'DELETED',
        expected: `records up to seq ${request.anchor.seq} (anchor)`,
        actual: `head at seq ${head.seq}`,
        message: `The anchor proves records up to ${request.anchor.seq}; the chain ends at ${head.seq}: its tail was cut off.`,
        explanation: {
          kind: 'tail-cut-after-anchor',
          anchorSeq: request.anchor.seq,
          headSeq: head.seq,
        },
      });
    }
    return {
      ok: true,
      recordsChecked: walk.checked,
      fromSeq,
      head: end.hash === null ? null : { seq: end.seq, hash: end.hash },
    };
  }
}

/** The verifier's state between records: the predecessor and the one before it. */
class ChainWalk {
  checked = 0;
  last: { seq: number; hash: string | null };
  private beforeLastHash: string | null = null;
  private lastEventId = '';

  constructor(
    private readonly reader: AuditChainReader,
    fromSeq: number,
    private readonly anchor: AuditChainHead | undefined,
  ) {
    this.last = { seq: fromSeq - 1, hash: fromSeq === 1 ? GENESIS_PREV_HASH : null };
  }

  async step(row: AuditChainRow): Promise<Finding | null> {
    const prev = this.last;
    const finding =
      this.checkNumbering(row, prev) ??
      checkPayload(row) ??
      (hashAt(row, row.seq) === row.hash ? null : await this.diagnoseMismatch(row, prev)) ??
      checkLink(row, prev) ??
      this.checkAnchor(row);
    if (finding) return finding;
    this.beforeLastHash = prev.hash;
    this.last = { seq: row.seq, hash: row.hash };
    this.lastEventId = row.eventId;
    this.checked += 1;
    return null;
  }

  private checkNumbering(row: AuditChainRow, prev: ChainWalk['last']): Finding | null {
    if (row.seq === prev.seq) {
      return {
        seq: row.seq,
        problem: 'INSERTED',
        expected: `one record at seq ${row.seq}`,
        actual: `a second record at seq ${row.seq} (event_id ${row.eventId})`,
        message: `Two records carry seq ${row.seq} (event_ids ${this.lastEventId} and ${row.eventId}); at most one belongs to the chain, the other was added outside the appender.`,
        explanation: {
          kind: 'duplicate-seq',
          seq: row.seq,
          eventIds: [this.lastEventId, row.eventId],
        },
      };
    }
    if (row.seq === prev.seq + 1) return null;
    if (prev.hash !== null && row.prevHash === prev.hash && hashAt(row, row.seq) === row.hash) {
      return {
        seq: row.seq,
        problem: 'INSERTED',
        expected: `seq ${prev.seq + 1}`,
        actual: `seq ${row.seq}`,
        message: `Record ${row.seq} links to record ${prev.seq} but skips ${prev.seq + 1}..${row.seq - 1}: the appender never skips numbers, so it was inserted by other means.`,
        explanation: { kind: 'numbers-skipped', seq: row.seq, previousSeq: prev.seq },
      };
    }
    return {
      seq: prev.seq + 1,
      problem: 'DELETED',
      expected: `seq ${prev.seq + 1}`,
      actual: `seq ${row.seq}`,
      message: `Records ${prev.seq + 1}..${row.seq - 1} are missing: the record after seq ${prev.seq} is seq ${row.seq}.`,
      explanation: {
        kind: 'records-missing',
        fromSeq: prev.seq + 1,
        toSeq: row.seq - 1,
        previousSeq: prev.seq,
        seq: row.seq,
      },
    };
  }

  /** The record's hash does not match its contents at its seq: find out where it came from. */
  private async diagnoseMismatch(row: AuditChainRow, prev: ChainWalk['last']): Promise<Finding> {
    const s = row.seq;
    if (hashAt(row, s + 1) === row.hash) {
      const holders = await this.reader.seqsWithHash(row.prevHash, 1);
      return holders.length > 0
        ? {
            seq: s,
            problem: 'REORDERED',
            expected: `seq ${s}`,
            actual: `seq ${s + 1}`,
            message: `The record at seq ${s} was recorded as seq ${s + 1}, and the record recorded as seq ${s} now sits at seq ${holders[0]}: records were swapped.`,
            explanation: {
              kind: 'records-swapped',
              seq: s,
              recordedAs: s + 1,
              originalNowAt: holders[0],
            },
          }
        : {
            seq: s,
            problem: 'DELETED',
            expected: `seq ${s}`,
            actual: `seq ${s + 1}`,
            message: `The record recorded as seq ${s} is gone and the records after it were renumbered down (the record at seq ${s} was recorded as seq ${s + 1}).`,
            explanation: { kind: 'renumbered-down', seq: s, recordedAs: s + 1 },
          };
    }
    if (s > 1 && hashAt(row, s - 1) === row.hash) {
      return this.beforeLastHash !== null && row.prevHash === this.beforeLastHash
        ? {
            seq: prev.seq,
            problem: 'INSERTED',
            expected: `hash ${row.hash} (the record recorded as seq ${prev.seq})`,
            actual: `hash ${prev.hash ?? '?'}`,
            message: `The record at seq ${prev.seq} is not part of the chain: the genuine record ${prev.seq} now sits at seq ${s}, renumbered up to make room.`,
            explanation: { kind: 'slipped-in', seq: prev.seq, genuineNowAt: s },
          }
        : {
            seq: s,
            problem: 'REORDERED',
            expected: `seq ${s}`,
            actual: `seq ${s - 1}`,
            message: `The record at seq ${s} was recorded as seq ${s - 1}: records were moved.`,
            explanation: { kind: 'record-moved', seq: s, recordedAs: s - 1 },
          };
    }
    const recordedAs = await this.seqAfterHash(row.prevHash);
    if (recordedAs !== null && recordedAs !== s && hashAt(row, recordedAs) === row.hash) {
      return {
        seq: s,
        problem: 'REORDERED',
        expected: `seq ${s}`,
        actual: `seq ${recordedAs}`,
        message: `The record at seq ${s} was recorded as seq ${recordedAs}: records were moved.`,
        explanation: { kind: 'record-moved', seq: s, recordedAs },
      };
    }
    return {
      seq: s,
      problem: 'ALTERED',
      expected: row.hash,
      actual: hashAt(row, s) ?? 'no hash (a field has no valid encoding)',
      message: `Record ${s} changed after it was recorded: its stored hash does not match its fields.`,
      explanation: { kind: 'record-altered', seq: s },
    };
  }

  /** The seq a record linking to `prevHash` was recorded under: one after the record holding it. */
  private async seqAfterHash(prevHash: string): Promise<number | null> {
    if (prevHash === GENESIS_PREV_HASH) return 1;
    const [holder] = await this.reader.seqsWithHash(prevHash, 1);
    return holder === undefined ? null : holder + 1;
  }

  private checkAnchor(row: AuditChainRow): Finding | null {
    if (!this.anchor || this.anchor.seq !== row.seq || this.anchor.hash === row.hash) return null;
    return {
      seq: row.seq,
      problem: 'ALTERED',
      expected: this.anchor.hash,
      actual: row.hash,
      message: `The chain is consistent but record ${row.seq} no longer has the anchored hash: records up to ${row.seq} were rewritten and hashed anew.`,
      explanation: { kind: 'anchor-rewritten', seq: row.seq },
    };
  }
}

function checkPayload(row: AuditChainRow): Finding | null {
  let digest: string;
  try {
    digest = payloadDigestOf(row.payload);
  } catch (error) {
    digest = `none (${(error as Error).message})`;
  }
  if (digest === row.payloadDigest) return null;
  return {
    seq: row.seq,
    problem: 'ALTERED',
    expected: row.payloadDigest,
    actual: digest,
    message: `The payload of record ${row.seq} changed after it was recorded: its digest no longer matches.`,
    explanation: { kind: 'payload-altered', seq: row.seq },
  };
}

function checkLink(row: AuditChainRow, prev: ChainWalk['last']): Finding | null {
  if (prev.hash === null || row.prevHash === prev.hash) return null;
  return {
    seq: row.seq,
    problem: 'BROKEN_LINK',
    expected: prev.hash,
    actual: row.prevHash,
    message:
      prev.seq === 0
        ? 'The first record does not start from the genesis hash.'
        : `Record ${row.seq} does not link to record ${prev.seq}, though both match their own hashes: record ${prev.seq} was replaced by one hashed anew, or record ${row.seq}'s link was rewritten and hashed anew.`,
    explanation:
      prev.seq === 0
        ? { kind: 'not-from-genesis' }
        : { kind: 'link-broken', seq: row.seq, previousSeq: prev.seq },
  };
}

/** The hash the record would have if recorded as `seq`; null when a stored field cannot be encoded. */
function hashAt(row: AuditChainRow, seq: number): string | null {
  try {
    return recordHashOf({ ...row, seq });
  } catch {
    return null;
  }
}

function fail(recordsChecked: number, finding: Finding): Failure {
  return { ok: false, ...finding, recordsChecked };
}

function checkRequest(request: AuditChainVerifyRequest, fromSeq: number): void {
  if (!Number.isSafeInteger(fromSeq) || fromSeq < 1) {
    throw new AuditVerifyRequestError(
      { en: 'fromSeq must be a positive integer', vi: 'fromSeq phải là số nguyên dương' },
      { fromSeq },
    );
  }
  const { toSeq, anchor } = request;
  if (toSeq !== undefined && (!Number.isSafeInteger(toSeq) || toSeq < fromSeq)) {
    throw new AuditVerifyRequestError(
      {
        en: 'toSeq must be an integer not below fromSeq',
        vi: 'toSeq phải là số nguyên không nhỏ hơn fromSeq',
      },
      { fromSeq, toSeq },
    );
  }
  if (
    anchor &&
    (!Number.isSafeInteger(anchor.seq) ||
      anchor.seq < fromSeq ||
      (toSeq !== undefined && anchor.seq > toSeq))
  ) {
    throw new AuditVerifyRequestError(
      {
        en: 'the anchor must lie within the verified range',
        vi: 'điểm neo phải nằm trong khoảng được kiểm tra',
      },
      { fromSeq, toSeq, anchorSeq: anchor.seq },
    );
  }
}
