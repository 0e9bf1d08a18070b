import { testPki } from '@docaxis/testing/test-pki';
import { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import { chainRevocationOutcomes, type ChainRevocationOutcome } from './chain-revocation-outcomes';
import type { RevocationChecker, RevocationRequest } from './revocation-checker';

/** Every outcome the walk yields, read to the end. */
async function allOutcomes(
  iterable: AsyncIterable<ChainRevocationOutcome>,
): Promise<ChainRevocationOutcome[]> {
  const outcomes: ChainRevocationOutcome[] = [];
  for await (const outcome of iterable) outcomes.push(outcome);
  return outcomes;
}

describe('chainRevocationOutcomes: the revocation walk shared by signers and checkpoint TSAs', () => {
  const cache = new CertificateCache();
  const now = new Date();
  let path: ParsedCertificate[];

  beforeAll(async () => {
    const pki = await testPki();
    path = [pki.agency('000.00.00.G22').organization, pki.issuing, pki.root].map((c) =>
      cache.parse(c.certDer),
    );
  });

  /** A checker that records what it was asked, and answers with `answer`. */
  const recording = (answer: (request: RevocationRequest) => Promise<unknown>) => {
    const asked: RevocationRequest[] = [];
    const checker: RevocationChecker = {
      check: async (request) => {
        asked.push(request);
        await answer(request);
        return { status: 'good', source: 'crl', producedAt: now };
      },
    };
    return { asked, checker };
  };

  it('asks about every certificate below the anchor, each against the issuer the path proved', async () => {
    const { asked, checker } = recording(() => Promise.resolve('good'));
    const outcomes = await allOutcomes(chainRevocationOutcomes(path, checker, now));
    expect(outcomes.map((o) => [o.position, o.certificate, o.outcome.status])).toEqual([
      [0, path[0], 'good'],
      [1, path[1], 'good'],
    ]);
    expect(asked).toEqual([
      { certificate: path[0], issuer: path[1], validationTime: now },
      { certificate: path[1], issuer: path[2], validationTime: now },
    ]);
  });

  it('asks nothing more once the caller stops reading', async () => {
    const { asked, checker } = recording(() => Promise.resolve('good'));
    for await (const outcome of chainRevocationOutcomes(path, checker, now)) {
      expect(outcome.position).toBe(0);
      break;
    }
    expect(asked).toHaveLength(1);
  });

  it.each([
    ['an Error', new Error('CRL share unmounted'), 'CRL share unmounted'],
    ['a string', 'CRL share unmounted', 'CRL share unmounted'],
    ['an object without a message', { code: 'EIO' }, '[object Object]'],
    ['undefined', undefined, 'undefined'],
  ])(
    'turns a checker throwing %s into unknown for that certificate and goes on',
    async (_what, thrown, said) => {
      const { asked, checker } = recording(({ certificate }) =>
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
        certificate === path[0] ? Promise.reject(thrown) : Promise.resolve('good'),
      );
      const outcomes = await allOutcomes(chainRevocationOutcomes(path, checker, now));
      expect(outcomes.map((o) => o.outcome)).toEqual([
        { status: 'unknown', source: 'none', note: `revocation check failed: ${said}` },
        { status: 'good', source: 'crl', producedAt: now },
      ]);
      expect(asked).toHaveLength(2);
    },
  );

  it('yields nothing for a path that is its own anchor', async () => {
    const { asked, checker } = recording(() => Promise.resolve('good'));
    expect(await allOutcomes(chainRevocationOutcomes([path[2]], checker, now))).toEqual([]);
    expect(asked).toEqual([]);
  });
});
