import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { EdxmlZipInvalidError } from './edxml-errors';
import { isZipContentType, unzipSingleFile } from './zipped-attachment';

// Made with Info-ZIP `zip -X` (-9, -0, -fz, and two files): one 2255-byte TEST PDF, 05-VPCP-KSTT.pdf.
function fixture(name: string): Buffer {
  return readFileSync(join(__dirname, '../../test-fixtures', name));
}

const PDF_SIZE = 2255;
const MAX = 1024 * 1024;

/**
 * The English message of the refusal, once checked to be ours, worded in both languages, and
 * free of the zip library's own wording.
 */
async function refusal(zip: Buffer, maxBytes = MAX): Promise<string> {
  const error = await unzipSingleFile(zip, maxBytes).then(
    () => {
      throw new Error('expected the zip to be refused');
    },
    (refused: unknown) => refused as EdxmlZipInvalidError,
  );
  expect(error).toBeInstanceOf(EdxmlZipInvalidError);
  expect(error.code).toBe('EDXML_ZIP_INVALID');
  expect(error.messageVi).toMatch(/^Tệp đính kèm nén \(zip\) của gói tin edXML không dùng được: /);
  expect(error.message).not.toMatch(/signature|EOF|stream|expected|0x/i);
  return error.message;
}

/** The offset of the central directory entry (PK\x01\x02) of a one-file fixture. */
function directoryEntryOf(zip: Buffer): number {
  return zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
}

describe('zipped attachments (application/zip)', () => {
  it('takes the one file of a deflated, a stored and a ZIP64 zip', async () => {
    for (const name of [
      'attachment-deflated.zip',
      'attachment-stored.zip',
      'attachment-zip64.zip',
    ]) {
      const file = await unzipSingleFile(fixture(name), MAX);
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

  it('refuses a directory of more entries than one file and its folders, before walking it', async () => {
    // The end record claims 60,000 entries (on this disk and in all); one is there. Walked, the
    // second would read as a damaged directory; refused unread, it is named for its count.
    const many = Buffer.from(fixture('attachment-stored.zip'));
    const end = many.length - 22;
    many.writeUInt16LE(60_000, end + 8);
    many.writeUInt16LE(60_000, end + 10);
    expect(await refusal(many)).toContain('its directory lists 60000 entries');
  });

  it('refuses what is not a zip, a zip of two files, and an encrypted one', async () => {
    expect(await refusal(Buffer.from('%PDF-1.4 not a zip'))).toContain('not a zip archive');
    expect(await refusal(Buffer.alloc(0))).toContain('not a zip archive');
    expect(await refusal(fixture('attachment-two-files.zip'))).toContain('holds 2 files');
    const encrypted = Buffer.from(fixture('attachment-deflated.zip'));
    const entry = directoryEntryOf(encrypted);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(entry + 8) | 1, entry + 8);
    expect(await refusal(encrypted)).toContain('encrypted');
  });

  it('refuses a file whose bytes do not match the declared checksum', async () => {
    const stored = Buffer.from(fixture('attachment-stored.zip'));
    stored[stored.indexOf('TEST')] = 0x58;
    expect(await refusal(stored)).toContain('does not match the size and checksum');
  });

  it('caps the unzipped size while inflating, whatever size the zip declares', async () => {
    expect(await refusal(fixture('attachment-deflated.zip'), 1000)).toContain(
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
    // Stopped as soon as it outgrows the 100 bytes declared, long before the cap.
    expect(await refusal(rebuilt)).toContain('larger once unzipped than the zip declares');
  });

  it('refuses a damaged central directory and unsupported methods', async () => {
    const damaged = Buffer.from(fixture('attachment-deflated.zip'));
    damaged.writeUInt32LE(0, directoryEntryOf(damaged));
    expect(await refusal(damaged)).toContain('central directory is damaged');
    const cut = Buffer.from(fixture('attachment-deflated.zip'));
    cut.writeUInt32LE(cut.length - 30, cut.length - 22 + 16);
    expect(await refusal(cut)).toContain('central directory is truncated');
    const bzip2 = Buffer.from(fixture('attachment-deflated.zip'));
    bzip2.writeUInt16LE(12, directoryEntryOf(bzip2) + 10);
    expect(await refusal(bzip2)).toContain('compression method 12 is not supported');
  });

  it('refuses truncated file data and damaged deflate data', async () => {
    const truncated = Buffer.from(fixture('attachment-deflated.zip'));
    const entry = directoryEntryOf(truncated);
    truncated.writeUInt32LE(truncated.readUInt32LE(entry + 20) + 1000, entry + 20);
    expect(await refusal(truncated)).toContain('file data is truncated');
    const damaged = Buffer.from(fixture('attachment-deflated.zip'));
    // The first deflate block's type set to 3, which deflate reserves.
    damaged[30 + damaged.readUInt16LE(26) + damaged.readUInt16LE(28)] |= 0x06;
    expect(await refusal(damaged)).toContain('deflated data is damaged');
  });

  it('refuses a multi-disk zip, strong encryption, and sizes the data does not have', async () => {
    const multiDisk = Buffer.from(fixture('attachment-deflated.zip'));
    multiDisk.writeUInt16LE(1, multiDisk.length - 22 + 4);
    expect(await refusal(multiDisk)).toContain('spans several disks');
    const strong = Buffer.from(fixture('attachment-deflated.zip'));
    const entry = directoryEntryOf(strong);
    strong.writeUInt16LE(strong.readUInt16LE(entry + 8) | 0x41, entry + 8);
    expect(await refusal(strong)).toContain('encrypted');
    const stored = Buffer.from(fixture('attachment-stored.zip'));
    stored.writeUInt32LE(PDF_SIZE + 1, directoryEntryOf(stored) + 24);
    expect(await refusal(stored)).toContain('does not match the size and checksum');
    const short = Buffer.from(fixture('attachment-deflated.zip'));
    short.writeUInt32LE(PDF_SIZE + 1, directoryEntryOf(short) + 24);
    expect(await refusal(short)).toContain('does not match the size and checksum');
  });

  it('refuses a file name that climbs out of the archive', async () => {
    const climbing = Buffer.from(fixture('attachment-deflated.zip'));
    for (
      let at = climbing.indexOf('05-VPCP');
      at !== -1;
      at = climbing.indexOf('05-VPCP', at + 1)
    ) {
      climbing.write('../', at, 'latin1');
    }
    expect(await refusal(climbing)).toContain('file name is not a plain relative path');
  });
});
