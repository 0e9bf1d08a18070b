import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import type { BilingualText } from '@docaxis/errors/domain-error';
import { EdxmlZipInvalidError } from './edxml-errors';
import { ZIP_REFUSAL, zipReadRefusal, type ZipReadStage } from './zip-read-refusal';

/**
 * An edXML attachment may be zipped before base64 (`ContentType` `application/zip`, QCVN 102):
 * docaxis reads a zip that holds exactly one file, stored or deflated, and takes that file. yauzl
 * reads it from the central directory (ZIP64 included), never by scanning local headers; what a
 * sender's zip tool may add but docaxis does not need (several files, encryption, other methods)
 * is refused, and the inflated size is capped while inflating, so a small zip cannot expand into
 * a large file.
 */
export const ZIP_CONTENT_TYPE = 'application/zip';

export interface UnzippedFile {
  /** The entry's file name, its folders dropped. */
  readonly name: string;
  readonly content: Buffer;
}

/**
 * One file and the folder entries above it: any more cannot be a zipped attachment, and a
 * directory of 100,000 entries takes yauzl most of a second to walk, so it is refused unread.
 */
const MAX_ENTRIES = 32;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;

/** Whether a declared content type (parameters ignored) is a zip. */
export function isZipContentType(contentType: string): boolean {
  return contentType.split(';')[0].trim().toLowerCase() === ZIP_CONTENT_TYPE;
}

/** The one file of a zip, at most `maxBytes` once inflated; rejects with `EDXML_ZIP_INVALID`. */
export async function unzipSingleFile(zip: Buffer, maxBytes: number): Promise<UnzippedFile> {
  const zipfile = await at(
    'directory',
    fromBufferPromise(zip, {
      lazyEntries: true,
      // yauzl then holds each entry to its declared sizes: a stored entry's two sizes must
      // agree, and an inflating stream fails past the uncompressed size the directory declares.
      validateEntrySizes: true,
      strictFileNames: false,
      decodeStrings: true,
    }),
  );
  try {
    if (zipfile.entryCount > MAX_ENTRIES) {
      throw invalid({
        en: `its directory lists ${zipfile.entryCount} entries; a zipped attachment holds one file`,
        vi: `mục lục tệp nén liệt kê ${zipfile.entryCount} mục; một tệp đính kèm nén chỉ chứa một tệp`,
      });
    }
    const entry = await at('directory', theOneFile(zipfile));
    refuseWhatIsNotRead(entry, maxBytes);
    const stream = await at('header', zipfile.openReadStreamPromise(entry));
    const content = await at('data', contentOf(stream, maxBytes));
    // yauzl checks sizes, not checksums.
    if (crc32(content) !== entry.crc32) throw invalid(ZIP_REFUSAL.mismatch);
    return { name: entry.fileName.slice(entry.fileName.lastIndexOf('/') + 1), content };
  } finally {
    zipfile.close();
  }
}

/** Its one file entry, directory entries aside. */
async function theOneFile(zipfile: ZipFile): Promise<Entry> {
  const files: Entry[] = [];
  for await (const entry of zipfile.eachEntry()) {
    if (!entry.fileName.endsWith('/')) files.push(entry);
  }
  if (files.length !== 1) {
    throw invalid({
      en: `it holds ${files.length} files; a zipped attachment holds exactly one`,
      vi: `tệp nén chứa ${files.length} tệp; một tệp đính kèm nén phải chứa đúng một tệp`,
    });
  }
  return files[0];
}

function refuseWhatIsNotRead(entry: Entry, maxBytes: number): void {
  if (entry.isEncrypted()) throw invalid(ZIP_REFUSAL.encrypted);
  const method = entry.compressionMethod;
  if (method !== METHOD_STORED && method !== METHOD_DEFLATED) {
    throw invalid({
      en: `compression method ${method} is not supported (only stored and deflate)`,
      vi: `không hỗ trợ phương thức nén ${method} (chỉ hỗ trợ stored và deflate)`,
    });
  }
  // What yauzl holds the stream to: within the cap, so is the file.
  if (entry.uncompressedSize > maxBytes) throw tooLarge(maxBytes);
}

/** The stream's bytes, counted as they come: past `maxBytes`, leaving the loop destroys it. */
async function contentOf(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    length += chunk.length;
    // yauzl already stops at the declared size; this keeps the cap ours whatever yauzl does.
    if (length > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

/** `work`, its yauzl or zlib error (message and stack dropped) turned into `EDXML_ZIP_INVALID`. */
async function at<T>(stage: ZipReadStage, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof EdxmlZipInvalidError) throw error;
    throw invalid(zipReadRefusal(error, stage));
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
