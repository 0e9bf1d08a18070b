import fc from 'fast-check';
import {
  ASN1_TAG,
  contextConstructed,
  readAsn1,
  type Asn1Node,
} from '@docaxis/signature/cms/asn1-reader';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { findRevisionEnds } from '@docaxis/signature/pdf/revision-boundaries';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { sha256Hex } from '@docaxis/signature/trust/parsed-certificate';
import { generateSpecDevPki } from './dev-pki-spec-fixture';
import type { PdfSignatureVerifier } from './pdf-signature-verifier';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';

/**
 * Where one signature's /Contents lies and which of its DER bytes are cryptographically bound.
 * A flip may leave a verdict of TOTAL-PASSED only when it lands in the last signature's
 * /Contents gap (every other byte is signed by some signature) and either decodes to the same
 * byte (hex letter case), or lies in the zero padding after the DER, or changes a DER byte that
 * nothing binds: framing, versions, other certificates of the set, and the SignerInfo's `sid`
 * (a locator: a changed one finds no certificate, or — names compare case-insensitively, as RFC
 * 5280 says — the same one). Bound are the signed attributes, the digest and signature
 * algorithms, the signature value and the signer's certificate. Any pass after an unbound flip
 * must still name the very same signer certificates.
 */
interface SignatureLayout {
  byteRange: readonly number[];
  digitsStart: number; // offset of the first hex digit
  digitsEnd: number; // offset of '>'
  der: Buffer;
  boundSpans: [number, number][]; // DER byte index ranges: SignerInfo, signer certificate
}

function layoutOf(
  pdf: Buffer,
  byteRange: readonly number[],
  signerFingerprint: string,
): SignatureLayout {
  const [a, b, c] = byteRange;
  const digitsStart = a + b + 1;
  const digitsEnd = c - 1;
  const decoded = Buffer.from(pdf.toString('latin1', digitsStart, digitsEnd), 'hex');
  const root = readAsn1(decoded);
  const der = decoded.subarray(0, root.end);
  const signedData = root.children[1].children[0];
  const certificates = signedData.children.find((n) => n.tag === contextConstructed(0));
  const signerInfos = signedData.children[signedData.children.length - 1];
  const span = (node: Asn1Node): [number, number] => [node.start, node.end];
  const signerCertificate = (certificates?.children ?? []).find(
    (node) => sha256Hex(der.subarray(node.start, node.end)) === signerFingerprint,
  );
  expect(signerInfos.tag).toBe(ASN1_TAG.set);
  expect(signerCertificate).toBeDefined();
  // SignerInfo: version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature, [1]?
  const bound = signerInfos.children[0].children
    .slice(2)
    .filter((node) => node.tag !== contextConstructed(1));
  return {
    byteRange,
    digitsStart,
    digitsEnd,
    der,
    boundSpans: [...bound.map(span), span(signerCertificate!)],
  };
}

function isHexDigit(byte: number): boolean {
  return /^[0-9a-fA-F]$/.test(String.fromCharCode(byte));
}

type FlipClass = 'must-fail' | 'unbound' | 'immaterial';

/** 'immaterial': the signed bytes and the decoded DER are unchanged, so the verdict must stay PASSED. */
function classifyFlip(
  pdf: Buffer,
  layouts: readonly SignatureLayout[],
  offset: number,
  flipped: number,
): FlipClass {
  // A byte some signature signs (the leader's /Contents lies inside the agency's signed bytes).
  const signed = layouts.some(
    ({ byteRange: [a, b, c, d] }) =>
      (offset >= a && offset < a + b) || (offset >= c && offset < c + d),
  );
  if (signed) return 'must-fail';
  for (const layout of layouts) {
    if (offset < layout.digitsStart || offset >= layout.digitsEnd) continue;
    if (!isHexDigit(flipped)) return 'must-fail';
    const digitIndex = offset - layout.digitsStart;
    const byteIndex = Math.floor(digitIndex / 2);
    const pairStart = layout.digitsStart + byteIndex * 2;
    const pair = Buffer.from(pdf.subarray(pairStart, pairStart + 2));
    const before = parseInt(pair.toString('latin1'), 16);
    pair[offset - pairStart] = flipped;
    const after = parseInt(pair.toString('latin1'), 16);
    if (before === after) return 'immaterial'; // a hex letter changed case
    if (byteIndex >= layout.der.length) return 'immaterial'; // unsigned zero padding after the DER
    const bound = layout.boundSpans.some(([start, end]) => byteIndex >= start && byteIndex < end);
    return bound ? 'must-fail' : 'unbound';
  }
  return 'must-fail';
}

describe('PdfSignatureVerifier properties (fast-check)', () => {
  let pki: DevPki;
  let verifier: PdfSignatureVerifier;
  let valid: Buffer;
  let layouts: SignatureLayout[];
  let revisionEnds: number[];
  let signers: string[];

  beforeAll(async () => {
    pki = await generateSpecDevPki('verifier-properties');
    verifier = await createDevPkiPdfVerifier(pki);
    valid = await signedDispatchPdf(pki, '000.00.00.G22');
    const baseline = await verifier.verify(valid);
    expect(baseline.indication).toBe('TOTAL-PASSED');
    layouts = baseline.signatures.map((s) =>
      layoutOf(valid, s.coverage.byteRange, s.signer.fingerprintSha256),
    );
    revisionEnds = findRevisionEnds(valid);
    signers = baseline.signatures.map((s) => s.signer.fingerprintSha256);
  });

  it('classifies the hand-picked flips as the property expects', async () => {
    // The agency's /Contents: the only gap no other signature covers.
    const agency = layouts[layouts.length - 1];
    const padding = agency.digitsStart + agency.der.length * 2 + 10;
    const paddingFlip = Buffer.from(valid);
    paddingFlip[padding] ^= 0x01; // '0' -> '1': still hex, inside the padding
    expect(classifyFlip(valid, layouts, padding, paddingFlip[padding])).toBe('immaterial');
    const passed = await verifier.verify(paddingFlip);
    expect(passed.indication).toBe('TOTAL-PASSED');
    expect(passed.signatures[1].messages.map((m) => m.code)).toContain('CONTENTS_TRAILING_DATA');

    const signature = agency.boundSpans[agency.boundSpans.length - 2][1] - 10; // the signature value
    const signatureFlip = Buffer.from(valid);
    const digitAt = agency.digitsStart + signature * 2;
    signatureFlip[digitAt] = signatureFlip[digitAt] === 0x30 ? 0x31 : 0x30; // another hex digit
    expect((await verifier.verify(signatureFlip)).signatures[1].subIndication).toBe(
      'SIG_CRYPTO_FAILURE',
    );

    const letter = valid
      .subarray(agency.digitsStart, agency.digitsEnd)
      .findIndex((byte) => byte >= 0x61 && byte <= 0x66);
    const caseFlip = Buffer.from(valid);
    caseFlip[agency.digitsStart + letter] ^= 0x20;
    expect((await verifier.verify(caseFlip)).indication).toBe('TOTAL-PASSED');
  });

  it('never throws and never passes a flipped bit unless the flip provably does not matter', async () => {
    const anywhere = fc.integer({ min: 0, max: valid.length - 1 });
    const inAGap = fc
      .constantFrom(...layouts)
      .chain((layout) => fc.integer({ min: layout.digitsStart - 1, max: layout.digitsEnd }));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anywhere, inAGap),
        fc.integer({ min: 0, max: 7 }),
        async (offset, bit) => {
          const mutated = Buffer.from(valid);
          mutated[offset] ^= 1 << bit;
          const report = await verifier.verify(mutated);
          const kind = classifyFlip(valid, layouts, offset, mutated[offset]);
          if (kind === 'must-fail') expect(report.indication).not.toBe('TOTAL-PASSED');
          if (kind === 'immaterial') expect(report.indication).toBe('TOTAL-PASSED');
          if (report.indication === 'TOTAL-PASSED') {
            expect(report.signatures.map((s) => s.signer.fingerprintSha256)).toEqual(signers);
          }
          expect(report.fileSize).toBe(valid.length);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws and never passes a truncated file unless it is exactly an earlier signed revision', async () => {
    const leaderRevisionEnd = layouts.length > 1 ? revisionEnds[revisionEnds.length - 2] : -1;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: valid.length - 1 }), async (length) => {
        const report = await verifier.verify(Buffer.from(valid.subarray(0, length)));
        if (length === leaderRevisionEnd) {
          // The leader-signed revision the agency signed on top of: a complete, valid PDF.
          expect(report.indication).toBe('TOTAL-PASSED');
          expect(report.signatures).toHaveLength(1);
        } else {
          expect(report.indication).not.toBe('TOTAL-PASSED');
        }
      }),
      {
        numRuns: 200,
        examples: [
          [leaderRevisionEnd],
          [leaderRevisionEnd - 1],
          [leaderRevisionEnd + 1],
          [valid.length - 1],
        ],
      },
    );
  });
});
