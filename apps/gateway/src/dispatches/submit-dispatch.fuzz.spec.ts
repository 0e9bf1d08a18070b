import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { BlobStore } from '@docaxis/blob-store/blob-store';
import { DomainError } from '@docaxis/errors/domain-error';
import type { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import type { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import type { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import type { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import { envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { CallerRole } from '../auth/caller-role';
import { SubmitDispatchUseCase } from './submit-dispatch.usecase';

const SENDER = '000.00.00.H41';

/**
 * Property-based fuzzing of the envelope path of POST /dispatches (the multipart `envelope` field
 * parsed, validated and checked against the sender and recipients): whatever arrives, the use
 * case ends in a typed domain error with a 4xx kind, never a crash, a non-domain error or an
 * acceptance. No recipient is registered here, so even a perfect envelope is never written (its
 * PDFs may be stored: the dispatch's insert is what checks the recipients).
 */
describe('envelope field fuzzing (fast-check)', () => {
  const useCase = new SubmitDispatchUseCase(
    {
      transaction: (work: (manager: unknown) => Promise<unknown>) => work({}),
    } as unknown as DataSource,
    {
      findByIdempotencyKey: () => Promise.resolve(null),
      // As the database answers when no recipient is registered: nothing written.
      insert: () => Promise.resolve({ inserted: false, recipientStatuses: new Map() }),
    } as unknown as DispatchRepository,
    {
      statusesOf: () => Promise.resolve(new Map()),
      listActiveBelow: () => Promise.resolve([]),
    } as unknown as AgencyRepository,
    {
      put: (bytes: Buffer) => Promise.resolve({ sha256: 'ab'.repeat(32), sizeBytes: bytes.length }),
      discard: () => Promise.resolve(),
    } as unknown as BlobStore,
    { enqueue: () => Promise.resolve() } as unknown as OutboxWriter,
    { nudge: () => undefined } as unknown as OutboxRelay,
  );
  const agency = {
    agencyCode: SENDER,
    agencyName: 'UBND Nghệ An',
    certificateSubject: `OU=${SENDER}`,
    certificateFingerprint: 'ab'.repeat(32),
    roles: [CallerRole.AgencySystem],
  };
  const pdf = {
    originalName: 'a.pdf',
    contentType: 'application/pdf',
    bytes: Buffer.from('%PDF-1.7\n'),
  };

  async function outcomeOf(envelopeField: string): Promise<string> {
    try {
      await useCase.execute({ agency, envelopeField, files: [pdf], correlationId: 'fuzz' });
      return 'accepted';
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      expect(['invalid-input', 'forbidden', 'unprocessable', 'too-large']).toContain(error.kind);
      expect(error.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      return error.code;
    }
  }

  const textFields = ['subject', 'content'] as const;
  const base = () => envelopeJson(SENDER, ['000.00.00.H14']);
  const jsonPaths = Object.keys(base());

  it('any string at all', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()),
        async (field) => {
          expect(await outcomeOf(field)).not.toBe('accepted');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a valid envelope with any field replaced by any JSON value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...jsonPaths), fc.jsonValue(), async (key, value) => {
        expect(await outcomeOf(JSON.stringify({ ...base(), [key]: value }))).not.toBe('accepted');
      }),
      { numRuns: 500 },
    );
  });

  it('any Unicode in agency codes and text fields, including bidi and zero-width characters', async () => {
    const tricky = fc.string({
      unit: fc.oneof(
        fc.constantFrom('\u200b', '\u202e', '\u0000', '\ufeff', 'Н', '０', '\u0301', '.', '0', 'H'),
        fc.string({ unit: 'grapheme', maxLength: 1 }),
      ),
      maxLength: 40,
    });
    await fc.assert(
      fc.asyncProperty(
        tricky,
        tricky,
        fc.constantFrom(...textFields),
        async (code, text, field) => {
          const envelope = { ...base(), [field]: text, to: [{ organId: code, organName: 'x' }] };
          expect(await outcomeOf(JSON.stringify(envelope))).not.toBe('accepted');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a perfect envelope ends at the recipient check, proving the path is really exercised', async () => {
    expect(await outcomeOf(JSON.stringify(base()))).toBe('RECIPIENT_UNKNOWN');
  });
});
