import { NotFoundError } from '@docaxis/errors/domain-error-kinds';

/** A verification was asked to start from a checkpoint that was never stored. */
export class AuditCheckpointNotFoundError extends NotFoundError {
  constructor(headSeq: number) {
    super(
      'AUDIT_CHECKPOINT_NOT_FOUND',
      `No signed checkpoint has head seq ${headSeq}: verify from the latest (from=checkpoint) or from=genesis`,
      { headSeq },
      {
        vi: `Không có điểm kiểm soát đã ký nào có số thứ tự bản ghi cuối là ${headSeq}: hãy kiểm tra từ điểm kiểm soát mới nhất (from=checkpoint) hoặc từ đầu chuỗi (from=genesis).`,
      },
    );
  }
}
