import { buildDocumentId, parseDocumentId } from './document-id';

describe('edXML DocumentId', () => {
  it('builds the id of the README example', () => {
    expect(
      buildDocumentId({
        organId: '000.00.00.G22',
        promulgationDate: '2015-09-30',
        numberNotation: '7816/VPCP-TTĐT',
      }),
    ).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
  });

  it('parses it back', () => {
    expect(parseDocumentId('000.00.00.G22,2026/11/20,05/VPCP-KSTT')).toEqual({
      organId: '000.00.00.G22',
      promulgationDate: '2026-11-20',
      numberNotation: '05/VPCP-KSTT',
    });
  });

  it.each([
    '000.00.00.G22;2026/11/20;05/VPCP-KSTT',
    ',2026/11/20,05/VPCP-KSTT',
    '000.00.00.G22,2026/11/31,05/VPCP-KSTT',
    '000.00.00.G22,2026/11/20,05-VPCP-KSTT',
    '000.00.00.G22,2026/11/20',
  ])('refuses %j', (id) => {
    expect(parseDocumentId(id)).toBeUndefined();
  });
});
