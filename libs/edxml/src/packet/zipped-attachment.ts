import { crc32, inflateRawSync } from 'node:zlib';
import type { BilingualText } from '@docaxis/errors/domain-error';
import { EdxmlZipInvalidError } from './edxml-errors';

/**
 * An edXML attachment may be zipped before base64 (`ContentType` `application/zip`, QCVN 102):
 * docaxis reads a zip that holds exactly one file, stored or deflated, and takes that file. Read
 * from the central directory, never by scanning local headers; what a sender's zip tool may add
 * but docaxis does not need (several files, encryption, ZIP64, other methods) is refused, and the
 * inflated size is capped while inflating, so a small zip cannot expand into a large file.
 */
export const ZIP_CONTENT_TYPE = 'application/zip';

export interface UnzippedFile {
  /** The entry's file name, its folders dropped. */
  readonly name: string;
  readonly content: Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const END_RECORD_LENGTH = 22;
const MAX_COMMENT_LENGTH = 0xffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8_NAME = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;

/** Whether a declared content type (parameters ignored) is a zip. */
export function isZipContentType(contentType: string): boolean {
  return contentType.split(';')[0].trim().toLowerCase() === ZIP_CONTENT_TYPE;
}

/** The one file of a zip, at most `maxBytes` once inflated; throws `EDXML_ZIP_INVALID`. */
export function unzipSingleFile(zip: Buffer, maxBytes: number): UnzippedFile {
  const end = findEndRecord(zip);
  const entries = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (entries === 0xffff || directoryOffset === 0xffffffff) {
    throw invalid({ en: 'ZIP64 archives are not supported', vi: 'không hỗ trợ tệp nén ZIP64' });
  }
  if (directoryOffset + directorySize > end) {
    throw invalid({ en: 'its central directory is truncated', vi: 'mục lục tệp nén bị cắt cụt' });
  }
  const files = readDirectory(zip, directoryOffset, entries).filter(
    (entry) => !entry.name.endsWith('/'),
  );
  if (files.length !== 1) {
    throw invalid({
      en: `it holds ${files.length} files; a zipped attachment holds exactly one`,
      vi: `tệp nén chứa ${files.length} tệp; một tệp đính kèm nén phải chứa đúng một tệp`,
    });
  }
  const [entry] = files;
  if (entry.flags & FLAG_ENCRYPTED) {
    throw invalid({ en: 'it is encrypted', vi: 'tệp nén được mã hóa' });
  }
  if (entry.uncompressedSize > maxBytes) throw tooLarge(maxBytes);
  const content = inflate(entry.method, compressedBytes(zip, entry, directoryOffset), maxBytes);
  if (content.length !== entry.uncompressedSize || crc32(content) !== entry.crc) {
    throw invalid({
      en: 'its file does not match the size and checksum the zip declares',
      vi: 'tệp bên trong không khớp kích thước và mã kiểm tra mà tệp nén khai báo',
    });
  }
  const name = entry.name.slice(entry.name.lastIndexOf('/') + 1);
  return { name, content };
}

interface DirectoryEntry {
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  readonly name: string;
}

function findEndRecord(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - END_RECORD_LENGTH - MAX_COMMENT_LENGTH);
  for (let at = zip.length - END_RECORD_LENGTH; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw invalid({ en: 'it is not a zip archive', vi: 'dữ liệu không phải là tệp nén zip' });
}

function readDirectory(zip: Buffer, offset: number, count: number): DirectoryEntry[] {
  const entries: DirectoryEntry[] = [];
  let at = offset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) {
      throw invalid({ en: 'its central directory is damaged', vi: 'mục lục tệp nén bị hỏng' });
    }
    const flags = zip.readUInt16LE(at + 8);
    const nameLength = zip.readUInt16LE(at + 28);
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
    entries.push({
      flags,
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      uncompressedSize: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
      // Without the UTF-8 flag a name is CP437; its ASCII part, all a file name needs, is latin1's.
      name: nameBytes.toString(flags & FLAG_UTF8_NAME ? 'utf8' : 'latin1'),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function compressedBytes(zip: Buffer, entry: DirectoryEntry, directoryOffset: number): Buffer {
  const header = entry.localHeaderOffset;
  if (header + 30 > directoryOffset || zip.readUInt32LE(header) !== LOCAL_FILE_HEADER) {
    throw invalid({
      en: 'its file header is damaged',
      vi: 'phần đầu của tệp trong tệp nén bị hỏng',
    });
  }
  const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  const stop = start + entry.compressedSize;
  if (stop > directoryOffset) {
    throw invalid({ en: 'its file data is truncated', vi: 'dữ liệu tệp trong tệp nén bị cắt cụt' });
  }
  return zip.subarray(start, stop);
}

function inflate(method: number, data: Buffer, maxBytes: number): Buffer {
  if (method === METHOD_STORED) return Buffer.from(data);
  if (method !== METHOD_DEFLATED) {
    throw invalid({
      en: `compression method ${method} is not supported (only stored and deflate)`,
      vi: `không hỗ trợ phương thức nén ${method} (chỉ hỗ trợ stored và deflate)`,
    });
  }
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    // By code, not `instanceof RangeError`: zlib's error may come from another realm (jest's).
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw invalid({ en: 'its deflated data is damaged', vi: 'dữ liệu nén bị hỏng' });
  }
}

function tooLarge(maxBytes: number): EdxmlZipInvalidError {
  return invalid({
    en: `its file is larger than ${maxBytes} bytes once unzipped`,
    vi: `tệp bên trong lớn hơn ${maxBytes} byte khi giải nén`,
  });
}

function invalid(reason: BilingualText): EdxmlZipInvalidError {
  return new EdxmlZipInvalidError(reason);
}
