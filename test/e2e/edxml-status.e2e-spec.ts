import type request from 'supertest';
import { validateDispatchEnvelope } from '@docaxis/edxml/envelope/dispatch-envelope';
import type { DispatchEnvelopeJson } from '@docaxis/edxml/envelope/dispatch-envelope.schema';
import {
  envelopeToEdxml,
  newDispatchTraceHeaderList,
} from '@docaxis/edxml/packet/edxml-envelope.mapping';
import type { EdxmlPacket, EdxmlStatus } from '@docaxis/edxml/packet/edxml-packet';
import { buildEdxmlPacket, buildEdxmlStatus } from '@docaxis/edxml/packet/edxml-packet.builder';
import { parseEdxmlPacket, parseEdxmlStatus } from '@docaxis/edxml/packet/edxml-packet.parser';
import { EdxmlSignatureVerifier } from '@docaxis/edxml/signature/edxml-signature-verifier';
import { EdxmlSigner } from '@docaxis/edxml/signature/edxml-signer';
import { CrlRevocationChecker } from '@docaxis/signature/revocation/crl-revocation-checker';
import { DirectoryCrlSource } from '@docaxis/signature/revocation/directory-crl-source';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { TrustStore } from '@docaxis/signature/trust/trust-store';
import { asAgency } from '@docaxis/testing/agency-client';
import { asBytes } from '@docaxis/testing/response-bytes';
import { envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';
import { AXIS_TRACE_ORGAN_ID } from '../../apps/gateway/src/edxml/axis-trace-header';
import { devPkiTrustDirectories } from '@docaxis/signature/testing/dev-pki-verifier';

const A = '000.00.00.G22'; // Văn phòng Chính phủ, the sender
const B = '000.00.00.H41'; // UBND tỉnh Nghệ An, the recipient
const C = '000.00.14.H20'; // not a party
const PROVINCIAL_AXIS = '000.00.01.H41'; // B's own axis, which forwards its packets
/** The trace of B's 03 packet: B's system, then its province's axis. */
const THROUGH_PROVINCIAL_AXIS = [
  { organId: B, timestamp: '2026/11/20 09:01:00' },
  { organId: PROVINCIAL_AXIS, timestamp: '2026/11/20 09:01:05' },
];

/**
 * Issue "Speak the national standard", status messages: a dispatch goes from A to B in edXML,
 * B answers with edXML status packets, A reads them back as edXML signed by the axis.
 */
describe('edXML status messages over the API (all apps, real RabbitMQ and PostgreSQL)', () => {
  let axis: RunningAxis;
  let dispatchId: string;
  let received: ReturnType<typeof parseEdxmlPacket>;
  let noticeIds: string[] = [];

  beforeAll(async () => {
    axis = await startAxis('edxml-status');
  });

  afterAll(async () => {
    await axis?.stop();
  });

  /** The status packet B's document system writes for the packet it received. */
  function statusFor(
    code: string,
    overrides: Partial<EdxmlStatus> = {},
    header = received.messageHeader,
  ): string {
    return buildEdxmlStatus({
      from: { organId: B, organName: 'UBND tỉnh Nghệ An' },
      responseFor: {
        organId: header.from.organId,
        code: `${header.code.codeNumber}/${header.code.codeNotation}`,
        promulgationDate: header.promulgationInfo.promulgationDate,
        documentId: header.documentId!,
      },
      staffInfo: { department: 'Văn phòng UBND tỉnh', staff: 'Lê Văn C' },
      statusCode: code as EdxmlStatus['statusCode'],
      description: `Trạng thái ${code}`,
      timestamp: `2026/11/20 09:0${noticeIds.length}:00`,
      ...overrides,
    });
  }

  /** A document's MessageHeader put beside `Status`: a packet that is a message and a status. */
  function withMessageHeader(xml: string): string {
    const header = buildEdxmlPacket(received);
    const messageHeader = header.slice(
      header.indexOf('<edXML:MessageHeader>'),
      header.indexOf('</edXML:MessageHeader>') + '</edXML:MessageHeader>'.length,
    );
    return xml.replace('<edXML:Status>', `${messageHeader}<edXML:Status>`);
  }

  function postStatus(agency: string, xml: string, id = dispatchId): request.Test {
    return asAgency(axis, agency)
      .post(`/dispatches/${id}/status`)
      .set('Content-Type', 'application/xml')
      .send(xml);
  }

  /** A sends a dispatch to B as an edXML packet; B fetches it, delivered, as edXML. */
  async function sendToB(
    json: DispatchEnvelopeJson,
  ): Promise<{ id: string; sentDocumentId?: string; fetched: EdxmlPacket }> {
    const pdf = await signedDispatchPdf(axis.pki, A, {
      unsigned: { title: 'Công văn chờ trạng thái', lines: ['Văn bản chính'] },
    });
    const envelope = validateDispatchEnvelope(json);
    const packet = envelopeToEdxml(
      envelope,
      [{ attachmentName: 'cong-van.pdf', contentType: 'application/pdf', content: pdf }],
      newDispatchTraceHeaderList(envelope, new Date()),
    );
    const submitted = await asAgency(axis, A)
      .post('/dispatches')
      .set('Content-Type', 'application/xml')
      .send(buildEdxmlPacket(packet));
    expect(submitted.status).toBe(202);
    const id: string = submitted.body.dispatchId;
    await waitFor(
      async () => (await asAgency(axis, A).get(`/dispatches/${id}`)).body,
      (view) => view.recipients?.[0]?.state === 'delivered',
      'delivery to B',
    );
    const fetched = await asBytes(
      asAgency(axis, B).get(`/dispatches/${id}`).set('Accept', 'application/xml'),
    );
    expect(fetched.status).toBe(200);
    return {
      id,
      sentDocumentId: packet.messageHeader.documentId,
      fetched: parseEdxmlPacket(fetched.body as Buffer),
    };
  }

  it('A sends a dispatch to B as an edXML packet; B fetches it as edXML', async () => {
    const sent = await sendToB(envelopeJson(A, [B]));
    dispatchId = sent.id;
    received = sent.fetched;
    expect(received.messageHeader.documentId).toBe(sent.sentDocumentId);
  });

  it('B posts "Đã đến" (01) as a status packet → 201, recorded like the JSON notice', async () => {
    const response = await postStatus(B, statusFor('01'));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ code: '01', recipientCode: B, addresseeCode: A });
    noticeIds.push(response.body.id);
  });

  it('the same packet again is a replay of the same notice (200)', async () => {
    noticeIds = noticeIds.slice(0, 1);
    const again = await postStatus(B, statusFor('01', { timestamp: '2026/11/20 09:00:00' }));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(noticeIds[0]);
  });

  it('B posts "Đã tiếp nhận" (03) as edXML, through its own axis (a TraceHeaderList); "Hoàn thành" cannot jump ahead of the state machine', async () => {
    const accepted = await postStatus(
      B,
      statusFor('03', {
        traceHeaderList: { traceHeaders: THROUGH_PROVINCIAL_AXIS },
      }),
    );
    expect(accepted.status).toBe(201);
    noticeIds.push(accepted.body.id);
    const refused = await postStatus(B, statusFor('01'));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('STATUS_TRANSITION_INVALID');
  });

  it.each([
    [
      'a packet from another agency',
      () => postStatus(B, statusFor('04', { from: { organId: C } })),
      403,
      'SENDER_MISMATCH',
    ],
    [
      'a packet answering another document',
      () =>
        postStatus(
          B,
          statusFor('04', {
            responseFor: {
              organId: A,
              code: '01/VPCP-KSTT',
              promulgationDate: '2026/01/02',
              documentId: `${A},2026/01/02,01/VPCP-KSTT`,
            },
          }),
        ),
      422,
      'EDXML_STATUS_DISPATCH_MISMATCH',
    ],
    [
      'an unknown status code',
      () =>
        postStatus(B, statusFor('04').replace('<edXML:StatusCode>04<', '<edXML:StatusCode>07<')),
      400,
      'EDXML_STRUCTURE_INVALID',
    ],
    [
      // A valid next status (04 after 03): accepted, it would be a third notice in A's inbox.
      'a packet carrying document content (edXMLBody, AttachmentEncoded)',
      () =>
        postStatus(
          B,
          statusFor('04')
            .replace(
              '</edXML:edXMLHeader>',
              '</edXML:edXMLHeader><edXML:edXMLBody><edXML:edXMLManifest version="1.0"><edXML:Reference><edXML:ContentId>cid:1</edXML:ContentId><edXML:AttachmentName>kem-theo.pdf</edXML:AttachmentName></edXML:Reference></edXML:edXMLManifest></edXML:edXMLBody>',
            )
            .replace(
              '</edXML:edXMLEnvelope>',
              '</edXML:edXMLEnvelope><AttachmentEncoded><Attachment><ContentId>cid:1</ContentId><AttachmentName>kem-theo.pdf</AttachmentName><ContentType>application/pdf</ContentType><ContentTransferEncoded>JVBERi0xLjQK</ContentTransferEncoded></Attachment></AttachmentEncoded>',
            ),
        ),
      422,
      'EDXML_STATUS_BODY_FORBIDDEN',
    ],
    [
      // A valid next status (04 after 03): accepted, the MessageHeader was dropped unseen.
      'a packet with a MessageHeader beside Status',
      () => postStatus(B, withMessageHeader(statusFor('04'))),
      400,
      'EDXML_STRUCTURE_INVALID',
    ],
    [
      // A valid next status (04 after 03) through an absurd number of systems: not recorded.
      'a TraceHeaderList of 33 TraceHeaders',
      () =>
        postStatus(
          B,
          statusFor('04', {
            traceHeaderList: {
              traceHeaders: Array.from({ length: 33 }, () => THROUGH_PROVINCIAL_AXIS[0]),
            },
          }),
        ),
      422,
      'EDXML_TRACE_TOO_LONG',
    ],
    ['malformed XML', () => postStatus(B, '<edXML><edXMLEnvelope>'), 400, 'EDXML_MALFORMED'],
    [
      'a DOCTYPE (external entity)',
      () =>
        postStatus(
          B,
          statusFor('04').replace(
            '<edXML ',
            '<!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><edXML ',
          ),
        ),
      400,
      'EDXML_DOCTYPE_FORBIDDEN',
    ],
    [
      'a packet nested 10 000 elements deep',
      () => postStatus(B, `<edXML>${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</edXML>`),
      400,
      'EDXML_TOO_DEEP',
    ],
    [
      'a packet in another namespace',
      () => postStatus(B, statusFor('04').replaceAll('QCVN_102_2016', 'QCVN_102_2015')),
      400,
      'EDXML_NAMESPACE_INVALID',
    ],
    [
      "a ResponseFor whose DocumentId is this dispatch's but whose OrganId is another agency's",
      () =>
        postStatus(
          B,
          statusFor('04', {
            responseFor: {
              organId: C,
              code: `${received.messageHeader.code.codeNumber}/${received.messageHeader.code.codeNotation}`,
              promulgationDate: received.messageHeader.promulgationInfo.promulgationDate,
              documentId: received.messageHeader.documentId!,
            },
          }),
        ),
      400,
      'EDXML_STRUCTURE_INVALID',
    ],
    [
      'a status from an agency that never got the dispatch',
      () => postStatus(C, statusFor('01', { from: { organId: C } })),
      404,
      'DISPATCH_NOT_FOUND',
    ],
  ])('refuses %s', async (_, send, status, code) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it("A finds B's status messages in its inbox and fetches each as an edXML status packet signed by the axis", async () => {
    const inbox = await waitFor(
      async () => (await asAgency(axis, A).get('/inbox')).body,
      (body) => body.items?.filter((i: { kind: string }) => i.kind === 'status').length === 2,
      'two status messages in the sender inbox',
    );
    const inInbox = inbox.items
      .filter((i: { kind: string }) => i.kind === 'status')
      .map((i: { notice: { id: string } }) => i.notice.id);
    expect(inInbox).toEqual(noticeIds);

    const verifier = new EdxmlSignatureVerifier({
      trustStore: await TrustStore.fromDirectories(devPkiTrustDirectories(axis.pki)),
      revocation: new CrlRevocationChecker([await DirectoryCrlSource.load(axis.pki.crlDir)]),
    });
    for (const [index, noticeId] of noticeIds.entries()) {
      const response = await asBytes(
        asAgency(axis, A)
          .get(`/dispatches/${dispatchId}/status/${noticeId}`)
          .set('Accept', 'application/xml'),
      );
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      const xml = (response.body as Buffer).toString('utf8');
      const status = parseEdxmlStatus(xml);
      expect(status).toMatchObject({
        from: { organId: B },
        responseFor: { organId: A, documentId: received.messageHeader.documentId },
        statusCode: ['01', '03'][index],
        description: `Trạng thái ${['01', '03'][index]}`,
        staffInfo: { department: 'Văn phòng UBND tỉnh', staff: 'Lê Văn C' },
        timestamp: `2026/11/20 09:0${index}:00`,
      });
      const trace = status.traceHeaderList?.traceHeaders ?? [];
      if (index === 0) {
        // A packet without a trace: the author's entry when the axis recorded it, then the axis'.
        expect(trace.map((entry) => entry.organId)).toEqual([B, AXIS_TRACE_ORGAN_ID]);
        expect(trace[0].timestamp <= trace[1].timestamp).toBe(true);
      } else {
        // The trace the packet came with (B's own time, its provincial axis), then the axis'.
        expect(trace.slice(0, -1)).toEqual(THROUGH_PROVINCIAL_AXIS);
        expect(trace.map((entry) => entry.organId)).toEqual([
          B,
          PROVINCIAL_AXIS,
          AXIS_TRACE_ORGAN_ID,
        ]);
      }
      expect(xml.indexOf('</edXML:Status>')).toBeLessThan(xml.indexOf('<edXML:TraceHeaderList>'));
      expect(xml.indexOf('</edXML:TraceHeaderList>')).toBeLessThan(xml.indexOf('<Signature'));
      const report = await verifier.verify(xml);
      expect(report).toMatchObject({ status: 'signed', indication: 'TOTAL-PASSED' });
      expect(JSON.stringify(report)).toContain('docaxis axis signing');
    }
  });

  it('POST /dispatches refuses a packet with both MessageHeader and Status, naming the MessageHeader', async () => {
    const response = await asAgency(axis, B)
      .post('/dispatches')
      .set('Content-Type', 'application/xml')
      .send(withMessageHeader(statusFor('04')));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('EDXML_STRUCTURE_INVALID');
    expect(response.body.error.details.issues).toEqual([
      expect.objectContaining({ path: 'MessageHeader', code: 'ELEMENT_UNEXPECTED' }),
    ]);
  });

  it('the author may read its own notice; an agency that is no party may not', async () => {
    const own = await asAgency(axis, B).get(`/dispatches/${dispatchId}/status/${noticeIds[0]}`);
    expect(own.status).toBe(200);
    const stranger = await asAgency(axis, C).get(
      `/dispatches/${dispatchId}/status/${noticeIds[0]}`,
    );
    expect(stranger.status).toBe(404);
    const unknown = await asAgency(axis, A).get(
      `/dispatches/${dispatchId}/status/0190f3a0-0000-7000-8000-000000000001`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('STATUS_NOTICE_NOT_FOUND');
  });

  // Last: its notice lands in A's inbox, which the test above counts.
  it('a ResponseFor written in decomposed Unicode (NFD) answers its dispatch as in NFC: the same notice', async () => {
    // A notation with a letter that decomposes (Ă = A + breve), so the DocumentId has two spellings.
    const json = envelopeJson(A, [B]);
    const sent = await sendToB({ ...json, code: { ...json.code, codeNotation: 'VPCP-VĂN' } });
    const packet = statusFor(
      '01',
      { timestamp: '2026/11/20 10:00:00' },
      sent.fetched.messageHeader,
    );
    const decomposed = packet.normalize('NFD');
    expect(decomposed).not.toBe(packet);
    const first = await postStatus(B, decomposed, sent.id);
    expect(first.status).toBe(201);
    const again = await postStatus(B, packet.normalize('NFC'), sent.id);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  /**
   * A status packet's own XML signature is verified as a dispatch packet's and recorded with the
   * notice, reported and not judged (it was neither verified nor kept). On a dispatch of its own,
   * after the tests above count A's inbox.
   */
  describe("a status packet's own XML signature", () => {
    let sent: Awaited<ReturnType<typeof sendToB>>;
    const posted: Record<string, { id: string; envelopeSignature: unknown }> = {};

    beforeAll(async () => {
      sent = await sendToB(envelopeJson(A, [B]));
    });

    const signedBy = (agency: string, xml: string) =>
      new EdxmlSigner({
        certPem: axis.pki.agency(agency).organization.certPem,
        keyPem: axis.pki.agency(agency).organization.keyPem,
      }).sign(xml);
    const packetFor = (code: string, minute: number) =>
      statusFor(code, { timestamp: `2026/11/21 08:${minute}:00` }, sent.fetched.messageHeader);
    /** Posts the packet, which must be recorded (201); answers the signature recorded with it. */
    async function recordedSignature(code: string, xml: string): Promise<unknown> {
      const response = await postStatus(B, xml, sent.id);
      expect(response.status).toBe(201);
      posted[code] = response.body;
      return response.body.envelopeSignature;
    }

    it('signed by the author → recorded TOTAL-PASSED, signedByAuthor', async () => {
      expect(await recordedSignature('01', signedBy(B, packetFor('01', 10)))).toMatchObject({
        status: 'signed',
        indication: 'TOTAL-PASSED',
        signatureAlgorithm: 'RSA-SHA256',
        signer: { agencyCode: B },
        signedByAuthor: true,
      });
    });

    it('changed after signing → recorded, its signature TOTAL-FAILED / HASH_FAILURE (not refused)', async () => {
      const tampered = signedBy(B, packetFor('03', 11)).replace(
        '<edXML:Description>',
        '<edXML:Description>Đã sửa: ',
      );
      expect(await recordedSignature('03', tampered)).toMatchObject({
        status: 'signed',
        indication: 'TOTAL-FAILED',
        subIndication: 'HASH_FAILURE',
      });
    });

    it("signed with another agency's certificate → recorded, signedByAuthor false", async () => {
      expect(await recordedSignature('04', signedBy(C, packetFor('04', 12)))).toMatchObject({
        status: 'signed',
        indication: 'TOTAL-PASSED',
        signer: { agencyCode: C },
        signedByAuthor: false,
      });
    });

    it('unsigned → recorded as unsigned; a JSON notice has none', async () => {
      expect(await recordedSignature('05', packetFor('05', 13))).toEqual({
        status: 'unsigned',
        validationTime: expect.any(String),
      });
      const json = await asAgency(axis, B)
        .post(`/dispatches/${sent.id}/status`)
        .send({ code: '06' });
      expect(json.status).toBe(201);
      expect(json.body.envelopeSignature).toBeNull();
      posted['06'] = json.body;
    });

    it('the sender reads each verdict in its inbox, on the dispatch, and in the audit trail', async () => {
      const codes = ['01', '03', '04', '05', '06'];
      const inbox = await waitFor(
        async () => (await asAgency(axis, A).get('/inbox?limit=100')).body,
        (body) =>
          body.items?.filter(
            (i: { kind: string; dispatchId: string }) =>
              i.kind === 'status' && i.dispatchId === sent.id,
          ).length === codes.length,
        'the five notices in the sender inbox',
      );
      const inInbox = inbox.items.filter(
        (i: { kind: string; dispatchId: string }) =>
          i.kind === 'status' && i.dispatchId === sent.id,
      );
      const view = (await asAgency(axis, A).get(`/dispatches/${sent.id}`)).body;
      for (const [index, code] of codes.entries()) {
        expect(inInbox[index].notice.envelopeSignature).toEqual(posted[code].envelopeSignature);
        expect(view.notices[index].envelopeSignature).toEqual(posted[code].envelopeSignature);
      }
      const trail = await waitFor(
        async () => (await asAgency(axis, A).get(`/dispatches/${sent.id}/trail`)).body,
        (body) =>
          body.entries?.filter((e: { eventType: string }) => e.eventType === 'status.noticed')
            .length === codes.length,
        'five status.noticed in the trail',
      );
      const noticed = trail.entries
        .filter((e: { eventType: string }) => e.eventType === 'status.noticed')
        .map((e: { details: { body: Record<string, unknown> } }) => e.details.body);
      expect(noticed.map((body: Record<string, unknown>) => body.envelopeSignature)).toEqual([
        { status: 'signed', indication: 'TOTAL-PASSED', signerAgencyCode: B, signedByAuthor: true },
        {
          status: 'signed',
          indication: 'TOTAL-FAILED',
          subIndication: 'HASH_FAILURE',
          signerAgencyCode: B,
          signedByAuthor: true,
        },
        {
          status: 'signed',
          indication: 'TOTAL-PASSED',
          signerAgencyCode: C,
          signedByAuthor: false,
        },
        { status: 'unsigned' },
        undefined,
      ]);
    });
  });
});
