import { Injectable } from '@nestjs/common';
import { DataSource, type EntityTarget } from 'typeorm';
import { entityFromJson } from '../database/entity-from-json';
import { StatusNoticeEntity } from '../status-notice/status-notice.entity';
import { DispatchFileEntity } from './dispatch-file.entity';
import { DispatchRecipientEntity } from './dispatch-recipient.entity';
import { DispatchEntity } from './dispatch.entity';

/** Everything a reading of one dispatch shows (`DispatchViewRepository.find`). */
export interface DispatchForView {
  /** With its files (by ordinal) and every recipient (by code). */
  dispatch: DispatchEntity;
  /** The notices the caller may see, in the order they were recorded. */
  notices: StatusNoticeEntity[];
  /** Dispatches replacing it, oldest first, each with every recipient. */
  replacements: DispatchEntity[];
}

type Json = Record<string, unknown>;

interface DispatchForViewRow {
  dispatch: Json;
  files: Json[];
  recipients: Json[];
  notices: Json[];
  replacements: (Json & { recipients: Json[] })[];
}

/**
 * A dispatch as its parties read it (GET /dispatches/:id), in one query: the dispatch, its files,
 * recipients, notices and replacements gathered as JSON, where entity loading takes a round trip
 * per relation and a pair for the dispatch itself.
 */
@Injectable()
export class DispatchViewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Null when there is no such dispatch. The notices are every one for its sender, one
   * recipient's own for that recipient (`agencyCode`); whether the caller may see the dispatch at
   * all is the caller's to decide from the dispatch.
   */
  async find(dispatchId: string, agencyCode: string): Promise<DispatchForView | null> {
    const rows: DispatchForViewRow[] = await this.dataSource.query(
      `SELECT to_jsonb(d) AS dispatch,
         (SELECT coalesce(jsonb_agg(to_jsonb(f) ORDER BY f.ordinal), '[]')
            FROM dispatch_files f WHERE f.dispatch_id = d.id) AS files,
         (SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.recipient_code), '[]')
            FROM dispatch_recipients r WHERE r.dispatch_id = d.id) AS recipients,
         (SELECT coalesce(jsonb_agg(to_jsonb(n) ORDER BY n.recorded_at, n.id), '[]')
            FROM status_notices n
           WHERE n.dispatch_id = d.id AND (d.sender_code = $2 OR n.recipient_code = $2)) AS notices,
         (SELECT coalesce(jsonb_agg(to_jsonb(x) || jsonb_build_object('recipients',
                   (SELECT coalesce(jsonb_agg(to_jsonb(xr)), '[]')
                      FROM dispatch_recipients xr WHERE xr.dispatch_id = x.id))
                   ORDER BY x.id), '[]')
            FROM dispatches x WHERE x.replaces_dispatch_id = d.id) AS replacements
       FROM dispatches d WHERE d.id = $1`,
      [dispatchId, agencyCode],
    );
    const [row] = rows;
    if (!row) return null;
    const dispatch = this.dispatchOf(row.dispatch, row.recipients);
    dispatch.files = this.entitiesOf(DispatchFileEntity, row.files);
    return {
      dispatch,
      notices: this.entitiesOf(StatusNoticeEntity, row.notices),
      replacements: row.replacements.map((replacement) =>
        this.dispatchOf(replacement, replacement.recipients),
      ),
    };
  }

  private dispatchOf(json: Json, recipients: Json[]): DispatchEntity {
    const [dispatch] = this.entitiesOf(DispatchEntity, [json]);
    dispatch.recipients = this.entitiesOf(DispatchRecipientEntity, recipients);
    return dispatch;
  }

  /** Entities of one type from their rows' JSON, the type's metadata looked up once. */
  private entitiesOf<T>(entity: EntityTarget<T>, rows: Json[]): T[] {
    const metadata = this.dataSource.getMetadata(entity);
    return rows.map((json) => entityFromJson<T>(metadata, json));
  }
}
