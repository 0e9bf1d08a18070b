import { Controller, Get, Header, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditExporter } from '@docaxis/audit-trail/export/audit-exporter';
import type { ExportManifest } from '@docaxis/audit-trail/export/export-manifest';
import { verificationScopeHeader } from '@docaxis/audit-trail/export/verification-scope-header';
import type { AuditTrailVerification } from '@docaxis/audit-trail/verification/audit-trail-verifier';
import type { AgencyDeliveryStatistics } from '@docaxis/persistence/audit/audit-search.repository';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import {
  parseAuditPage,
  parseExportQuery,
  parseStatisticsQuery,
  parseVerifyRequest,
} from './audit-query';
import {
  AuditTrailReaderService,
  type AuditEventPage,
  type DispatchTimeline,
} from './audit-trail-reader.service';

/** The audit trail for auditors (kiểm toán viên) only; agencies read their own trails elsewhere. */
@ApiTags('audit')
@Controller('audit')
@UseGuards(ClientCertificateGuard)
@RequireRoles(CallerRole.Auditor)
export class AuditController {
  constructor(
    private readonly reader: AuditTrailReaderService,
    private readonly exporter: AuditExporter,
  ) {}

  /**
   * GET /api/v1/audit/verify?from=checkpoint|genesis|<seq>&checkpoint=&to= — from the latest
   * signed checkpoint by default (only the records after it walked), from=genesis for the full
   * walk; `scope` says what was re-verified. First problem, if any.
   */
  @Get('verify')
  @ApiOperation({ summary: 'Verify the audit chain and its signed checkpoints' })
  @ApiOkResponse({
    description:
      '`{ ok: true, recordsChecked, fromSeq, head, checkpointsChecked, checkpoint, scope }` or `{ ok: false, seq, problem, expected, actual, message, explanation, ..., scope }` (`message` in English, `explanation: { kind, ...seqs }` the same as data); `scope: { from, startCheckpoint, firstSeq, lastSeq, notReverified, summary }`',
  })
  @ApiErrorResponses({
    400: ['AUDIT_QUERY_INVALID', 'AUDIT_VERIFY_REQUEST_INVALID'],
    404: ['AUDIT_CHECKPOINT_NOT_FOUND'],
  })
  verify(@Query() query: Record<string, unknown>): Promise<AuditTrailVerification> {
    return this.reader.verify(parseVerifyRequest(query));
  }

  /** GET /api/v1/audit/events?dispatchId=&agency=&type=&actor=&state=&status=&from=&to=&number=&notation=&cursor=&limit= */
  @Get('events')
  @ApiOperation({ summary: 'Search audit events, newest first, cursor-paginated' })
  @ApiOkResponse({ description: '`{ events: AuditEventView[], nextCursor }`' })
  @ApiErrorResponses({ 400: ['AUDIT_QUERY_INVALID'] })
  events(@Query() query: Record<string, unknown>): Promise<AuditEventPage> {
    const { filter, afterSeq, limit } = parseAuditPage(query);
    return this.reader.events(filter, afterSeq, limit);
  }

  /** GET /api/v1/audit/dispatches/:id/timeline — axis events and agency status notices. */
  @Get('dispatches/:id/timeline')
  @ApiOperation({ summary: "One dispatch's timeline: axis events and agency status notices" })
  @ApiOkResponse({ description: '`{ dispatchId, entries: (AuditEventView & { source })[] }`' })
  @ApiErrorResponses({})
  timeline(@Param('id') id: string): Promise<DispatchTimeline> {
    return this.reader.timeline(id);
  }

  /** GET /api/v1/audit/statistics?from=&to=&agency= — per-agency delivery figures. */
  @Get('statistics')
  @ApiOperation({ summary: 'Per-agency delivery statistics' })
  @ApiOkResponse({ description: '`{ agencies: AgencyDeliveryStatistics[] }`' })
  @ApiErrorResponses({ 400: ['AUDIT_QUERY_INVALID'] })
  async statistics(
    @Query() query: Record<string, unknown>,
  ): Promise<{ agencies: AgencyDeliveryStatistics[] }> {
    return { agencies: await this.reader.statistics(parseStatisticsQuery(query)) };
  }

  /**
   * GET /api/v1/audit/export?format=csv|pdf&lang=vi|en&verifyFrom=checkpoint|genesis|<seq>&checkpoint=&head=&<search filters>
   * — CSV streamed (any size) or the PDF report; both state the chain head, the checkpoint they
   * were checked against and what that check re-verified (headers X-Audit-Chain-Head,
   * X-Audit-Checkpoint, X-Audit-Verified, X-Audit-Verification-Scope; in the PDF itself). The
   * verification starts as /audit/verify's does (`verifyFrom`: `from` is the filters' instant).
   * `head=<seq>:<hash>` pins it to an earlier head instead of the current one.
   */
  @Get('export')
  @ApiOperation({ summary: 'Export the audit events as CSV (streamed) or a PDF report' })
  @ApiProduces('text/csv', 'application/pdf')
  @ApiOkResponse({
    description: 'CSV stream or PDF report',
    headers: {
      'X-Audit-Chain-Head': {
        description:
          '`<seq>:<hash>` of the chain head the export is pinned to (absent: empty trail)',
        schema: { type: 'string' },
      },
      'X-Audit-Checkpoint': {
        description:
          '`<headSeq>:<headHash>:<createdAt>` of the latest valid signed checkpoint the verification used',
        schema: { type: 'string' },
      },
      'X-Audit-Verified': {
        description: '`true`, or `false; seq=<n>`: the first record from which the trail fails',
        schema: { type: 'string' },
      },
      'X-Audit-Verification-Scope': {
        description:
          'What the verification re-hashed: `from=<checkpoint|genesis|seq>` (genesis also when no checkpoint exists yet), `; checkpoint=<headSeq>` when it started from one, `; reverified=<first>-<last>|none`, `; not-reverified=1-<n>|none` (records vouched for by the checkpoint signature, or trusted below a seq start), e.g. `from=checkpoint; checkpoint=30; reverified=30-40; not-reverified=1-29`',
        schema: { type: 'string' },
      },
    },
  })
  @ApiErrorResponses({
    400: ['AUDIT_QUERY_INVALID', 'AUDIT_VERIFY_REQUEST_INVALID'],
    404: ['AUDIT_CHECKPOINT_NOT_FOUND', 'AUDIT_EXPORT_HEAD_NOT_FOUND'],
  })
  async export(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { filter, format, lang, verification, head } = parseExportQuery(query);
    const header = await this.exporter.header(verification, head);
    if (header.head) res.setHeader('X-Audit-Chain-Head', `${header.head.seq}:${header.head.hash}`);
    const checkpoint = header.verification.checkpoint;
    if (checkpoint) {
      res.setHeader(
        'X-Audit-Checkpoint',
        `${checkpoint.headSeq}:${checkpoint.headHash}:${checkpoint.createdAt}`,
      );
    }
    res.setHeader(
      'X-Audit-Verified',
      header.verification.ok ? 'true' : `false; seq=${header.verification.seq}`,
    );
    res.setHeader('X-Audit-Verification-Scope', verificationScopeHeader(header.verification.scope));
    if (format === 'pdf') {
      const pdf = await this.exporter.pdf(filter, header, lang);
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', 'attachment; filename="audit-report.pdf"');
      res.end(pdf);
      return;
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit-events.csv"');
    await this.exporter.writeCsv(filter, header, res);
  }

  /**
   * GET /api/v1/audit/export/manifest?head=<seq>:<hash>&verifyFrom=&checkpoint=&<search filters>
   * — the manifest of the export of the same query pinned to `head` (the export's
   * X-Audit-Chain-Head; the current head without it), for `docaxis audit verify-export
   * --manifest`. A separate answer, so the CSV stays a plain CSV: the records at or below a head
   * never change, so it states what the export held. Filtered by state, status, number or
   * notation (the dispatch's current state), it names them in `filterNotRecheckable` and states
   * no selection: no one can tell later which records those filters selected.
   */
  @Get('export/manifest')
  @Header('Content-Disposition', 'attachment; filename="audit-events.manifest.json"')
  @ApiOperation({ summary: "An export's manifest, pinned to the export's head" })
  @ApiOkResponse({
    description:
      '`{ v: "docaxis-audit-export-manifest/2", generatedAt, filter, filterNotRecheckable?, head, selection: { count, firstSeq, lastSeq, digest } | null, verification }`',
  })
  @ApiErrorResponses({
    400: ['AUDIT_QUERY_INVALID', 'AUDIT_VERIFY_REQUEST_INVALID'],
    404: ['AUDIT_CHECKPOINT_NOT_FOUND', 'AUDIT_EXPORT_HEAD_NOT_FOUND'],
  })
  async exportManifest(@Query() query: Record<string, unknown>): Promise<ExportManifest> {
    const { filter, verification, head } = parseExportQuery(query);
    return this.exporter.manifest(filter, await this.exporter.header(verification, head));
  }
}
