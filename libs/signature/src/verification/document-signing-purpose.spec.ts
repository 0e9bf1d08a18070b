import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import type { SignatureReport } from '@docaxis/signature/report/document-verification-report';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { generateSpecDevPki } from './dev-pki-spec-fixture';
import type { PdfSignatureVerifier } from './pdf-signature-verifier';

const G22 = '000.00.00.G22';

function verdict(signature: SignatureReport): string {
  return `${signature.indication}/${signature.subIndication ?? ''}`;
}

describe('a PDF signer certificate whose extendedKeyUsage excludes signing documents', () => {
  let pki: DevPki;
  let verifier: PdfSignatureVerifier;

  beforeAll(async () => {
    pki = await generateSpecDevPki('signing-purpose');
    verifier = await createDevPkiPdfVerifier(pki);
  });

  it.each<[string, (pki: DevPki) => DevPki['axis']]>([
    ['time-stamping only (a TSA)', (p) => p.special('timestamping-authority')],
    ['OCSP signing only (a delegated responder)', (p) => p.special('ocsp-responder')],
    ["TLS client authentication only (the agency's document system)", (p) => p.agency(G22).client],
  ])('fails a signature made with a certificate for %s', async (_, credential) => {
    const pdf = await signedDispatchPdf(pki, G22, { leader: false, organization: credential(pki) });
    const [signature] = (await verifier.verify(pdf)).signatures;
    expect(verdict(signature)).toBe('INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE');
    expect(signature.messages.map((m) => m.code)).toContain('SIGNER_EXTENDED_KEY_USAGE');
  });

  it('passes the seal (emailProtection) and the leader (no extendedKeyUsage)', async () => {
    const report = await verifier.verify(await signedDispatchPdf(pki, G22));
    expect(report.signatures.map(verdict)).toEqual(['TOTAL-PASSED/', 'TOTAL-PASSED/']);
  });
});
