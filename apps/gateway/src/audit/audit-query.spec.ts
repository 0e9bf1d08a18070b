import {
  AuditQueryInvalidError,
  parseAuditPage,
  parseExportQuery,
  parseVerifyRequest,
} from './audit-query';

/** The export's `verifyFrom`/`checkpoint` start the verification exactly where /audit/verify's `from`/`checkpoint` do. */
describe('audit query parsing: the verification start of /audit/verify and /audit/export', () => {
  it.each([
    [{}, {}, { from: 'checkpoint', checkpointSeq: undefined, toSeq: undefined }],
    [
      { from: 'checkpoint', checkpoint: '30' },
      { verifyFrom: 'checkpoint', checkpoint: '30' },
      { from: 'checkpoint', checkpointSeq: 30, toSeq: undefined },
    ],
    [
      { checkpoint: '30' },
      { checkpoint: '30' },
      { from: 'checkpoint', checkpointSeq: 30, toSeq: undefined },
    ],
    [
      { from: 'genesis' },
      { verifyFrom: 'genesis' },
      { from: 'genesis', fromSeq: 1, toSeq: undefined },
    ],
    [{ from: '12' }, { verifyFrom: '12' }, { from: 'seq', fromSeq: 12, toSeq: undefined }],
  ])('verify %j and export %j start at %j', (verifyQuery, exportQuery, expected) => {
    expect(parseVerifyRequest(verifyQuery)).toEqual(expected);
    expect(parseExportQuery(exportQuery).verification).toEqual(expected);
  });

  it("keeps the export's `from` for the events' instant, apart from where verification starts", () => {
    const parsed = parseExportQuery({ from: '2026-11-24T00:00:00Z', verifyFrom: 'genesis' });
    expect(parsed.filter.from).toEqual(new Date('2026-11-24T00:00:00Z'));
    expect(parsed.verification).toEqual({ from: 'genesis', fromSeq: 1, toSeq: undefined });
  });

  it('pins the export to `head` as X-Audit-Chain-Head states it, the current head without it', () => {
    const hash = 'c'.repeat(64);
    expect(parseExportQuery({ head: `12:${hash}` }).head).toEqual({ seq: 12, hash });
    expect(parseExportQuery({}).head).toBeUndefined();
  });

  it.each([
    [{ verifyFrom: 'head' }],
    [{ verifyFrom: '0' }],
    [{ verifyFrom: 'genesis', checkpoint: '30' }],
    [{ verifyFrom: '5', checkpoint: '30' }],
    [{ checkpoint: 'latest' }],
    [{ head: 'latest' }],
    [{ head: `0:${'c'.repeat(64)}` }],
    [{ head: `12:${'C'.repeat(64)}` }],
  ])('refuses the export query %j with AUDIT_QUERY_INVALID', (query) => {
    expect(thrownBy(() => parseExportQuery(query))).toMatchObject({ code: 'AUDIT_QUERY_INVALID' });
  });

  it('refuses checkpoint= with from=genesis on /audit/verify too', () => {
    expect(thrownBy(() => parseVerifyRequest({ from: 'genesis', checkpoint: '30' }))).toMatchObject(
      { code: 'AUDIT_QUERY_INVALID' },
    );
  });
});

function thrownBy(parse: () => unknown): AuditQueryInvalidError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(AuditQueryInvalidError);
    return error as AuditQueryInvalidError;
  }
  throw new Error('parsed without an error');
}

describe('audit query parsing: the event filters', () => {
  it('filters by actor, exactly as recorded, on the search and the export alike', () => {
    const actor = 'CN=Văn thư, OU=000.00.00.G22, O=Văn phòng Chính phủ';
    expect(parseAuditPage({ actor }).filter.actor).toBe(actor);
    expect(parseExportQuery({ actor }).filter.actor).toBe(actor);
  });

  it('filters by a notation typed in decomposed Unicode (NFD) as by the stored NFC one', () => {
    const notation = 'QĐ-VĂN';
    const decomposed = notation.normalize('NFD');
    expect(decomposed).not.toBe(notation.normalize('NFC'));
    expect(parseAuditPage({ notation: decomposed }).filter.codeNotation).toBe(
      notation.normalize('NFC'),
    );
    expect(parseExportQuery({ notation: decomposed }).filter.codeNotation).toBe(
      notation.normalize('NFC'),
    );
  });

  it.each([
    [{ actor: '' }],
    [{ actor: 'x'.repeat(1025) }],
    [{ from: '2026-02-30T00:00:00Z' }],
    [{ to: 'yesterday' }],
    [{ limit: '100000' }],
  ])('refuses %j with AUDIT_QUERY_INVALID', (query) => {
    expect(thrownBy(() => parseAuditPage(query))).toMatchObject({ code: 'AUDIT_QUERY_INVALID' });
  });
});
