import type { ExportCompletenessCheck } from './export-completeness-check';

/**
 * An export of the whole trail (no filter): every record from seq 1 up to the head its manifest
 * pinned, the last carrying the pinned hash, which also shows a tail rewritten and re-hashed.
 */
export function wholeTrailCheck(head: { seq: number; hash: string }): ExportCompletenessCheck {
  let last: { seq: number; hash: string } | null = null;
  return {
    record: ({ fields, hash }) => {
      const expected = (last?.seq ?? 0) + 1;
      last = { seq: fields.seq, hash };
      return Promise.resolve(
        fields.seq === expected
          ? null
          : {
              problem: 'records-missing',
              seq: fields.seq,
              detail: `seq ${fields.seq} after seq ${expected - 1}`,
            },
      );
    },
    end: () => {
      const ended: { seq: number; hash: string } | null = last;
      return Promise.resolve(
        ended?.seq === head.seq && ended.hash === head.hash
          ? null
          : {
              problem: 'head-mismatch',
              seq: ended?.seq ?? null,
              detail: `ends at ${ended ? `seq ${ended.seq} ${ended.hash}` : 'no record'}; the manifest pinned seq ${head.seq} ${head.hash}`,
            },
      );
    },
    close: () => Promise.resolve(),
  };
}
