import { readFileSync } from 'node:fs';
import type { AuditChainHead } from '@docaxis/persistence/audit/audit-record.repository';
import { AnchorFileError } from './anchor-file.error';

/**
 * The head an auditor kept from an earlier run: its `head` ({seq, hash}), as the manifest of
 * `audit export --manifest` and the output of `audit verify --json` both carry it.
 */
export function readKeptHead(path: string): AuditChainHead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as Error).message;
    throw new AnchorFileError(path, { en: reason, vi: `không đọc được tệp: ${reason}` });
  }
  let head: unknown;
  try {
    head = (JSON.parse(text) as { head?: unknown } | null)?.head;
  } catch {
    throw new AnchorFileError(path, { en: 'not JSON', vi: 'không phải JSON' });
  }
  const { seq, hash } = (head ?? {}) as { seq?: unknown; hash?: unknown };
  if (
    typeof seq !== 'number' ||
    !Number.isSafeInteger(seq) ||
    seq < 1 ||
    typeof hash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(hash)
  ) {
    throw new AnchorFileError(path, {
      en: 'no head {seq, hash} (a manifest of audit export or the output of audit verify --json)',
      vi: 'không có head {seq, hash} (tệp manifest của audit export hoặc kết quả audit verify --json)',
    });
  }
  return { seq, hash };
}
