import type { BlobBytes } from '@docaxis/blob-store/blob-bytes';
import type { EdxmlManifestReference, EdxmlPacket } from '@docaxis/edxml/packet/edxml-packet';
import { isZipContentType, unzipSingleFile } from '@docaxis/edxml/packet/zipped-attachment';
import { FileNotPdfError } from '../dispatches/dispatch-submission.errors';
import type { UploadedPdf } from '../dispatches/submit-dispatch.usecase';
import { EdxmlAttachmentsMismatchError } from './edxml-submission.errors';

/**
 * The files of a whole packet (`application/xml` body): its base64 `AttachmentEncoded` entries. A
 * zipped one (`application/zip`) is its one file, at most `maxFileBytes` unzipped.
 */
export async function filesFromEmbeddedAttachments(
  packet: EdxmlPacket,
  maxFileBytes: number,
): Promise<UploadedPdf[]> {
  const files: UploadedPdf[] = [];
  // One at a time: each unzipped file may be as large as the cap.
  for (const attachment of packet.attachments) {
    const file = await pdfOf(
      attachment.attachmentName,
      attachment.contentType,
      attachment.content,
      maxFileBytes,
    );
    files.push(
      withDescription(
        file,
        attachment.description ?? describedInManifest(packet, attachment.contentId),
      ),
    );
  }
  return files;
}

/**
 * The files of a multipart submission whose `envelope` is a packet, in manifest order. When every
 * manifest `Reference` names its `AttachmentName`, each names exactly one `files` part by file
 * name; otherwise references and parts pair up in order. A packet without a manifest takes the
 * parts as they come. Files travel either as parts or embedded, never both.
 */
export async function filesFromParts(
  packet: EdxmlPacket,
  parts: readonly UploadedPdf[],
  maxFileBytes: number,
): Promise<UploadedPdf[]> {
  if (packet.attachments.length > 0) {
    throw new EdxmlAttachmentsMismatchError({
      en: 'a multipart packet carries its files as "files" parts, not in AttachmentEncoded',
      vi: 'gói tin gửi dạng multipart phải kèm tệp trong các phần "files", không đặt trong AttachmentEncoded',
    });
  }
  const references = packet.manifest?.references ?? [];
  if (references.length === 0) return [...parts];
  if (references.length !== parts.length) {
    throw new EdxmlAttachmentsMismatchError({
      en: `the manifest lists ${references.length} file(s), the request carries ${parts.length}`,
      vi: `danh mục (manifest) liệt kê ${references.length} tệp, yêu cầu kèm ${parts.length} tệp`,
    });
  }
  const byName = references.every((reference) => reference.attachmentName);
  const names = new Set(references.map((reference) => reference.attachmentName));
  if (byName && names.size !== references.length) {
    throw new EdxmlAttachmentsMismatchError({
      en: 'the manifest names the same file twice',
      vi: 'danh mục (manifest) nêu cùng một tệp hai lần',
    });
  }
  // Every pairing is checked before any file is read.
  const paired = references.map((reference, index) => ({
    reference,
    part: byName ? partNamed(parts, reference) : parts[index],
  }));
  const files: UploadedPdf[] = [];
  for (const { reference, part } of paired) {
    const file =
      reference.contentType === undefined
        ? part
        : await pdfOf(part.originalName, reference.contentType, part.bytes, maxFileBytes);
    files.push(withDescription(file, reference.description));
  }
  return files;
}

/** An attachment that says nothing of itself may be described by its manifest `Reference`. */
function describedInManifest(packet: EdxmlPacket, contentId: string): string | undefined {
  return packet.manifest?.references.find((reference) => reference.contentId === contentId)
    ?.description;
}

function withDescription(file: UploadedPdf, description: string | undefined): UploadedPdf {
  return description === undefined ? file : { ...file, description };
}

function partNamed(parts: readonly UploadedPdf[], reference: EdxmlManifestReference): UploadedPdf {
  const name = reference.attachmentName;
  // The parser gives the name in NFC; a part's file name is as the client wrote it (NFD from
  // some systems), and names the same file whichever form it is in.
  const matches = parts.filter((part) => part.originalName.normalize('NFC') === name);
  if (matches.length !== 1) {
    throw new EdxmlAttachmentsMismatchError({
      en: `the manifest names "${name}", which ${matches.length === 0 ? 'no' : 'more than one'} "files" part carries`,
      vi: `danh mục (manifest) nêu tệp "${name}", nhưng ${matches.length === 0 ? 'không có' : 'có nhiều hơn một'} phần "files" mang tên này`,
    });
  }
  return matches[0];
}

/** A file declared as a PDF, or the one file of a zip; anything else is not a PDF. */
async function pdfOf(
  name: string,
  contentType: string,
  bytes: BlobBytes,
  maxFileBytes: number,
): Promise<UploadedPdf> {
  if (isZipContentType(contentType)) {
    // A zip is read from its end: a part's pieces are joined for it, as for no other file.
    const zip = Buffer.isBuffer(bytes) ? bytes : Buffer.concat(bytes);
    const file = await unzipSingleFile(zip, maxFileBytes);
    return { originalName: file.name, contentType: 'application/pdf', bytes: file.content };
  }
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/pdf') throw new FileNotPdfError(name);
  return { originalName: name, contentType: 'application/pdf', bytes };
}
