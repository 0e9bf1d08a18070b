import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ExportSelectionSummary } from '@docaxis/audit-trail/export/export-selection';
import type {
  StatedExportFilter,
  StatedNotRecheckableFilter,
} from '@docaxis/audit-trail/export/stated-export-filter';
import { AuditFileUnreadableError } from './audit-file-unreadable.error';
import { ExportManifestInvalidError } from './export-manifest-invalid.error';

/**
 * What `verify-export` holds an export to; `selection` is null in a manifest of version 1 and in
 * one that names filters no one can re-run (`notRecheckable`, an API export's state, status,
 * number or notation).
 */
export interface ExportManifestStatement {
  filter: StatedExportFilter;
  notRecheckable: StatedNotRecheckableFilter | null;
  head: { seq: number; hash: string } | null;
  selection: ExportSelectionSummary | null;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const instant = z.iso.datetime({ offset: true });

// Strict: a filter this version does not know could select records it cannot check.
const filterSchema = z.strictObject({
  dispatchId: z.string().optional(),
  agencyCode: z.string().optional(),
  eventTypes: z.array(z.string()).optional(),
  actor: z.string().optional(),
  from: instant.optional(),
  to: instant.optional(),
});

const notRecheckableSchema = z.strictObject({
  dispatchState: z.string().optional(),
  statusCode: z.string().optional(),
  codeNumber: z.string().optional(),
  codeNotation: z.string().optional(),
});

const manifestSchema = z.object({
  v: z.enum(['docaxis-audit-export-manifest/1', 'docaxis-audit-export-manifest/2']),
  filter: filterSchema.default({}),
  filterNotRecheckable: notRecheckableSchema.optional(),
  head: z.object({ seq, hash: hex64 }).nullable(),
  selection: z
    .object({
      count: z.number().int().min(0),
      firstSeq: seq.nullable(),
      lastSeq: seq.nullable(),
      digest: hex64,
    })
    .nullable()
    .optional(),
});

/** Reads the manifest `audit export --manifest` wrote (version 1 or 2). */
export function readExportManifest(path: string): ExportManifestStatement {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AuditFileUnreadableError(path, (error as Error).message);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new ExportManifestInvalidError(path, {
      en: `not an audit export manifest (${problems})`,
      vi: `không phải bản kê (manifest) của một lần xuất nhật ký kiểm toán (${problems})`,
    });
  }
  const { v, filter, filterNotRecheckable, head } = parsed.data;
  const selection = parsed.data.selection ?? null;
  const notRecheckable =
    filterNotRecheckable && Object.keys(filterNotRecheckable).length > 0
      ? filterNotRecheckable
      : null;
  if (notRecheckable !== null && selection !== null) {
    // A selection beside filters no one can re-run could not be checked: it would be trusted.
    throw new ExportManifestInvalidError(path, {
      en: 'a manifest naming filterNotRecheckable states no selection',
      vi: 'bản kê có filterNotRecheckable không được nêu tập bản ghi (selection)',
    });
  }
  if (v === 'docaxis-audit-export-manifest/2' && notRecheckable === null && selection === null) {
    throw new ExportManifestInvalidError(path, {
      en: 'a manifest of version 2 states its selection',
      vi: 'bản kê phiên bản 2 phải nêu tập bản ghi đã xuất (selection)',
    });
  }
  return { filter, notRecheckable, head, selection };
}
