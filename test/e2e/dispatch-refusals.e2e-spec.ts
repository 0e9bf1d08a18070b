import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildUnsignedPdf } from '@docaxis/signature/testing/unsigned-pdf-builder';
import { flipByteInSignedRange } from '@docaxis/signature/testing/pdf-tampering';
import {
  signedDispatchPdf,
  type SignedDispatchPdfOptions,
} from '@docaxis/signature/testing/signed-dispatch-pdf';
import { anonymous, asAgency } from '@docaxis/testing/agency-client';
import { attachDispatch, envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const A = '000.00.00.G22';
const B = '000.00.00.H41';
const C = '000.00.14.H20';

/**
 * Issue 2's refusals, each with its stable code, against the running axis. After each, nothing
 * already accepted is lost and the next valid dispatch still goes through (checked at the end).
 */
describe('refusals (all four apps, real RabbitMQ and PostgreSQL)', () => {
  let axis: RunningAxis;
  let validPdf: Buffer;

  beforeAll(async () => {
    axis = await startAxis('refusals');
    validPdf = await signedDispatchPdf(axis.pki, A);
  });

  afterAll(async () => {
    await axis?.stop();
  });

  async function submit(pdf: Buffer, envelope: unknown = envelopeJson(A, [B])) {
    return attachDispatch(asAgency(axis, A).post('/dispatches'), envelope, [
      { name: 'van-ban.pdf', bytes: pdf },
    ]);
  }

  /**
   * Submits, expects 202, then waits for the verifier's verdict: the rejection as served by
   * default (its message in Vietnamese), with the dispatch's id.
   */
  async function rejectionOf(
    pdf: Buffer,
  ): Promise<{ code: string; message: string; dispatchId: string }> {
    const accepted = await submit(pdf);
    expect(accepted.status).toBe(202);
    const view = await waitFor(
      async () => (await asAgency(axis, A).get(`/dispatches/${accepted.body.dispatchId}`)).body,
      (body) => body.state === 'rejected' || body.state === 'routed',
      'the verifier to decide',
    );
    expect(view.state).toBe('rejected');
    // A rejected dispatch is never routed: no recipient has it queued or delivered.
    expect(view.recipients.map((r: { state: string }) => r.state)).toEqual(['pending']);
    return { ...view.rejection, dispatchId: accepted.body.dispatchId };
  }

  const signedBy = (options: (axis: RunningAxis) => SignedDispatchPdfOptions) => async () =>
    signedDispatchPdf(axis.pki, A, options(axis));

  describe('after acceptance, by the verifier (GET /dispatches/:id → rejection.code)', () => {
    it('unsigned PDF → PDF_UNSIGNED', async () => {
      expect(await rejectionOf(await buildUnsignedPdf({ title: 'Chưa ký' }))).toMatchObject({
        code: 'PDF_UNSIGNED',
      });
    });

    it("signature by another agency's certificate → SIGNER_NOT_SENDER", async () => {
      const pdf = await signedBy((x) => ({ organization: x.pki.agency(B).organization }))();
      const rejection = await rejectionOf(pdf);
      expect(rejection.code).toBe('SIGNER_NOT_SENDER');
      expect(rejection.message).toContain(B);
    });

    it('tampered byte inside the signed range → SIGNATURE_HASH_MISMATCH', async () => {
      expect(await rejectionOf(flipByteInSignedRange(validPdf))).toMatchObject({
        code: 'SIGNATURE_HASH_MISMATCH',
      });
    });

    it('certificate from an untrusted CA → CERTIFICATE_UNTRUSTED', async () => {
      const pdf = await signedBy((x) => ({ organization: x.pki.special('rogue-organization') }))();
      expect(await rejectionOf(pdf)).toMatchObject({ code: 'CERTIFICATE_UNTRUSTED' });
    });

    it('expired certificate → CERTIFICATE_EXPIRED', async () => {
      const pdf = await signedBy((x) => ({
        organization: x.pki.special('expired-organization'),
      }))();
      expect(await rejectionOf(pdf)).toMatchObject({ code: 'CERTIFICATE_EXPIRED' });
    });

    it('revoked certificate → CERTIFICATE_REVOKED', async () => {
      const pdf = await signedBy((x) => ({
        organization: x.pki.special('revoked-organization'),
      }))();
      expect(await rejectionOf(pdf)).toMatchObject({ code: 'CERTIFICATE_REVOKED' });
    });

    it('signature claimed before a keyCompromise revocation → CERTIFICATE_REVOKED_KEY_COMPROMISE', async () => {
      // Revoked 10 days ago for keyCompromise; the seal claims 20 days ago, which its key's
      // holder can write whenever he signs. The agency seal alone: the leader's is an hour old.
      const pdf = await signedBy((x) => ({
        leader: false,
        organization: x.pki.special('revoked-organization'),
        signingTime: new Date(Date.now() - 20 * 24 * 60 * 60 * 1000),
      }))();
      const rejection = await rejectionOf(pdf);
      expect(rejection.code).toBe('CERTIFICATE_REVOKED_KEY_COMPROMISE');
      expect(rejection.message).toContain('bị thu hồi do lộ khóa bí mật');
      // English on request, by query or by header, as for POST /verify's report.
      const path = `/dispatches/${rejection.dispatchId}`;
      const byQuery = await asAgency(axis, A).get(`${path}?lang=en`);
      const byHeader = await asAgency(axis, A).get(path).set('Accept-Language', 'en-GB,en;q=0.8');
      for (const english of [byQuery, byHeader]) {
        expect(english.headers['content-language']).toBe('en');
        expect(english.body.rejection.code).toBe('CERTIFICATE_REVOKED_KEY_COMPROMISE');
        expect(english.body.rejection.message).toContain('key compromise');
      }
      const refused = await asAgency(axis, A).get(`${path}?lang=fr`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('REPORT_LANGUAGE_INVALID');
    });

    it('certificate on hold (certificateHold in the CRL) → CERTIFICATE_ON_HOLD, refused at once', async () => {
      // The TEST PKI's issuing CA CRL holds this seal since 10 days ago: suspended, neither valid
      // nor revoked, so the signature cannot be judged until the CA decides. Not an outage of
      // the revocation sources: no retry window, refused with its own code.
      const pdf = await signedBy((x) => ({ organization: x.pki.special('held-organization') }))();
      const rejection = await rejectionOf(pdf);
      expect(rejection.code).toBe('CERTIFICATE_ON_HOLD');
      expect(rejection.message).toContain('đang bị tổ chức cấp chứng thư số tạm dừng');
      const english = await asAgency(axis, A).get(`/dispatches/${rejection.dispatchId}?lang=en`);
      expect(english.headers['content-language']).toBe('en');
      expect(english.body.rejection.code).toBe('CERTIFICATE_ON_HOLD');
      expect(english.body.rejection.message).toContain('on hold (suspended by its CA)');
      // The report's revocation note and finding carry their explanation, for Vietnamese readers.
      type Signed = { revocation: { status: string; explanation?: unknown }; messages: unknown[] };
      const signatures = english.body.files[0].verification.signatures as Signed[];
      const signature = signatures.find((candidate) => candidate.revocation.status === 'revoked')!;
      expect(signature.revocation).toMatchObject({
        note: expect.stringContaining('on hold since') as unknown,
        explanation: { kind: 'on-hold', certificate: { role: 'signer' } },
      });
      expect(signature.messages).toContainEqual(
        expect.objectContaining({
          code: 'CERTIFICATE_ON_HOLD',
          explanation: signature.revocation.explanation,
        }),
      );
    });

    it('leader signature only, no agency seal → AGENCY_SIGNATURE_MISSING', async () => {
      const leaderOnly = await signedDispatchPdf(axis.pki, A, {
        organization: axis.pki.agency(A).leader,
        leader: false,
      });
      expect(await rejectionOf(leaderOnly)).toMatchObject({ code: 'AGENCY_SIGNATURE_MISSING' });
    });
  });

  describe('at the door, synchronously (4xx with a stable code)', () => {
    it('unknown recipient → 422 RECIPIENT_UNKNOWN', async () => {
      const response = await submit(validPdf, envelopeJson(A, ['000.00.00.H99']));
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({
        code: 'RECIPIENT_UNKNOWN',
        details: { recipients: ['000.00.00.H99'] },
      });
    });

    it('missing envelope field → 400 ENVELOPE_INVALID naming the field', async () => {
      const envelope: Record<string, unknown> = { ...envelopeJson(A, [B]) };
      delete envelope.subject;
      const response = await submit(validPdf, envelope);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('ENVELOPE_INVALID');
      expect(response.body.error.details.issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'subject', code: 'FIELD_REQUIRED' }),
        ]),
      );
    });

    it.each(['confidential', 'secret', 'top-secret'])(
      'secret-class document (%s) → 422 CONFIDENTIAL_DOCUMENT_REFUSED, refusal audited, nothing stored',
      async (confidentiality) => {
        const before = await countRows();
        const response = await submit(validPdf, envelopeJson(A, [B], { confidentiality }));
        expect(response.status).toBe(422);
        expect(response.body.error.code).toBe('CONFIDENTIAL_DOCUMENT_REFUSED');
        const after = await waitFor(
          countRows,
          (rows) => rows.refusals > before.refusals,
          'the refusal in the audit trail',
        );
        expect(after).toEqual({ ...before, refusals: before.refusals + 1 });
        const [refusal] = await axis.db.query(
          `SELECT sender_code, payload FROM audit_records WHERE event_type = 'dispatch.refused' ORDER BY seq DESC LIMIT 1`,
        );
        expect(refusal.sender_code).toBe(A);
        // The audit keeps the refusal, never the document: no subject, no file, no envelope.
        expect(JSON.stringify(refusal.payload)).not.toContain('trục liên thông');
      },
    );

    it('the envelope as a file part (curl -F envelope=@envelope.json): accepted, and refused with the same codes as the text field', async () => {
      const asFilePart = (envelope: Buffer) =>
        asAgency(axis, A)
          .post('/dispatches')
          .attach('envelope', envelope, {
            filename: 'envelope.json',
            contentType: 'application/octet-stream', // what curl declares for a .json file
          })
          .attach('files', validPdf, 'van-ban.pdf');
      const json = (envelope: unknown) => Buffer.from(JSON.stringify(envelope));
      const accepted = await asFilePart(json(envelopeJson(A, [B])));
      expect(accepted.status).toBe(202);
      // All the way: verified and routed, as one sent with the text field.
      await waitFor(
        async () => (await asAgency(axis, A).get(`/dispatches/${accepted.body.dispatchId}`)).body,
        (body) => body.state === 'routed',
        'the dispatch whose envelope came as a file part to be routed',
      );
      const invalid: Record<string, unknown> = { ...envelopeJson(A, [B]) };
      delete invalid.subject;
      const twice = await asFilePart(json(envelopeJson(A, [B]))).field(
        'envelope',
        JSON.stringify(envelopeJson(A, [B])),
      );
      const refusals = [
        await asFilePart(json(invalid)),
        await asFilePart(Buffer.from('{"from": ')),
        await asFilePart(json(envelopeJson(C, [B]))),
        twice,
      ];
      expect(refusals.map((r) => [r.status, r.body.error.code])).toEqual([
        [400, 'ENVELOPE_INVALID'],
        [400, 'ENVELOPE_NOT_JSON'],
        [403, 'SENDER_MISMATCH'],
        [400, 'ENVELOPE_DUPLICATE'],
      ]);
    });

    it('envelope naming another sender → 403 SENDER_MISMATCH', async () => {
      const response = await submit(validPdf, envelopeJson(C, [B]));
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('SENDER_MISMATCH');
    });

    it('a file that is not a PDF → 415 FILE_NOT_PDF', async () => {
      const response = await submit(Buffer.from('GIF89a not a pdf'));
      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('FILE_NOT_PDF');
    });

    it('a file name over 200 characters, which no edXML AttachmentName may carry → 400 FILE_NAME_TOO_LONG', async () => {
      const name = `${'văn-bản-'.repeat(25)}x.pdf`;
      expect([...name]).toHaveLength(205);
      const response = await attachDispatch(
        asAgency(axis, A).post('/dispatches'),
        envelopeJson(A, [B]),
        [{ name, bytes: validPdf }],
      );
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'FILE_NAME_TOO_LONG',
        details: { maxLength: 200 },
      });
    });

    it('no client certificate → 401 CLIENT_CERTIFICATE_REQUIRED', async () => {
      const response = await anonymous(axis).get('/inbox');
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('CLIENT_CERTIFICATE_REQUIRED');
    });

    it.each(['expired-client', 'revoked-client'] as const)(
      '%s certificate → 401 CLIENT_CERTIFICATE_INVALID with the reason',
      async (name) => {
        const response = await asAgency(axis, A, axis.pki.special(name)).get('/inbox');
        expect(response.status).toBe(401);
        expect(response.body.error.code).toBe('CLIENT_CERTIFICATE_INVALID');
        expect(response.body.error.details.reason).toBe(
          name === 'expired-client' ? 'CERT_HAS_EXPIRED' : 'CERT_REVOKED',
        );
      },
    );

    it("another agency's certificate cannot read a dispatch that is not its own → 404, and its inbox stays its own", async () => {
      const accepted = await submit(validPdf, envelopeJson(A, [B]));
      expect(accepted.status).toBe(202);
      const id = accepted.body.dispatchId;
      await waitFor(
        async () => (await asAgency(axis, B).get(`/dispatches/${id}`)).status,
        (status) => status === 200,
        'delivery to B',
      );
      for (const path of [
        `/dispatches/${id}`,
        `/dispatches/${id}/trail`,
        `/dispatches/${id}/files/00000000-0000-7000-8000-000000000000`,
      ]) {
        const response = await asAgency(axis, C).get(path);
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('DISPATCH_NOT_FOUND');
      }
      expect((await asAgency(axis, C).post(`/dispatches/${id}/ack`)).status).toBe(404);
      const inboxC = await asAgency(axis, C).get('/inbox');
      expect(inboxC.body.items.map((i: { dispatchId: string }) => i.dispatchId)).not.toContain(id);
      // The sender cannot acknowledge its own dispatch as if it were a recipient.
      expect((await asAgency(axis, A).post(`/dispatches/${id}/ack`)).body.error.code).toBe(
        'NOT_A_RECIPIENT',
      );
    });

    it('a malformed cursor → 400 CURSOR_INVALID; a bad limit → 400 LIMIT_INVALID', async () => {
      expect((await asAgency(axis, B).get('/inbox?cursor=garbage')).body.error.code).toBe(
        'CURSOR_INVALID',
      );
      expect((await asAgency(axis, B).get('/inbox?limit=0')).body.error.code).toBe('LIMIT_INVALID');
    });
  });

  it('loses nothing already accepted: after all those refusals a valid dispatch is still delivered', async () => {
    const accepted = await submit(validPdf, envelopeJson(A, [B, C]));
    expect(accepted.status).toBe(202);
    const view = await waitFor(
      async () => (await asAgency(axis, A).get(`/dispatches/${accepted.body.dispatchId}`)).body,
      (body) => body.recipients?.every((r: { state: string }) => r.state === 'delivered'),
      'delivery of the valid dispatch',
    );
    expect(view.state).toBe('routed');
    // Every dispatch ever accepted is still there, each with its verdict.
    const states = await axis.db.query(
      `SELECT state, count(*)::int AS n FROM dispatches GROUP BY state ORDER BY state`,
    );
    expect(states).toEqual([
      { state: 'rejected', n: 9 },
      // Incl. the one whose envelope came as a file part.
      { state: 'routed', n: 3 },
    ]);
  });

  async function countRows(): Promise<{ dispatches: number; files: number; refusals: number }> {
    const [row] = await axis.db.query(
      `SELECT (SELECT count(*)::int FROM dispatches) AS dispatches,
              (SELECT count(*)::int FROM dispatch_files) AS files,
              (SELECT count(*)::int FROM audit_records WHERE event_type = 'dispatch.refused') AS refusals`,
    );
    return row;
  }

  // After the count of states above: these accept dispatches of their own.
  describe('leaves no bytes behind', () => {
    /** Every file under the blob store's directory, temporary ones included. */
    function blobFiles(): string[] {
      const root = axis.env.BLOB_DIR!;
      return readdirSync(root, { recursive: true, encoding: 'utf8' })
        .filter((path) => statSync(join(root, path)).isFile())
        .sort();
    }
    /** Bytes no one has sent, that pass the door's PDF check. */
    const freshPdf = () => Buffer.from(`%PDF-1.7\n% refused ${randomUUID()}\n%%EOF\n`);

    it('a refused submission (unknown recipient, number taken, unknown original) leaves the blob store as it was', async () => {
      const taken = envelopeJson(A, [B]);
      expect((await submit(validPdf, taken)).status).toBe(202);
      const before = blobFiles();
      const refusals: [unknown, string][] = [
        [envelopeJson(A, ['000.00.00.H99']), 'RECIPIENT_UNKNOWN'],
        [{ ...envelopeJson(A, [B]), code: taken.code }, 'DISPATCH_NUMBER_DUPLICATE'],
        [
          envelopeJson(A, [B], { replaces: { documentId: `${A},2026/01/01,1/VPCP-KSTT` } }),
          'REPLACED_DISPATCH_UNKNOWN',
        ],
      ];
      for (const [envelope, code] of refusals) {
        const response = await submit(freshPdf(), envelope);
        expect(response.body.error.code).toBe(code);
      }
      expect(blobFiles()).toEqual(before);
    });

    it('a refused submission of bytes an accepted dispatch holds keeps them', async () => {
      const pdf = freshPdf();
      const envelope = envelopeJson(A, [B]);
      expect((await submit(pdf, envelope)).status).toBe(202);
      const before = blobFiles();
      // Refused after its bytes were put, as the recipients are checked by the insert. Not a
      // taken number: the verifier rejects the unsigned original at any moment, freeing it.
      const refused = await submit(pdf, envelopeJson(A, ['000.00.00.H99']));
      expect(refused.body.error.code).toBe('RECIPIENT_UNKNOWN');
      expect(blobFiles()).toEqual(before);
    });
  });

  // After the count of states above, as it accepts a dispatch of its own.
  describe('file names in Unicode', () => {
    it('a file name of 200 characters sent decomposed (NFD) is counted and stored in NFC → 202', async () => {
      // Some systems send Vietnamese decomposed: "ă" as "a" + U+0306, which counts twice.
      const nfc = `${'văn-bản-'.repeat(24)}xxxx.pdf`.normalize('NFC');
      const nfd = nfc.normalize('NFD');
      expect([[...nfc].length, [...nfd].length]).toEqual([200, 248]);
      const response = await attachDispatch(
        asAgency(axis, A).post('/dispatches'),
        envelopeJson(A, [B]),
        [{ name: nfd, bytes: validPdf }],
      );
      expect(response.status).toBe(202);
      const view = await asAgency(axis, A).get(`/dispatches/${response.body.dispatchId}`);
      expect(view.body.files.map((file: { fileName: string }) => file.fileName)).toEqual([nfc]);
    });
  });
});
