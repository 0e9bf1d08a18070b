import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCrl } from '@docaxis/signature/revocation/certificate-revocation-list';
import { derBlobsOf } from '@docaxis/signature/trust/certificate-file-reader';

export interface CrlFreshness {
  file: string;
  issuer: string;
  nextUpdate: string | null;
}

/**
 * Up when every CRL in the CRL folder is still current (its nextUpdate is in the future): with a
 * stale CRL the axis cannot tell whether a signer was revoked, so signatures would come out
 * INDETERMINATE. A missing or empty folder is down as well.
 */
@Injectable()
export class TrustStoreHealthIndicator {
  constructor(private readonly health: HealthIndicatorService) {}

  async check(crlDir: string, now: Date = new Date()) {
    const session = this.health.check('trustStore');
    let crls: CrlFreshness[];
    try {
      crls = await readCrlFreshness(crlDir);
    } catch (error) {
      return session.down({ message: `cannot read the CRLs: ${(error as Error).message}` });
    }
    const stale = crls.filter((c) => c.nextUpdate !== null && new Date(c.nextUpdate) <= now);
    if (crls.length === 0) return session.down({ message: `no CRL in ${crlDir}` });
    if (stale.length > 0) {
      return session.down({ message: 'CRL past its nextUpdate: refresh it', stale });
    }
    const next = crls
      .map((c) => c.nextUpdate)
      .filter((n): n is string => n !== null)
      .sort()[0];
    return session.up({ crls: crls.length, earliestNextUpdate: next ?? null });
  }
}

async function readCrlFreshness(dir: string): Promise<CrlFreshness[]> {
  const result: CrlFreshness[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    for (const der of derBlobsOf(await readFile(path), ['X509 CRL'])) {
      const crl = parseCrl(der);
      result.push({
        file: name,
        issuer: crl.issuer.text,
        nextUpdate: crl.nextUpdate?.toISOString() ?? null,
      });
    }
  }
  return result;
}
