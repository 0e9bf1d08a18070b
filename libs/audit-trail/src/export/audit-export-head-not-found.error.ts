import { NotFoundError } from '@docaxis/errors/domain-error-kinds';

/**
 * An export (or its manifest) asked to be pinned to a head the trail does not hold: no record
 * has that seq, or the record of that seq carries another hash (the head was mistyped, or the
 * trail was rewritten since it was read: `/audit/verify?from=genesis` says which record).
 */
export class AuditExportHeadNotFoundError extends NotFoundError {
  constructor(head: { seq: number; hash: string }, storedHash: string | null) {
    const why =
      storedHash === null
        ? { en: 'no record has that seq', vi: 'không có bản ghi nào mang số thứ tự đó' }
        : {
            en: `the record of that seq has hash ${storedHash}`,
            vi: `bản ghi mang số thứ tự đó có mã băm ${storedHash}`,
          };
    super(
      'AUDIT_EXPORT_HEAD_NOT_FOUND',
      `The trail holds no head ${head.seq}:${head.hash} to pin the export to: ${why.en}.`,
      { head, storedHash },
      {
        vi: `Nhật ký không có đầu chuỗi ${head.seq}:${head.hash} để chốt bản xuất: ${why.vi}.`,
      },
    );
  }
}
