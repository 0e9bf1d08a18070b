import { DIRECTORY_MESSAGES } from './directory-messages';

describe('docaxis agencies: wording', () => {
  const agency = {
    code: '000.00.14.H20',
    name: 'Sở TT&TT Đồng Tháp',
    parentCode: '000.00.00.H20',
    status: 'suspended',
  };
  const certificate = {
    fingerprint: 'cd'.repeat(32),
    roles: ['clerk'],
    subject: 'CN=Văn thư',
    notAfter: '2027-01-01T00:00:00.000Z',
    status: 'retired',
  };

  it('words an agency line in both languages, the status in words in Vietnamese', () => {
    expect(DIRECTORY_MESSAGES.vi.agencyLine(agency)).toBe(
      '000.00.14.H20    tạm ngừng  Sở TT&TT Đồng Tháp (trực thuộc 000.00.00.H20)',
    );
    expect(DIRECTORY_MESSAGES.en.agencyLine(agency)).toBe(
      '000.00.14.H20    suspended  Sở TT&TT Đồng Tháp (under 000.00.00.H20)',
    );
  });

  it('words a certificate line and what was done with it', () => {
    const { vi, en } = DIRECTORY_MESSAGES;
    expect(vi.revoked(vi.certificateLine(certificate))).toBe(
      `Đã thu hồi:  ${'cd'.repeat(8)}…  đã thu hồi ${'clerk'.padEnd(20)} hết hạn 2027-01-01T00:00:00.000Z  CN=Văn thư`,
    );
    expect(en.registered(en.certificateLine(certificate))).toBe(
      `Registered:  ${'cd'.repeat(8)}…  retired  ${'clerk'.padEnd(20)} until 2027-01-01T00:00:00.000Z  CN=Văn thư`,
    );
    expect(vi.registered(vi.agencyLine({ ...agency, status: 'active' }))).toMatch(
      /^Đã đăng ký: 000\.00\.14\.H20 +hoạt động /,
    );
  });
});
