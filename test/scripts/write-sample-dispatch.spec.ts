import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it("leaves only this run's công văn beside its envelope, and nothing else it did not write", async () => {
    const pki = await testPki();
    // An earlier run's công văn (numbers come from the clock), and a file of the user's own.
    writeFileSync(join(outDir, '1234567-VPCP-KSTT.pdf'), 'an earlier sample');
    writeFileSync(join(outDir, 'mine.pdf'), 'a file the sample did not write');
    const second = await writeSampleDispatch(pki, outDir);
    expect(readdirSync(outDir).sort()).toEqual(
      ['envelope.json', 'mine.pdf', 'phu-luc.pdf', `${second.number}-VPCP-KSTT.pdf`].sort(),
    );
  });
});
