import { X509Certificate } from 'node:crypto';
import type { Element as XmlDomElement } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { EDXML_NAMESPACE, XMLDSIG_NAMESPACE } from '@docaxis/edxml/packet/edxml-namespaces';
import { buildEdxmlPacket } from '@docaxis/edxml/packet/edxml-packet.builder';
import type { EdxmlPacket } from '@docaxis/edxml/packet/edxml-packet';
import type { EdxmlSigner } from './edxml-signer';
import {
  childElements,
  onlyChildElement,
  parseSignedXml,
  XML_DECLARATION,
} from './signed-xml-document';

const HEADER_OPEN = '<edXML:edXMLHeader>';
const HEADER_CLOSE = '</edXML:edXMLHeader>';

/**
 * A packet the axis serves, with its own trace entry and the message header signed by the axis.
 *
 * Why this shape: QCVN 102's signature (`Reference URI=""`, enveloped) covers the whole packet,
 * base64 attachments included, so signing it on every read costs a full parse and digest of tens
 * of MB. XML-DSig lets a Reference name one element by its Id instead (`URI="#_0"`), so the axis
 * signs two same-document references — the `MessageHeader` (what was sent, to whom) and its own,
 * last `TraceHeader` (who handed it over, when) — with exclusive c14n, which makes each digest
 * depend on that subtree only. The signature is therefore computed over the header-only packet
 * (attachments left out) and that signed header is spliced into the full packet unchanged: the
 * digests stay valid and the cost does not grow with the attachments. The axis' signature is a
 * second, detached-in-document signature, not QCVN 102's enveloped one: the sender's own signature
 * cannot be carried in a served packet anyway (the packet is rebuilt from the stored envelope, so
 * its bytes differ from what the sender signed); the sender's signature is verified and reported
 * at submission instead.
 */
export function signServedPacket(signer: EdxmlSigner, packet: EdxmlPacket): string {
  const full = buildEdxmlPacket(packet);
  const signedHeader = headerOf(
    signer.signReferences(buildEdxmlPacket({ ...packet, attachments: [] }), [
      MESSAGE_HEADER_XPATH,
      LAST_TRACE_HEADER_XPATH,
    ]),
  );
  const { start, end } = headerBounds(full);
  return full.slice(0, start) + signedHeader + full.slice(end);
}

const MESSAGE_HEADER_XPATH = edxmlPath('edXMLEnvelope', 'edXMLHeader', 'MessageHeader');
const LAST_TRACE_HEADER_XPATH = `${edxmlPath('edXMLEnvelope', 'edXMLHeader', 'TraceHeaderList', 'TraceHeader')}[last()]`;

function edxmlPath(...names: string[]): string {
  return `/*${names.map((name) => `/*[local-name(.)='${name}' and namespace-uri(.)='${EDXML_NAMESPACE}']`).join('')}`;
}

function headerBounds(xml: string): { start: number; end: number } {
  const start = xml.indexOf(HEADER_OPEN);
  const close = xml.indexOf(HEADER_CLOSE);
  if (start < 0 || close < start) throw new Error('the packet has no edXML:edXMLHeader');
  return { start, end: close + HEADER_CLOSE.length };
}

function headerOf(xml: string): string {
  const { start, end } = headerBounds(xml);
  return xml.slice(start, end);
}

/** Whether the axis' signature of a served packet holds, and if not, why. */
export type AxisTraceSignatureCheck = { valid: true } | { valid: false; reason: string };

/**
 * Verifies the axis' signature of a served packet with the axis certificate (pinned: KeyInfo is
 * not trusted). Beyond the cryptography it checks that the two references are exactly the
 * packet's `MessageHeader` and its last `TraceHeader` in place, so a signed element moved
 * elsewhere (signature wrapping) does not pass. Never throws.
 */
export function verifyAxisTraceSignature(
  packet: Buffer | string,
  axisCertPem: string,
): AxisTraceSignatureCheck {
  const xml = typeof packet === 'string' ? packet : packet.toString('utf8');
  try {
    if (XML_DECLARATION.test(xml)) return invalid('the document declares a DOCTYPE or ENTITY');
    const document = parseSignedXml(xml);
    const signatures = Array.from(document.getElementsByTagNameNS(XMLDSIG_NAMESPACE, 'Signature'));
    if (signatures.length !== 1) return invalid(`${signatures.length} XML signatures, expected 1`);
    const header = child(
      child(document.documentElement ?? undefined, 'edXMLEnvelope'),
      'edXMLHeader',
    );
    const messageHeader = child(header, 'MessageHeader');
    const traces = children(child(header, 'TraceHeaderList'), 'TraceHeader');
    const expected = [messageHeader, traces.at(-1)].map((element) => element?.getAttribute('Id'));
    const uris = Array.from(
      signatures[0].getElementsByTagNameNS(XMLDSIG_NAMESPACE, 'Reference'),
    ).map((reference) => reference.getAttribute('URI') ?? '');
    if (
      expected.some((id) => !id) ||
      uris.length !== 2 ||
      uris[0] !== `#${expected[0]}` ||
      uris[1] !== `#${expected[1]}`
    ) {
      return invalid('the references are not the MessageHeader and the last TraceHeader');
    }
    const signed = new SignedXml({
      publicCert: new X509Certificate(axisCertPem).publicKey.export({
        type: 'spki',
        format: 'pem',
      }),
      getCertFromKeyInfo: () => null,
    });
    signed.loadSignature(signatures[0]);
    // checkSignature also refuses an Id that occurs twice in the document.
    return signed.checkSignature(xml) ? { valid: true } : invalid('a reference digest differs');
  } catch (error) {
    return invalid((error as Error).message.slice(0, 200));
  }
}

function invalid(reason: string): AxisTraceSignatureCheck {
  return { valid: false, reason };
}

function children(parent: XmlDomElement | undefined, localName: string): XmlDomElement[] {
  return childElements(parent, EDXML_NAMESPACE, localName);
}

function child(parent: XmlDomElement | undefined, localName: string): XmlDomElement | undefined {
  return onlyChildElement(parent, EDXML_NAMESPACE, localName);
}
