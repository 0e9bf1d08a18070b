import { expressRequestWith as requestWith } from '@docaxis/testing/express-request';
import { prefersPdfReport } from './verification-report-format';

describe('verification report format negotiation', () => {
  it('keeps JSON the default and picks the PDF only when asked for', () => {
    expect(prefersPdfReport(requestWith({}))).toBe(false);
    expect(prefersPdfReport(requestWith({ accept: '*/*' }))).toBe(false);
    expect(prefersPdfReport(requestWith({ accept: 'application/json' }))).toBe(false);
    expect(prefersPdfReport(requestWith({ accept: 'application/pdf' }))).toBe(true);
    expect(
      prefersPdfReport(requestWith({ accept: 'application/pdf, application/json;q=0.5' })),
    ).toBe(true);
  });
});
