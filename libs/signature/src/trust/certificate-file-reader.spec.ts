import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpensslSigner } from '@docaxis/signature/cms/openssl-cms-fixture';
import { CertificateParseError } from './certificate-parse-error';
import { readDerBlobsFromDirectory } from './certificate-file-reader';
import { TrustStore } from './trust-store';

describe('certificate folders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'docaxis-trust-files-'));
  const first = createOpensslSigner('rsa', '/CN=TEST anchor one');
  const second = createOpensslSigner('ec-p256', '/CN=TEST anchor two');

  afterAll(() => {
    first.dispose();
    second.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads PEM bundles and DER files, skipping sub-folders and other files', async () => {
    writeFileSync(
      join(dir, 'bundle.pem'),
      `# two anchors\n${first.certificatePem}\n${second.certificatePem}`,
    );
    writeFileSync(join(dir, 'single.cer'), first.certificateDer);
    writeFileSync(join(dir, 'README.md'), 'Trust anchors of the TEST PKI.\n');
    mkdirSync(join(dir, 'intermediates'));
    writeFileSync(join(dir, 'intermediates', 'ignored.pem'), second.certificatePem);
    const blobs = await readDerBlobsFromDirectory(dir, ['CERTIFICATE']);
    expect(blobs.map((blob) => blob.length)).toEqual([
      first.certificateDer.length,
      second.certificateDer.length,
      first.certificateDer.length,
    ]);
    const store = await TrustStore.fromDirectories({ trustAnchorsDir: dir });
    expect(store.anchors).toHaveLength(2); // the DER copy is the same certificate
  });

  it('refuses to build a trust store from an unreadable certificate', () => {
    expect(() => TrustStore.fromCertificates([Buffer.from('3082000a0101', 'hex')])).toThrow(
      CertificateParseError,
    );
  });
});
