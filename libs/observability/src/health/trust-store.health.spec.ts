import { HealthIndicatorService } from '@nestjs/terminus';
import { join } from 'node:path';
import { testPki } from '@docaxis/testing/test-pki';
import { TrustStoreHealthIndicator } from './trust-store.health';
import { temporaryDirectories } from '@docaxis/testing/temporary-directories';

const temporaryDirectory = temporaryDirectories();

describe('TrustStoreHealthIndicator (CRL freshness)', () => {
  const indicator = new TrustStoreHealthIndicator(new HealthIndicatorService());

  it('is up while every CRL is before its nextUpdate, naming the earliest one', async () => {
    const { crlDir } = await testPki();
    const { trustStore } = await indicator.check(crlDir);
    expect(trustStore).toMatchObject({ status: 'up', crls: expect.any(Number) });
    const { crls, earliestNextUpdate } = trustStore as { crls: number; earliestNextUpdate: string };
    expect(crls).toBeGreaterThanOrEqual(2);
    expect(Date.parse(earliestNextUpdate)).toBeGreaterThan(Date.now());
  });

  it('is down once a CRL is past its nextUpdate, listing the stale ones', async () => {
    const { crlDir } = await testPki();
    const result = await indicator.check(crlDir, new Date(Date.now() + 400 * 24 * 3600_000));
    expect(result.trustStore).toMatchObject({
      status: 'down',
      stale: expect.arrayContaining([
        expect.objectContaining({ issuer: expect.stringContaining('CN=') }),
      ]),
    });
  });

  it('is down when the CRL folder is empty or missing', async () => {
    const empty = temporaryDirectory('docaxis-crl-');
    expect((await indicator.check(empty)).trustStore.status).toBe('down');
    expect((await indicator.check(join(empty, 'absent'))).trustStore).toMatchObject({
      status: 'down',
      message: expect.stringContaining('cannot read the CRLs'),
    });
  });
});
