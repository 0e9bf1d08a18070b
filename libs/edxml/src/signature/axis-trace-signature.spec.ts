import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testPki } from '@docaxis/testing/test-pki';
import { testRunDir } from '@docaxis/testing/test-run';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { EDXML_NAMESPACE } from '@docaxis/edxml/packet/edxml-namespaces';
import { parseEdxmlPacket } from '@docaxis/edxml/packet/edxml-packet.parser';
import type { EdxmlPacket } from '@docaxis/edxml/packet/edxml-packet';
import { signServedPacket, verifyAxisTraceSignature } from './axis-trace-signature';
import { EdxmlSigner } from './edxml-signer';

const SAMPLE = readFileSync(join(__dirname, '../../test-fixtures/dispatch-new.edxml'), 'utf8');
const AXIS_TIMESTAMP = '2026/11/23 09:15:00';

/** The sample as the axis serves it: its trace plus the axis' entry, and a large attachment. */
function servedPacket(): EdxmlPacket {
  const packet = parseEdxmlPacket(SAMPLE);
  return {
    ...packet,
    traceHeaderList: {
      ...packet.traceHeaderList!,
      traceHeaders: [
        ...packet.traceHeaderList!.traceHeaders,
        { organId: '000.00.00.G22', timestamp: AXIS_TIMESTAMP },
      ],
    },
    attachments: [
      ...packet.attachments,
      {
        ...packet.attachments[0],
        attachmentName: 'phu-luc.pdf',
        content: Buffer.alloc(2 * 1024 * 1024, 7),
      },
    ],
  };
}

describe('the axis signature of a served packet', () => {
  let pki: DevPki;
  let signer: EdxmlSigner;
  let served: string;
  let workDir: string;

  beforeAll(async () => {
    pki = await testPki();
    signer = new EdxmlSigner({ certPem: pki.axis.certPem, keyPem: pki.axis.keyPem });
    workDir = mkdtempSync(join(testRunDir(), 'axis-trace-signature-'));
    served = signServedPacket(signer, servedPacket());
  });

  it('references the MessageHeader and the axis TraceHeader by Id, not the whole packet', () => {
    const references = [...served.matchAll(/<Reference URI="([^"]*)">/g)].map((m) => m[1]);
    expect(references).toHaveLength(2);
    expect(served).toMatch(new RegExp(`<edXML:MessageHeader Id="${references[0].slice(1)}">`));
    expect(served).toMatch(
      new RegExp(
        `<edXML:TraceHeader Id="${references[1].slice(1)}">\\s*<edXML:OrganId>000.00.00.G22</edXML:OrganId>\\s*<edXML:Timestamp>${AXIS_TIMESTAMP}<`,
      ),
    );
    expect(served).not.toContain('<Reference URI="">');
    expect(served.indexOf('<Signature')).toBeLessThan(served.indexOf('</edXML:edXMLHeader>'));
    // The attachments are in the packet, untouched by the splice.
    const parsed = parseEdxmlPacket(served);
    expect(parsed.attachments.map((a) => a.content.length)).toEqual(
      servedPacket().attachments.map((a) => a.content.length),
    );
    expect(parsed.traceHeaderList?.traceHeaders.at(-1)).toEqual({
      organId: '000.00.00.G22',
      timestamp: AXIS_TIMESTAMP,
    });
  });

  it('verifies with the axis certificate, and not with another agency certificate', () => {
    expect(verifyAxisTraceSignature(served, pki.axis.certPem)).toEqual({ valid: true });
    expect(
      verifyAxisTraceSignature(served, pki.agency('000.00.00.H41').organization.certPem),
    ).toMatchObject({ valid: false });
  });

  it('fails when the axis trace entry or the message header is changed', () => {
    const laterTrace = served.replace(`>${AXIS_TIMESTAMP}<`, '>2026/11/24 09:15:00<');
    expect(laterTrace).not.toBe(served);
    expect(verifyAxisTraceSignature(laterTrace, pki.axis.certPem)).toEqual({
      valid: false,
      reason: expect.any(String),
    });
    const otherSubject = served.replace('V/v thử nghiệm gửi', 'V/v thử nghiệm GỬI');
    expect(otherSubject).not.toBe(served);
    expect(verifyAxisTraceSignature(otherSubject, pki.axis.certPem).valid).toBe(false);
  });

  it('fails when a later trace entry is appended after the signed one (wrapping)', () => {
    const extra = served.replace(
      /(<edXML:TraceHeader Id="[^"]+">.*?<\/edXML:TraceHeader>)/s,
      '$1<edXML:TraceHeader><edXML:OrganId>000.00.00.H41</edXML:OrganId><edXML:Timestamp>2026/11/24 00:00:00</edXML:Timestamp></edXML:TraceHeader>',
    );
    expect(extra).not.toBe(served);
    expect(verifyAxisTraceSignature(extra, pki.axis.certPem)).toMatchObject({
      valid: false,
      reason: 'the references are not the MessageHeader and the last TraceHeader',
    });
  });

  it('fails when a copy of a signed element with the same Id is planted elsewhere', () => {
    const signedTrace = /<edXML:TraceHeader Id="[^"]+">.*?<\/edXML:TraceHeader>/s.exec(served)![0];
    const planted = served.replace(
      '<edXML:edXMLBody>',
      `<edXML:edXMLBody><edXML:Extra>${signedTrace}</edXML:Extra>`,
    );
    expect(planted).not.toBe(served);
    expect(verifyAxisTraceSignature(planted, pki.axis.certPem)).toEqual({
      valid: false,
      reason: expect.stringMatching(/same value for the ID/),
    });
  });

  it('is verified by xmlsec1 (an independent XML-DSig) against the root, and refused when tampered', () => {
    const file = join(workDir, 'served.xml');
    const verify = () => {
      try {
        execFileSync(
          'xmlsec1',
          [
            '--verify',
            '--id-attr:Id',
            `${EDXML_NAMESPACE}:MessageHeader`,
            '--id-attr:Id',
            `${EDXML_NAMESPACE}:TraceHeader`,
            '--trusted-pem',
            pki.root.certPath,
            '--untrusted-pem',
            pki.issuing.certPath,
            file,
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        return true;
      } catch {
        return false;
      }
    };
    writeFileSync(file, served);
    expect(verify()).toBe(true);
    writeFileSync(file, served.replace(`>${AXIS_TIMESTAMP}<`, '>2026/11/24 09:15:00<'));
    expect(verify()).toBe(false);
  });
});
