import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type request from 'supertest';
import { dateToEdxmlTimestamp } from '@docaxis/edxml/dates/edxml-dates';
import type { DispatchEnvelopeJson } from '@docaxis/edxml/envelope/dispatch-envelope.schema';
import { validateDispatchEnvelope } from '@docaxis/edxml/envelope/dispatch-envelope';
import {
  envelopeToEdxml,
  newDispatchTraceHeaderList,
  type EdxmlAttachmentInput,
} from '@docaxis/edxml/packet/edxml-envelope.mapping';
import type { EdxmlPacket, EdxmlTraceHeaderList } from '@docaxis/edxml/packet/edxml-packet';
import { buildEdxmlPacket } from '@docaxis/edxml/packet/edxml-packet.builder';
import { parseEdxmlPacket } from '@docaxis/edxml/packet/edxml-packet.parser';
import { verifyAxisTraceSignature } from '@docaxis/edxml/signature/axis-trace-signature';
import { EdxmlSigner } from '@docaxis/edxml/signature/edxml-signer';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { asAgency } from '@docaxis/testing/agency-client';
import { asBytes } from '@docaxis/testing/response-bytes';
import { attachDispatch, envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';
import { zipOfOneFile } from '@docaxis/testing/zip-of-one-file';
import { AXIS_TRACE_ORGAN_ID } from '../../apps/gateway/src/edxml/axis-trace-header';

const A = '000.00.00.G22'; // Văn phòng Chính phủ
const B = '000.00.00.H41'; // UBND tỉnh Nghệ An
const C = '000.00.14.H20'; // Sở TT&TT Đồng Tháp
const PARENT_H20 = '000.00.00.H20'; // UBND tỉnh Đồng Tháp, registered, with C below it
const UMBRELLA = '000.00.00.H08';
const UNITS_UNDER_UMBRELLA = ['000.00.01.H08', '000.00.02.H08'];

const FIXTURES = join(__dirname, '../../libs/edxml/test-fixtures');

/** A packet for `envelope` with `attachments` base64-embedded, as an agency's system writes it. */
function packetOf(
  envelope: DispatchEnvelopeJson,
  attachments: readonly EdxmlAttachmentInput[],
): EdxmlPacket {
  const validated = validateDispatchEnvelope(envelope);
  return envelopeToEdxml(validated, attachments, newDispatchTraceHeaderList(validated, new Date()));
}

function postPacket(axis: RunningAxis, sender: string, xml: string): request.Test {
  return asAgency(axis, sender)
    .post('/dispatches')
    .set('Content-Type', 'application/xml')
    .send(xml);
}

/** Issue "Speak the national standard": dispatches go in and come out as edXML packets. */
describe('edXML packets in and out of the gateway (all four apps, real RabbitMQ and PostgreSQL)', () => {
  let axis: RunningAxis;
  let pdf: Buffer;

  beforeAll(async () => {
    axis = await startAxis('edxml');
    // Two units whose umbrella (000.00.00.H08) has no system of its own on the axis.
    await new AgencyRepository(axis.db).upsertMany(
      UNITS_UNDER_UMBRELLA.map((code) => ({ code, name: `Đơn vị ${code}` })),
    );
    pdf = await signedDispatchPdf(axis.pki, A, {
      unsigned: { title: 'Công văn gửi bằng edXML', lines: ['Văn bản chính'] },
    });
  });

  afterAll(async () => {
    await axis?.stop();
  });

  async function storedRows() {
    const [row] = await axis.db.query(
      `SELECT (SELECT count(*)::int FROM dispatches) AS dispatches,
              (SELECT count(*)::int FROM dispatch_files) AS files,
              (SELECT count(*)::int FROM audit_records WHERE event_type = 'dispatch.refused') AS refusals`,
    );
    return { ...row, blobs: readdirSync(axis.env.BLOB_DIR!, { recursive: true }).length };
  }

  async function expectRefusalAuditedAndNothingStored(
    before: Awaited<ReturnType<typeof storedRows>>,
  ) {
    const after = await waitFor(
      storedRows,
      (rows) => rows.refusals > before.refusals,
      'the refusal in the audit trail',
    );
    expect(after).toEqual({ ...before, refusals: before.refusals + 1 });
    const [refusal] = await axis.db.query(
      `SELECT sender_code, payload FROM audit_records WHERE event_type = 'dispatch.refused' ORDER BY seq DESC LIMIT 1`,
    );
    expect(refusal.sender_code).toBe(A);
    expect(JSON.stringify(refusal.payload)).toContain('CONFIDENTIAL_DOCUMENT_REFUSED');
  }

  const pdfAttachment = (name = 'cong-van.pdf'): EdxmlAttachmentInput => ({
    attachmentName: name,
    description: 'Văn bản chính',
    contentType: 'application/pdf',
    content: pdf,
  });

  async function deliveredToAll(dispatchId: string) {
    return waitFor(
      async () => (await asAgency(axis, A).get(`/dispatches/${dispatchId}`)).body,
      (body) =>
        body.state === 'rejected' ||
        body.recipients?.every((r: { state: string }) => r.state === 'delivered'),
      'delivery of the edXML dispatch',
    );
  }

  describe('a whole packet (application/xml, PDF embedded in base64)', () => {
    let envelope: DispatchEnvelopeJson;
    let documentId: string;
    let dispatchId: string;

    it('is accepted like a JSON submission: 202, Location, the DocumentId of the packet', async () => {
      envelope = envelopeJson(A, [B, C]);
      const packet = packetOf(envelope, [pdfAttachment()]);
      documentId = packet.messageHeader.documentId as string;
      const response = await postPacket(axis, A, buildEdxmlPacket(packet)).set(
        'Idempotency-Key',
        'e2e-edxml-1',
      );
      expect(response.status).toBe(202);
      expect(response.body).toMatchObject({ state: 'accepted', replayed: false, documentId });
      expect(response.headers.location).toBe(`/api/v1/dispatches/${response.body.dispatchId}`);
      dispatchId = response.body.dispatchId;
    });

    it('is verified and delivered to both recipients, the PDF stored under its own name', async () => {
      const view = await deliveredToAll(dispatchId);
      expect(view.state).toBe('routed');
      expect(view.recipients.map((r: { agencyCode: string }) => r.agencyCode)).toEqual([B, C]);
      expect(view.files).toHaveLength(1);
      expect(view.files[0]).toMatchObject({ fileName: 'cong-van.pdf', sizeBytes: pdf.length });
      expect(view.files[0].verification.indication).toBe('TOTAL-PASSED');
    });

    it('reports the packet as unsigned beside the PDF reports (it carries no XML signature)', async () => {
      const view = (await asAgency(axis, A).get(`/dispatches/${dispatchId}`)).body;
      expect(view.envelopeSignature).toMatchObject({ status: 'unsigned' });
    });

    it('replays the same packet with the same Idempotency-Key as the same dispatch', async () => {
      const again = await postPacket(
        axis,
        A,
        buildEdxmlPacket(packetOf(envelope, [pdfAttachment()])),
      ).set('Idempotency-Key', 'e2e-edxml-1');
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ dispatchId, replayed: true });
    });

    it('H41 fetches it as edXML: same DocumentId, subject and byte-identical PDF, with the axis trace', async () => {
      const response = await asBytes(
        asAgency(axis, B).get(`/dispatches/${dispatchId}`).set('Accept', 'application/xml'),
      );
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      // The same URL answers JSON too: Accept chose, and a cache must know it.
      expect(response.headers.vary).toMatch(/(^|,\s*)Accept(\s*,|$)/);
      const packet = parseEdxmlPacket(response.body as Buffer);
      expect(packet.messageHeader.documentId).toBe(documentId);
      expect(packet.messageHeader.subject).toBe(envelope.subject);
      expect(packet.messageHeader.from.organId).toBe(A);
      expect(packet.messageHeader.to.map((to) => to.organId)).toEqual([B, C]);
      expect(packet.attachments).toHaveLength(1);
      expect(packet.attachments[0].attachmentName).toBe('cong-van.pdf');
      expect(packet.attachments[0].contentType).toBe('application/pdf');
      expect(packet.attachments[0].content.equals(pdf)).toBe(true);
      expect(packet.traceHeaderList?.traceHeaders.map((t) => t.organId)).toEqual([
        A,
        AXIS_TRACE_ORGAN_ID,
      ]);
      expect(packet.traceHeaderList?.business?.businessDocType).toBe('new');
      // The axis signs its own trace entry and the message header with its certificate.
      const served = (response.body as Buffer).toString('utf8');
      expect(verifyAxisTraceSignature(served, axis.pki.axis.certPem)).toEqual({ valid: true });
      const { timestamp } = packet.traceHeaderList!.traceHeaders[1];
      // The last occurrence: the sender's entry may carry the same second.
      const at = served.lastIndexOf(`>${timestamp}<`);
      expect(at).toBeGreaterThan(0);
      const backdated = `${served.slice(0, at)}>2020/01/01 00:00:00<${served.slice(at + timestamp.length + 2)}`;
      expect(verifyAxisTraceSignature(backdated, axis.pki.axis.certPem).valid).toBe(false);
    });

    it('still answers JSON by default', async () => {
      const response = await asAgency(axis, B).get(`/dispatches/${dispatchId}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body.documentId).toBe(documentId);
    });

    it('is not served to an agency that is not a party', async () => {
      const response = await asAgency(axis, '000.00.00.H14')
        .get(`/dispatches/${dispatchId}`)
        .set('Accept', 'application/xml');
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('DISPATCH_NOT_FOUND');
    });
  });

  describe('the domain sample dispatch-new.edxml, forwarded by a ministry axis, round-tripped', () => {
    const MINISTRY_AXIS = '000.00.01.G22'; // a unit's axis that forwarded the packet
    let sample: string;
    let dispatchId: string;

    it('is accepted and delivered', async () => {
      sample = readFileSync(join(FIXTURES, 'dispatch-new.edxml'), 'utf8')
        .replace('<!-- base64 of the signed PDF -->', pdf.toString('base64'))
        .replace(
          '</edXML:TraceHeader>',
          `</edXML:TraceHeader><edXML:TraceHeader><edXML:OrganId>${MINISTRY_AXIS}</edXML:OrganId><edXML:Timestamp>2026/11/20 09:00:07</edXML:Timestamp></edXML:TraceHeader>`,
        );
      const response = await postPacket(axis, A, sample);
      expect(response.status).toBe(202);
      dispatchId = response.body.dispatchId;
      expect((await deliveredToAll(dispatchId)).state).toBe('routed');
    });

    it("is served with the sender's own TraceHeader, the earlier hop and the axis' entry after them, its StaffInfo and Description", async () => {
      const response = await asBytes(
        asAgency(axis, B).get(`/dispatches/${dispatchId}`).set('Accept', 'application/xml'),
      );
      expect(response.status).toBe(200);
      const served = (response.body as Buffer).toString('utf8');
      // Valid per the reference: it parses as a message packet, and the axis' signature holds.
      const packet = parseEdxmlPacket(served);
      const sent = parseEdxmlPacket(sample);
      expect(verifyAxisTraceSignature(served, axis.pki.axis.certPem)).toEqual({ valid: true });
      expect(packet.messageHeader).toMatchObject({
        from: { organId: A },
        documentId: sent.messageHeader.documentId,
        code: sent.messageHeader.code,
        subject: sent.messageHeader.subject,
        signerInfo: sent.messageHeader.signerInfo,
      });
      const trace = packet.traceHeaderList!;
      expect(trace.traceHeaders.slice(0, -1)).toEqual([
        { organId: A, timestamp: '2026/11/20 09:00:00' },
        { organId: MINISTRY_AXIS, timestamp: '2026/11/20 09:00:07' },
      ]);
      expect(trace.traceHeaders.at(-1)!.organId).toBe(AXIS_TRACE_ORGAN_ID);
      expect(trace.business).toMatchObject({
        documentId: sent.messageHeader.documentId,
        businessDocType: 'new',
        staffInfo: {
          department: 'Phòng Văn thư - Lưu trữ',
          staff: 'Trần Thị B',
          email: 'vanthu@example.gov.vn',
          mobile: '0900000000',
        },
      });
      expect(packet.manifest?.references[0]).toMatchObject({
        attachmentName: '05-VPCP-KSTT.pdf',
        description: 'Văn bản chính',
      });
      expect(packet.attachments[0]).toMatchObject({
        attachmentName: '05-VPCP-KSTT.pdf',
        description: 'Văn bản chính',
      });
      expect(packet.attachments[0].content.equals(pdf)).toBe(true);
    });

    it('a JSON submission has no trace of its own: the sender at acceptance, then the axis, no StaffInfo', async () => {
      const submitted = await attachDispatch(
        asAgency(axis, A).post('/dispatches'),
        JSON.stringify(envelopeJson(A, [B])),
        [{ name: 'cong-van.pdf', bytes: pdf }],
      );
      expect(submitted.status).toBe(202);
      const { dispatchId: jsonId } = submitted.body;
      await deliveredToAll(jsonId);
      const response = await asBytes(
        asAgency(axis, B).get(`/dispatches/${jsonId}`).set('Accept', 'application/xml'),
      );
      const packet = parseEdxmlPacket(response.body as Buffer);
      const [acceptedAt] = await axis.db.query(`SELECT created_at FROM dispatches WHERE id = $1`, [
        jsonId,
      ]);
      expect(packet.traceHeaderList?.traceHeaders).toEqual([
        { organId: A, timestamp: dateToEdxmlTimestamp(acceptedAt.created_at) },
        { organId: AXIS_TRACE_ORGAN_ID, timestamp: expect.any(String) },
      ]);
      expect(packet.traceHeaderList?.business?.staffInfo).toBeUndefined();
      expect(packet.attachments[0].description).toBeUndefined();
    });
  });

  describe('a zipped attachment (application/zip)', () => {
    it('is unzipped: the PDF inside is verified, delivered and served under its own name', async () => {
      const zipped: EdxmlAttachmentInput = {
        attachmentName: 'cong-van.zip',
        description: 'Văn bản chính, nén',
        contentType: 'application/zip',
        content: zipOfOneFile('cong-van-nen.pdf', pdf),
      };
      const response = await postPacket(
        axis,
        A,
        buildEdxmlPacket(packetOf(envelopeJson(A, [B]), [zipped])),
      );
      expect(response.status).toBe(202);
      const view = await deliveredToAll(response.body.dispatchId);
      expect(view.state).toBe('routed');
      expect(view.files).toEqual([
        expect.objectContaining({ fileName: 'cong-van-nen.pdf', sizeBytes: pdf.length }),
      ]);
      expect(view.files[0].verification.indication).toBe('TOTAL-PASSED');
      const served = await asBytes(
        asAgency(axis, B)
          .get(`/dispatches/${response.body.dispatchId}`)
          .set('Accept', 'application/xml'),
      );
      const [attachment] = parseEdxmlPacket(served.body as Buffer).attachments;
      expect(attachment.contentType).toBe('application/pdf');
      expect(attachment.content.equals(pdf)).toBe(true);
    });

    it('a zip it cannot take one file from → 400 EDXML_ZIP_INVALID', async () => {
      const notAZip: EdxmlAttachmentInput = {
        attachmentName: 'cong-van.zip',
        contentType: 'application/zip',
        content: pdf,
      };
      const response = await postPacket(
        axis,
        A,
        buildEdxmlPacket(packetOf(envelopeJson(A, [B]), [notAZip])),
      );
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('EDXML_ZIP_INVALID');
    });
  });

  describe('a multipart submission whose envelope is a packet, the PDF as a "files" part', () => {
    it('matches the part to the manifest by file name and delivers it', async () => {
      const envelope = envelopeJson(A, [B]);
      // The manifest names the file; the bytes travel as a part, not in AttachmentEncoded.
      const packet = { ...packetOf(envelope, [pdfAttachment('phu-luc.pdf')]), attachments: [] };
      const response = await attachDispatch(
        asAgency(axis, A).post('/dispatches'),
        buildEdxmlPacket(packet),
        [{ name: 'phu-luc.pdf', bytes: pdf }],
      );
      expect(response.status).toBe(202);
      const view = await deliveredToAll(response.body.dispatchId);
      expect(view.state).toBe('routed');
      expect(view.envelope.subject).toBe(envelope.subject);
      expect(view.files.map((f: { fileName: string }) => f.fileName)).toEqual(['phu-luc.pdf']);
    });

    it('refuses a part the manifest does not name → 400 EDXML_ATTACHMENTS_MISMATCH', async () => {
      const packet = {
        ...packetOf(envelopeJson(A, [B]), [pdfAttachment('phu-luc.pdf')]),
        attachments: [],
      };
      const response = await attachDispatch(
        asAgency(axis, A).post('/dispatches'),
        buildEdxmlPacket(packet),
        [{ name: 'khac.pdf', bytes: pdf }],
      );
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('EDXML_ATTACHMENTS_MISMATCH');
    });
  });

  describe("a packet with the sender's XML signature", () => {
    const signedPacket = () =>
      new EdxmlSigner({
        certPem: axis.pki.agency(A).organization.certPem,
        keyPem: axis.pki.agency(A).organization.keyPem,
      }).sign(buildEdxmlPacket(packetOf(envelopeJson(A, [B]), [pdfAttachment()])));

    it('is verified with the trust store and reported beside the PDF signatures', async () => {
      const response = await postPacket(axis, A, signedPacket());
      expect(response.status).toBe(202);
      const view = await deliveredToAll(response.body.dispatchId);
      expect(view.envelopeSignature).toMatchObject({
        status: 'signed',
        indication: 'TOTAL-PASSED',
        signatureAlgorithm: 'RSA-SHA256',
        weakAlgorithm: false,
      });
      expect(JSON.stringify(view.envelopeSignature.signer)).toContain(A);
      expect(view.files[0].verification.indication).toBe('TOTAL-PASSED');
    });

    it('a packet changed after signing is accepted on its PDFs, its XML signature reported failed', async () => {
      const tampered = signedPacket().replace('<edXML:Subject>', '<edXML:Subject>Đã sửa: ');
      const response = await postPacket(axis, A, tampered);
      expect(response.status).toBe(202);
      const view = await deliveredToAll(response.body.dispatchId);
      expect(view.envelopeSignature).toMatchObject({
        status: 'signed',
        indication: 'TOTAL-FAILED',
        subIndication: 'HASH_FAILURE',
      });
    });
  });

  describe('a replacement packet (BussinessDocType 3 with ReplacementInfo)', () => {
    let originalId: string;
    let originalDocumentId: string;
    let replacementId: string;
    const reason = 'Sửa sai sót về trích yếu';

    it('replaces the document its ReplacementInfo names, with BussinessDocReason as the reason', async () => {
      const original = packetOf(envelopeJson(A, [B]), [pdfAttachment()]);
      originalDocumentId = original.messageHeader.documentId as string;
      const first = await postPacket(axis, A, buildEdxmlPacket(original));
      expect(first.status).toBe(202);
      originalId = first.body.dispatchId;
      const replacement = packetOf(
        envelopeJson(A, [B], { replaces: { documentId: originalDocumentId, reason } }),
        [pdfAttachment()],
      );
      expect(replacement.traceHeaderList?.business?.businessDocType).toBe('replace');
      const response = await postPacket(axis, A, buildEdxmlPacket(replacement));
      expect(response.status).toBe(202);
      replacementId = response.body.dispatchId;
      const view = (await asAgency(axis, A).get(`/dispatches/${replacementId}`)).body;
      expect(view.replaces).toEqual({
        dispatchId: originalId,
        documentId: originalDocumentId,
        reason,
      });
    });

    it('is served as a replacement, not as a new document', async () => {
      await deliveredToAll(replacementId);
      const response = await asBytes(
        asAgency(axis, B).get(`/dispatches/${replacementId}`).set('Accept', 'application/xml'),
      );
      expect(response.status).toBe(200);
      const business = parseEdxmlPacket(response.body as Buffer).traceHeaderList?.business;
      expect(business).toMatchObject({
        businessDocType: 'replace',
        businessDocReason: reason,
        replacementInfoList: [{ documentId: originalDocumentId, organIds: [B] }],
      });
    });
  });

  describe('addressing a parent agency', () => {
    it('delivers to the registered parent only, never fanned out to the units below it', async () => {
      const response = await postPacket(
        axis,
        A,
        buildEdxmlPacket(packetOf(envelopeJson(A, [PARENT_H20]), [pdfAttachment()])),
      );
      expect(response.status).toBe(202);
      const view = await deliveredToAll(response.body.dispatchId);
      expect(view.recipients.map((r: { agencyCode: string }) => r.agencyCode)).toEqual([
        PARENT_H20,
      ]);
      const inboxOfUnit = await asAgency(axis, C).get('/inbox');
      expect(
        inboxOfUnit.body.items.map((item: { dispatchId: string }) => item.dispatchId),
      ).not.toContain(response.body.dispatchId);
    });
  });

  describe('refusals', () => {
    /** A packet whose trace `change` rewrites, posted: its answer, once checked it stored nothing. */
    async function refusedWithTrace(
      change: (trace: EdxmlTraceHeaderList) => EdxmlTraceHeaderList,
    ): Promise<request.Response> {
      const packet = packetOf(envelopeJson(A, [B]), [pdfAttachment()]);
      const before = await storedRows();
      const response = await postPacket(
        axis,
        A,
        buildEdxmlPacket({ ...packet, traceHeaderList: change(packet.traceHeaderList!) }),
      );
      // Refusals of the tests before may still reach the audit trail: only rows are compared.
      const after = await storedRows();
      expect([after.dispatches, after.files]).toEqual([before.dispatches, before.files]);
      return response;
    }

    it('malformed XML → 400 EDXML_MALFORMED', async () => {
      const response = await postPacket(axis, A, '<edXML><edXMLEnvelope></edXML>');
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('EDXML_MALFORMED');
    });

    it('a DOCTYPE (XXE on /etc/passwd) → 400 EDXML_DOCTYPE_FORBIDDEN', async () => {
      const xxe = readFileSync(join(FIXTURES, 'dispatch-doctype-xxe.edxml'), 'utf8');
      const response = await postPacket(axis, A, xxe);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('EDXML_DOCTYPE_FORBIDDEN');
      expect(JSON.stringify(response.body)).not.toContain('root:');
    });

    it('a DOCTYPE in the envelope field of a multipart upload → 400 EDXML_DOCTYPE_FORBIDDEN', async () => {
      const xxe = readFileSync(join(FIXTURES, 'dispatch-doctype-xxe.edxml'), 'utf8');
      const response = await attachDispatch(asAgency(axis, A).post('/dispatches'), xxe, [
        { name: 'van-ban.pdf', bytes: pdf },
      ]);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('EDXML_DOCTYPE_FORBIDDEN');
    });

    it('a secret level in the packet → 422 CONFIDENTIAL_DOCUMENT_REFUSED, audited, nothing stored', async () => {
      const packet = packetOf(envelopeJson(A, [B], { confidentiality: 'secret' }), [
        pdfAttachment(),
      ]);
      expect(packet.messageHeader.otherInfo?.securityLevel).toBeDefined();
      const before = await storedRows();
      const response = await postPacket(axis, A, buildEdxmlPacket(packet));
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('CONFIDENTIAL_DOCUMENT_REFUSED');
      expect(response.body.error.message).toContain('độ mật "Tối mật"');
      await expectRefusalAuditedAndNothingStored(before);
    });

    it('the secret sample fixture (SecurityLevel 2, Tối mật) → 422, audited, nothing stored', async () => {
      const before = await storedRows();
      const secret = readFileSync(join(FIXTURES, 'dispatch-secret.edxml'), 'utf8');
      const response = await postPacket(axis, A, secret);
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('CONFIDENTIAL_DOCUMENT_REFUSED');
      await expectRefusalAuditedAndNothingStored(before);
    });

    it('an unregistered umbrella agency → 422 RECIPIENT_IS_UMBRELLA naming the agencies below it', async () => {
      const packet = packetOf(envelopeJson(A, [UMBRELLA]), [pdfAttachment()]);
      const response = await postPacket(axis, A, buildEdxmlPacket(packet)).set(
        'Accept-Language',
        'en',
      );
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({
        code: 'RECIPIENT_IS_UMBRELLA',
        details: { recipient: UMBRELLA, registeredBelow: UNITS_UNDER_UMBRELLA },
      });
      expect(response.body.error.message).toContain('address each intended recipient');
    });

    it('an unregistered code with nothing below it → 422 RECIPIENT_UNKNOWN', async () => {
      const packet = packetOf(envelopeJson(A, ['000.00.00.H99']), [pdfAttachment()]);
      const response = await postPacket(axis, A, buildEdxmlPacket(packet));
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('RECIPIENT_UNKNOWN');
    });

    it('a forged sender (From/OrganId is not the certificate agency) → 403 SENDER_MISMATCH', async () => {
      const packet = packetOf(envelopeJson(C, [B]), [pdfAttachment()]);
      const response = await postPacket(axis, A, buildEdxmlPacket(packet));
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('SENDER_MISMATCH');
    });

    it('an attachment that is not application/pdf → 415 FILE_NOT_PDF', async () => {
      const packet = packetOf(envelopeJson(A, [B]), [
        { ...pdfAttachment('bang-ke.docx'), contentType: 'application/msword' },
      ]);
      const response = await postPacket(axis, A, buildEdxmlPacket(packet));
      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('FILE_NOT_PDF');
    });

    it('a secret packet with a non-PDF attachment is refused as secret first, as in JSON', async () => {
      const packet = packetOf(envelopeJson(A, [B], { confidentiality: 'top-secret' }), [
        { ...pdfAttachment('bang-ke.docx'), contentType: 'application/msword' },
      ]);
      const response = await postPacket(axis, A, buildEdxmlPacket(packet));
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('CONFIDENTIAL_DOCUMENT_REFUSED');
    });

    it.each([
      ['recall', '1'],
      ['update', '2'],
    ] as const)(
      'a %s packet (BussinessDocType %s) is not taken for a new dispatch → 422 EDXML_BUSINESS_TYPE_UNSUPPORTED',
      async (businessDocType, _code) => {
        const response = await refusedWithTrace((trace) => ({
          ...trace,
          business: { ...trace.business!, businessDocType },
        }));
        expect(response.status).toBe(422);
        expect(response.body.error).toMatchObject({
          code: 'EDXML_BUSINESS_TYPE_UNSUPPORTED',
          details: { businessDocType },
        });
      },
    );

    it('a TraceHeaderList of 33 TraceHeaders → 422 EDXML_TRACE_TOO_LONG, nothing stored', async () => {
      const response = await refusedWithTrace((trace) => ({
        ...trace,
        traceHeaders: Array.from({ length: 33 }, () => trace.traceHeaders[0]),
      }));
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({
        code: 'EDXML_TRACE_TOO_LONG',
        details: { count: 33, maxEntries: 32 },
      });
    });

    it('an invalid envelope inside a well-formed packet → 400 ENVELOPE_INVALID', async () => {
      const sample = readFileSync(join(FIXTURES, 'dispatch-bad-date.edxml'), 'utf8');
      const response = await postPacket(axis, A, sample);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('ENVELOPE_INVALID');
    });
  });
});
