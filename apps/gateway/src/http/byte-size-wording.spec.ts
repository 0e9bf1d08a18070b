import { EnvelopeTooLargeError, FileTooLargeError } from '../dispatches/dispatch-submission.errors';
import { byteSizeWording } from './byte-size-wording';

describe('byteSizeWording', () => {
  it('words a limit in MB or KB, then the exact bytes, in each language', () => {
    expect(byteSizeWording(50 * 1024 * 1024)).toEqual({
      en: '50 MB (52,428,800 bytes)',
      vi: '50 MB (52.428.800 byte)',
    });
    expect(byteSizeWording(262_144)).toEqual({
      en: '256 KB (262,144 bytes)',
      vi: '256 KB (262.144 byte)',
    });
    expect(byteSizeWording(50_000_000).vi).toBe('47,7 MB (50.000.000 byte)');
    expect(byteSizeWording(900)).toEqual({ en: '900 bytes', vi: '900 byte' });
  });

  it('is how the upload limits are refused (a clerk saw "tối đa 52428800 byte")', () => {
    const file = new FileTooLargeError(50 * 1024 * 1024);
    expect(file.messageIn('vi')).toBe('Có tệp vượt quá dung lượng tối đa 50 MB (52.428.800 byte).');
    expect(file.messageIn('en')).toBe('A file exceeds the limit of 50 MB (52,428,800 bytes).');
    expect(file.details).toEqual({ limitBytes: 52_428_800 });
    expect(new EnvelopeTooLargeError(262_144).messageIn('vi')).toBe(
      'Thông tin văn bản ("envelope") vượt quá dung lượng tối đa 256 KB (262.144 byte).',
    );
  });
});
