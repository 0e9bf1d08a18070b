import type { EdxmlAttachment, EdxmlPacket } from '@docaxis/edxml/packet/edxml-packet';
import type { DomainError } from '@docaxis/errors/domain-error';
import type { UploadedPdf } from '../dispatches/submit-dispatch.usecase';
import { filesFromEmbeddedAttachments, filesFromParts } from './edxml-attachment-files';

const PDF_A = Buffer.from('%PDF-1.7 a');
const PDF_B = Buffer.from('%PDF-1.7 b');

function packet(
  references: { attachmentName?: string; contentType?: string }[],
  attachments: EdxmlAttachment[] = [],
): EdxmlPacket {
  return {
    messageHeader: {} as EdxmlPacket['messageHeader'],
    manifest: references.length ? { version: '1.0', references } : undefined,
    attachments,
  };
}

const part = (originalName: string, bytes: Buffer): UploadedPdf => ({
  originalName,
  contentType: 'application/pdf',
  bytes,
});

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as DomainError).code;
  }
  return undefined;
}

describe('filesFromEmbeddedAttachments', () => {
  it('takes every embedded attachment as a PDF under its AttachmentName, in order', () => {
    const files = filesFromEmbeddedAttachments(
      packet(
        [],
        [
          {
            contentId: 'cid:1',
            attachmentName: 'a.pdf',
            contentType: 'application/pdf',
            content: PDF_A,
          },
          {
            contentId: 'cid:2',
            attachmentName: 'b.pdf',
            contentType: 'Application/PDF; name=b.pdf',
            content: PDF_B,
          },
        ],
      ),
    );
    expect(files).toEqual([part('a.pdf', PDF_A), part('b.pdf', PDF_B)]);
  });

  it('refuses an attachment declared as anything but application/pdf → FILE_NOT_PDF', () => {
    const zip: EdxmlAttachment = {
      contentId: 'cid:1',
      attachmentName: 'a.zip',
      contentType: 'application/zip',
      content: PDF_A,
    };
    expect(codeOf(() => filesFromEmbeddedAttachments(packet([], [zip])))).toBe('FILE_NOT_PDF');
  });
});

describe('filesFromParts', () => {
  it('pairs parts with the manifest by file name, in manifest order', () => {
    const files = filesFromParts(
      packet([{ attachmentName: 'b.pdf' }, { attachmentName: 'a.pdf' }]),
      [part('a.pdf', PDF_A), part('b.pdf', PDF_B)],
    );
    expect(files.map((file) => file.bytes)).toEqual([PDF_B, PDF_A]);
  });

  it('pairs by order when a reference does not name its file', () => {
    const files = filesFromParts(packet([{ attachmentName: 'x.pdf' }, {}]), [
      part('a.pdf', PDF_A),
      part('b.pdf', PDF_B),
    ]);
    expect(files.map((file) => file.originalName)).toEqual(['a.pdf', 'b.pdf']);
  });

  it('takes the parts as they come without a manifest', () => {
    expect(filesFromParts(packet([]), [part('a.pdf', PDF_A)])).toEqual([part('a.pdf', PDF_A)]);
  });

  it.each([
    ['a count that differs', [{ attachmentName: 'a.pdf' }, { attachmentName: 'b.pdf' }], ['a.pdf']],
    ['a name no part carries', [{ attachmentName: 'b.pdf' }], ['a.pdf']],
    [
      'a name given twice',
      [{ attachmentName: 'a.pdf' }, { attachmentName: 'a.pdf' }],
      ['a.pdf', 'b.pdf'],
    ],
    [
      'two parts under one name',
      [{ attachmentName: 'a.pdf' }, { attachmentName: 'b.pdf' }],
      ['a.pdf', 'a.pdf'],
    ],
  ])('refuses %s → EDXML_ATTACHMENTS_MISMATCH', (_case, references, names) => {
    const parts = names.map((name) => part(name, PDF_A));
    expect(codeOf(() => filesFromParts(packet(references), parts))).toBe(
      'EDXML_ATTACHMENTS_MISMATCH',
    );
  });

  it('refuses files both embedded and as parts → EDXML_ATTACHMENTS_MISMATCH', () => {
    const embedded: EdxmlAttachment = {
      contentId: 'cid:1',
      attachmentName: 'a.pdf',
      contentType: 'application/pdf',
      content: PDF_A,
    };
    expect(codeOf(() => filesFromParts(packet([], [embedded]), [part('a.pdf', PDF_A)]))).toBe(
      'EDXML_ATTACHMENTS_MISMATCH',
    );
  });

  it('refuses a manifest reference typed as another media type → FILE_NOT_PDF', () => {
    const references = [{ attachmentName: 'a.pdf', contentType: 'text/plain' }];
    expect(codeOf(() => filesFromParts(packet(references), [part('a.pdf', PDF_A)]))).toBe(
      'FILE_NOT_PDF',
    );
  });
});
