import type { AuditRecordHashFields } from '../chain/audit-record-hash';
import { matchesExportableFilter } from './exportable-filter-match';

const DISPATCH = '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d0e';

function record(
  fields: Partial<AuditRecordHashFields> = {},
  payload: unknown = { body: {} },
): { fields: AuditRecordHashFields; payload: unknown } {
  return {
    fields: {
      seq: 7,
      eventId: 'e7',
      eventType: 'dispatch.delivered',
      occurredAt: new Date('2026-03-12T08:15:30.123Z'),
      recordedAt: new Date('2026-03-12T08:15:30.500Z'),
      dispatchId: DISPATCH,
      senderCode: '000.00.00.G22',
      recipientCode: '000.00.00.H41',
      actor: 'router',
      payloadDigest: 'a'.repeat(64),
      prevHash: 'b'.repeat(64),
      ...fields,
    },
    payload,
  };
}

describe('matchesExportableFilter: the search filters, decided from the record alone', () => {
  it('selects by dispatch (any letter case, a malformed id selects nothing), type and actor', () => {
    expect(matchesExportableFilter(record(), {})).toBe(true);
    expect(matchesExportableFilter(record(), { dispatchId: DISPATCH.toUpperCase() })).toBe(true);
    expect(matchesExportableFilter(record(), { dispatchId: 'not-a-uuid' })).toBe(false);
    expect(matchesExportableFilter(record({ dispatchId: null }), { dispatchId: DISPATCH })).toBe(
      false,
    );
    expect(matchesExportableFilter(record(), { eventTypes: ['dispatch.fetched'] })).toBe(false);
    expect(matchesExportableFilter(record(), { eventTypes: [] })).toBe(true);
    expect(matchesExportableFilter(record(), { actor: 'router' })).toBe(true);
    expect(matchesExportableFilter(record({ actor: null }), { actor: 'router' })).toBe(false);
  });

  it('selects by agency as sender, recipient, or the agency a directory or webhook change is about', () => {
    expect(matchesExportableFilter(record(), { agencyCode: '000.00.00.G22' })).toBe(true);
    expect(matchesExportableFilter(record(), { agencyCode: '000.00.00.H41' })).toBe(true);
    expect(matchesExportableFilter(record(), { agencyCode: '000.00.00.H14' })).toBe(false);
    const change = (eventType: string): ReturnType<typeof record> =>
      record(
        { eventType, senderCode: null, recipientCode: null },
        {
          body: { agencyCode: '000.00.00.H14' },
        },
      );
    expect(
      matchesExportableFilter(change('directory.changed'), { agencyCode: '000.00.00.H14' }),
    ).toBe(true);
    expect(
      matchesExportableFilter(change('webhook.changed'), { agencyCode: '000.00.00.H14' }),
    ).toBe(true);
    // Only those two types name an agency in their body for the search.
    expect(matchesExportableFilter(change('status.noticed'), { agencyCode: '000.00.00.H14' })).toBe(
      false,
    );
  });

  it('bounds recorded_at: from inclusive, to exclusive', () => {
    const at = new Date('2026-03-12T08:15:30.500Z');
    expect(matchesExportableFilter(record(), { from: at })).toBe(true);
    expect(matchesExportableFilter(record(), { to: at })).toBe(false);
    expect(matchesExportableFilter(record(), { to: new Date(at.getTime() + 1) })).toBe(true);
    expect(matchesExportableFilter(record(), { from: new Date(at.getTime() + 1) })).toBe(false);
  });
});
