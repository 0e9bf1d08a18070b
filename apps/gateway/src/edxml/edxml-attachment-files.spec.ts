import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EdxmlAttachment, EdxmlPacket } from '@docaxis/edxml/packet/edxml-packet';
import type { DomainError } from '@docaxis/errors/domain-error';
import type { UploadedPdf } from '../dispatches/submit-dispatch.usecase';
import { filesFromEmbeddedAttachments, filesFromParts } from './edxml-attachment-files';

const PDF_A = Buffer.from('%PDF-1.7 a');
const PDF_B = Buffer.from('%PDF-1.7 b');
const MAX_FILE_BYTES = 1024 * 1024;
// Info-ZIP's zip of one TEST PDF, 05-VPCP-KSTT.pdf (2255 bytes).
const ZIPPED_PDF = readFileSync(
  join(__dirname, '../../../../libs/edxml/test-fixtures/attachment-deflated.zip'),
);

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

const attachment = (
  attachmentName: string,
  contentType: string,
  content: Buffer,
): EdxmlAttachment => ({ contentId: 'cid:1', attachmentName, contentType, content });

async function codeOf(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return (error as DomainError).code;
  }
  return undefined;
}

describe('filesFromEmbeddedAttachments', () => {
  it('takes every embedded attachment as a PDF under its AttachmentName, in order', async () => {
    const files = await filesFromEmbeddedAttachments(
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
      MAX_FILE_BYTES,
    );
    expect(files).toEqual([part('a.pdf', PDF_A), part('b.pdf', PDF_B)]);
  });

  it('takes the one file of a zipped attachment (application/zip) under its own name', async () => {
    const zipped = attachment('05-VPCP-KSTT.zip', 'application/zip', ZIPPED_PDF);
    const [file] = await filesFromEmbeddedAttachments(packet([], [zipped]), MAX_FILE_BYTES);
    expect(file.originalName).toBe('05-VPCP-KSTT.pdf');
    expect(file.contentType).toBe('application/pdf');
    expect((file.bytes as Buffer).subarray(0, 9).toString()).toBe('%PDF-1.4\n');
    expect((file.bytes as Buffer).length).toBe(2255);
    // The unzipped size is capped like any file's.
    expect(await codeOf(() => filesFromEmbeddedAttachments(packet([], [zipped]), 2000))).toBe(
      'EDXML_ZIP_INVALID',
    );
    const notAZip = { ...zipped, content: PDF_A };
    expect(
      await codeOf(() => filesFromEmbeddedAttachments(packet([], [notAZip]), MAX_FILE_BYTES)),
    ).toBe('EDXML_ZIP_INVALID');
  });

  it('refuses an attachment declared as anything but a PDF or a zip → FILE_NOT_PDF', async () => {
    const word = attachment('a.doc', 'application/msword', PDF_A);
    expect(
      await codeOf(() => filesFromEmbeddedAttachments(packet([], [word]), MAX_FILE_BYTES)),
    ).toBe('FILE_NOT_PDF');
  });
});

describe('filesFromParts', () => {
  it('pairs parts with the manifest by file name, in manifest order', async () => {
    const files = await filesFromParts(
      packet([{ attachmentName: 'b.pdf' }, { attachmentName: 'a.pdf' }]),
      [part('a.pdf', PDF_A), part('b.pdf', PDF_B)],
      MAX_FILE_BYTES,
    );
    expect(files.map((file) => file.bytes)).toEqual([PDF_B, PDF_A]);
  });

  it('pairs a part whose file name is in decomposed Unicode (NFD) with the name the manifest gives in NFC', async () => {
    const name = 'Công văn số 05.pdf';
    const files = await filesFromParts(
      packet([{ attachmentName: name.normalize('NFC') }]),
      [part(name.normalize('NFD'), PDF_A)],
      MAX_FILE_BYTES,
    );
    expect(files.map((file) => file.bytes)).toEqual([PDF_A]);
  });

  it('pairs by order when a reference does not name its file', async () => {
    const files = await filesFromParts(
      packet([{ attachmentName: 'x.pdf' }, {}]),
      [part('a.pdf', PDF_A), part('b.pdf', PDF_B)],
      MAX_FILE_BYTES,
    );
    expect(files.map((file) => file.originalName)).toEqual(['a.pdf', 'b.pdf']);
  });

  it('takes the parts as they come without a manifest', async () => {
    expect(await filesFromParts(packet([]), [part('a.pdf', PDF_A)], MAX_FILE_BYTES)).toEqual([
      part('a.pdf', PDF_A),
    ]);
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
  ])('refuses %s → EDXML_ATTACHMENTS_MISMATCH', async (_case, references, names) => {
    const parts = names.map((name) => part(name, PDF_A));
    expect(await codeOf(() => filesFromParts(packet(references), parts, MAX_FILE_BYTES))).toBe(
      'EDXML_ATTACHMENTS_MISMATCH',
    );
  });

  it('refuses files both embedded and as parts → EDXML_ATTACHMENTS_MISMATCH', async () => {
    const embedded = attachment('a.pdf', 'application/pdf', PDF_A);
    expect(
      await codeOf(() =>
        filesFromParts(packet([], [embedded]), [part('a.pdf', PDF_A)], MAX_FILE_BYTES),
      ),
    ).toBe('EDXML_ATTACHMENTS_MISMATCH');
  });

  it('refuses a manifest reference typed as another media type → FILE_NOT_PDF', async () => {
    const references = [{ attachmentName: 'a.pdf', contentType: 'text/plain' }];
    expect(
      await codeOf(() =>
        filesFromParts(packet(references), [part('a.pdf', PDF_A)], MAX_FILE_BYTES),
      ),
    ).toBe('FILE_NOT_PDF');
  });

  it('unzips a part the manifest declares as application/zip, in pieces as it arrived', async () => {
    const references = [{ attachmentName: 'van-ban.zip', contentType: 'application/zip' }];
    const pieces = [ZIPPED_PDF.subarray(0, 100), ZIPPED_PDF.subarray(100)];
    const [file] = await filesFromParts(
      packet(references),
      [{ originalName: 'van-ban.zip', contentType: 'application/zip', bytes: pieces }],
      MAX_FILE_BYTES,
    );
    expect(file.originalName).toBe('05-VPCP-KSTT.pdf');
    expect((file.bytes as Buffer).length).toBe(2255);
  });
});

describe('the Description of each file', () => {
  it("is the attachment's own, else its manifest Reference's (by ContentId)", async () => {
    const files = await filesFromEmbeddedAttachments(
      {
        ...packet(
          [{ attachmentName: 'b.pdf', contentType: 'application/pdf' }],
          [
            { ...attachment('a.pdf', 'application/pdf', PDF_A), description: 'Văn bản chính' },
            { ...attachment('b.pdf', 'application/pdf', PDF_B), contentId: 'cid:2' },
          ],
        ),
        manifest: {
          version: '1.0',
          references: [{ contentId: 'cid:2', description: 'Phụ lục', attachmentName: 'b.pdf' }],
        },
      },
      MAX_FILE_BYTES,
    );
    expect(files.map((file) => file.description)).toEqual(['Văn bản chính', 'Phụ lục']);
  });

  it("of a multipart part is its manifest Reference's", async () => {
    const files = await filesFromParts(
      {
        ...packet([]),
        manifest: {
          version: '1.0',
          references: [
            { attachmentName: 'b.pdf', description: 'Phụ lục' },
            { attachmentName: 'a.pdf' },
          ],
        },
      },
      [part('a.pdf', PDF_A), part('b.pdf', PDF_B)],
      MAX_FILE_BYTES,
    );
    expect(files.map((file) => [file.originalName, file.description])).toEqual([
      ['b.pdf', 'Phụ lục'],
      ['a.pdf', undefined],
    ]);
  });
});
