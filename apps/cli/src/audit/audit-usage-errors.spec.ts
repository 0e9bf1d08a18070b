import { AuditDatabaseUnreachableError } from './audit-database-unreachable.error';
import { AxisCertificateFileError } from './axis-certificate-file.error';
import { PdfOutputRequiredError } from './pdf-output-required.error';

/** What `docaxis audit` prints for them in its default language: they were English only. */
describe('docaxis audit: its refusals in Vietnamese', () => {
  it('a PDF export without --out', () => {
    const error = new PdfOutputRequiredError();
    expect(error.messageIn('vi')).toBe(
      'docaxis audit export --format pdf cần --out <tệp> để ghi báo cáo PDF vào',
    );
    expect(error.messageIn('en')).toBe('docaxis audit export --format pdf needs --out <file>');
  });

  it('an axis certificate that cannot be read', () => {
    const error = new AxisCertificateFileError('/x/axis.pem', 'ENOENT: no such file');
    expect(error.messageIn('vi')).toBe(
      'không đọc được chứng thư số của trục AXIS_SIGNING_CERT_FILE /x/axis.pem: ENOENT: no such file',
    );
  });

  it('a database that cannot be reached', () => {
    const error = new AuditDatabaseUnreachableError('connect ECONNREFUSED 127.0.0.1:9');
    expect(error.messageIn('vi')).toBe(
      'không kết nối được tới cơ sở dữ liệu DATABASE_URL: connect ECONNREFUSED 127.0.0.1:9',
    );
    expect(error.messageIn('en')).toBe(
      'cannot connect to DATABASE_URL: connect ECONNREFUSED 127.0.0.1:9',
    );
  });
});
