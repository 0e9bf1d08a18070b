import type { AuditRecordEntity } from '@docaxis/persistence/audit/audit-record.entity';
import type {
  AuditEventFilter,
  AuditEventPageRequest,
} from '@docaxis/persistence/audit/audit-search.repository';

/** What exports read: pages of matching records (AuditSearchRepository provides it). */
export interface AuditEventPageSource {
  page(request: AuditEventPageRequest): Promise<AuditRecordEntity[]>;
}

/**
 * Every record matching `filter` up to `toSeq`, oldest first, one keyset page at a time: an
 * export of any size holds one page in memory.
 */
export async function* auditEventsInOrder(
  source: AuditEventPageSource,
  filter: AuditEventFilter,
  toSeq: number,
  pageSize = 1000,
): AsyncGenerator<AuditRecordEntity> {
  let afterSeq: number | undefined;
  for (;;) {
    const page = await source.page({ filter, afterSeq, order: 'asc', limit: pageSize });
    for (const record of page) {
      if (record.seq > toSeq) return;
      yield record;
    }
    if (page.length < pageSize) return;
    afterSeq = page[page.length - 1].seq;
  }
}
