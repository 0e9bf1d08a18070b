import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateDispatchEnvelope } from '@docaxis/edxml/envelope/dispatch-envelope';
import { testPki } from '@docaxis/testing/test-pki';
import { writeSampleDispatch } from '../../scripts/write-sample-dispatch';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';

/** `npm run sample`: what a newcomer sends with `docaxis send` must be something the axis accepts. */
describe('writeSampleDispatch', () => {
  let outDir: string;

  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'docaxis-sample-'));
  });

  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes a valid envelope and PDFs whose signatures pass against the TEST PKI', async () => {
    const pki = await testPki();
    const files = await writeSampleDispatch(pki, outDir);

    const envelope = validateDispatchEnvelope(JSON.parse(readFileSync(files.envelopePath, 'utf8')));
    expect(envelope.code.codeNumber).toBe(files.number);
    expect(envelope.signerInfo.fullName).toBe(pki.agency(envelope.from.organId).leader.fullName);
    const verifier = await createDevPkiPdfVerifier(pki);
    expect(files.pdfPaths).toHaveLength(2);
    for (const path of files.pdfPaths) {
      const report = await verifier.verify(readFileSync(path), { validationTime: new Date() });
      expect({ path, indication: report.indication }).toEqual({ path, indication: 'TOTAL-PASSED' });
    }
  });
});
