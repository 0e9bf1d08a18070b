import { createHash, type Hash } from 'node:crypto';

/** What an export holds, as its manifest states it. */
export interface ExportSelectionSummary {
  count: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /**
   * Lowercase hex SHA-256 of the UTF-8 lines `<seq>:<hash>\n` of every record, in seq order: it
   * binds the manifest to exactly these records (any removed, added or replaced changes it).
   */
  digest: string;
}

/** Tallies the records of an export, while it is written or while it is verified. */
export class ExportSelection {
  private count = 0;
  private firstSeq: number | null = null;
  private lastSeq: number | null = null;
  private readonly hash: Hash = createHash('sha256');

  add(seq: number, recordHash: string): void {
    this.count += 1;
    this.firstSeq ??= seq;
    this.lastSeq = seq;
    this.hash.update(`${seq}:${recordHash}\n`, 'utf8');
  }

  /** The summary so far; the tally can go on after it. */
  summary(): ExportSelectionSummary {
    return {
      count: this.count,
      firstSeq: this.firstSeq,
      lastSeq: this.lastSeq,
      digest: this.hash.copy().digest('hex'),
    };
  }
}

/** Passes the records on as they are, tallying each into `selection`. */
export async function* tallied<T extends { seq: number; hash: string }>(
  records: AsyncIterable<T>,
  selection: ExportSelection,
): AsyncGenerator<T> {
  for await (const record of records) {
    selection.add(record.seq, record.hash);
    yield record;
  }
}
