import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { EdxmlZipInvalidError } from './edxml-errors';
import { isZipContentType, unzipSingleFile } from './zipped-attachment';

// Made with Info-ZIP `zip -X` (-9, -0, and two files): one 2255-byte TEST PDF, 05-VPCP-KSTT.pdf.
function fixture(name: string): Buffer {
  return readFileSync(join(__dirname, '../../test-fixtures', name));
}

const PDF_SIZE = 2255;
const MAX = 1024 * 1024;

function refusal(zip: Buffer, maxBytes = MAX): string {
  try {
    unzipSingleFile(zip, maxBytes);
  } catch (error) {
    expect(error).toBeInstanceOf(EdxmlZipInvalidError);
    expect((error as EdxmlZipInvalidError).code).toBe('EDXML_ZIP_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected the zip to be refused');
}

/** The offset of the central directory entry (PK\x01\x02) of a one-file fixture. */
function directoryEntryOf(zip: Buffer): number {
  return zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
}

describe('zipped attachments (application/zip)', () => {
  it('takes the one file of a deflated and of a stored zip', () => {
    for (const name of ['attachment-deflated.zip', 'attachment-stored.zip']) {
      const file = unzipSingleFile(fixture(name), MAX);
      expect(file.name).toBe('05-VPCP-KSTT.pdf');
      expect(file.content).toHaveLength(PDF_SIZE);
      expect(file.content.subarray(0, 9).toString()).toBe('%PDF-1.4\n');
    }
    expect(fixture('attachment-deflated.zip').length).toBeLessThan(PDF_SIZE / 4);
  });

  it('tells a zip content type, parameters and case aside', () => {
    expect(isZipContentType('application/zip')).toBe(true);
    expect(isZipContentType('Application/ZIP; name="a.zip"')).toBe(true);
    expect(isZipContentType('application/pdf')).toBe(false);
  });

  it('refuses what is not a zip, a zip of two files, and an encrypted one', () => {
    expect(refusal(Buffer.from('%PDF-1.4 not a zip'))).toContain('not a zip archive');
    expect(refusal(Buffer.alloc(0))).toContain('not a zip archive');
    expect(refusal(fixture('attachment-two-files.zip'))).toContain('holds 2 files');
    const encrypted = Buffer.from(fixture('attachment-deflated.zip'));
    const entry = directoryEntryOf(encrypted);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(entry + 8) | 1, entry + 8);
    expect(refusal(encrypted)).toContain('encrypted');
  });

  it('refuses a file whose bytes do not match the declared checksum', () => {
    const stored = Buffer.from(fixture('attachment-stored.zip'));
    stored[stored.indexOf('TEST')] = 0x58;
    expect(refusal(stored)).toContain('does not match the size and checksum');
  });

  it('caps the unzipped size while inflating, whatever size the zip declares', () => {
    expect(refusal(fixture('attachment-deflated.zip'), 1000)).toContain(
      'larger than 1000 bytes once unzipped',
    );
    // A bomb that declares itself small: 10 MB of zeros claimed as 100 bytes.
    const bomb = Buffer.from(fixture('attachment-deflated.zip'));
    const zeros = deflateRawSync(Buffer.alloc(10 * 1024 * 1024));
    const entry = directoryEntryOf(bomb);
    const localData = 30 + bomb.readUInt16LE(26) + bomb.readUInt16LE(28);
    const rebuilt = Buffer.concat([bomb.subarray(0, localData), zeros, bomb.subarray(entry)]);
    const newEntry = localData + zeros.length;
    rebuilt.writeUInt32LE(zeros.length, 18);
    rebuilt.writeUInt32LE(100, 22);
    rebuilt.writeUInt32LE(zeros.length, newEntry + 20);
    rebuilt.writeUInt32LE(100, newEntry + 24);
    const end = rebuilt.length - 22;
    rebuilt.writeUInt32LE(newEntry, end + 16);
    expect(refusal(rebuilt)).toContain(`larger than ${MAX} bytes once unzipped`);
  });

  it('refuses a damaged central directory and unsupported methods', () => {
    const damaged = Buffer.from(fixture('attachment-deflated.zip'));
    damaged.writeUInt32LE(0, directoryEntryOf(damaged));
    expect(refusal(damaged)).toContain('central directory is damaged');
    const bzip2 = Buffer.from(fixture('attachment-deflated.zip'));
    bzip2.writeUInt16LE(12, directoryEntryOf(bzip2) + 10);
    expect(refusal(bzip2)).toContain('compression method 12 is not supported');
  });
});
