import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DomainError } from '@docaxis/errors/domain-error';
import { EdxmlStructureError } from './edxml-errors';
import { EDXML_NAMESPACE, XLINK_NAMESPACE, XMLDSIG_NAMESPACE } from './edxml-namespaces';
import { parseEdxml, parseEdxmlPacket, parseEdxmlStatus } from './edxml-packet.parser';

function fixture(name: string): Buffer {
  return readFileSync(join(__dirname, '../../test-fixtures', name));
}

function refusal(parse: () => unknown): DomainError {
  try {
    parse();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the packet to be refused');
}

function structureIssues(parse: () => unknown) {
  const error = refusal(parse);
  expect(error).toBeInstanceOf(EdxmlStructureError);
  expect(error.code).toBe('EDXML_STRUCTURE_INVALID');
  return (error as EdxmlStructureError).issues;
}

describe('parseEdxmlPacket', () => {
  it('reads every element of the domain sample dispatch-new.edxml', () => {
    const packet = parseEdxmlPacket(fixture('dispatch-new.edxml'));
    expect(packet.messageHeader).toEqual({
      from: {
        organId: '000.00.00.G22',
        organizationInCharge: 'Chính phủ',
        organName: 'Văn phòng Chính phủ',
        organAdd: '16 Lê Hồng Phong, Ba Đình, Hà Nội',
        email: 'vanthu@example.gov.vn',
        telephone: '024 0000 0000',
        website: 'example.gov.vn',
      },
      to: [
        { organId: '000.00.00.H41', organName: 'UBND tỉnh Nghệ An' },
        { organId: '000.00.14.H20', organName: 'Sở Thông tin và Truyền thông Đồng Tháp' },
      ],
      documentId: '000.00.00.G22,2026/11/20,05/VPCP-KSTT',
      code: { codeNumber: '05', codeNotation: 'VPCP-KSTT' },
      promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026/11/20' },
      documentType: { type: '1', typeDetail: '0', typeName: 'Công văn' },
      subject: 'V/v thử nghiệm gửi, nhận văn bản điện tử qua trục liên thông',
      content: 'Đề nghị các cơ quan phản hồi trạng thái xử lý trong ngày làm việc.',
      signerInfo: {
        competence: 'KT. BỘ TRƯỞNG, CHỦ NHIỆM',
        position: 'Phó Chủ nhiệm',
        fullName: 'Nguyễn Văn A',
      },
      dueDate: '2026/11/27',
      otherInfo: {
        priority: '0',
        sphereOfPromulgation: 'Liên thông văn bản quốc gia',
        typerNotation: 'TVC',
        promulgationAmount: '1',
        pageAmount: '2',
        direction: 'false',
        appendixes: ['Phụ lục danh sách cơ quan'],
      },
      steeringType: '0',
      toPlaces: ['UBND tỉnh Nghệ An', 'Sở TT&TT Đồng Tháp', 'Lưu: VT, KSTT'],
    });
    expect(packet.traceHeaderList).toEqual({
      traceHeaders: [{ organId: '000.00.00.G22', timestamp: '2026/11/20 09:00:00' }],
      business: {
        documentId: '000.00.00.G22,2026/11/20,05/VPCP-KSTT',
        businessDocType: 'new',
        businessDocReason: 'Văn bản điện tử mới',
        paper: '0',
        staffInfo: {
          department: 'Phòng Văn thư - Lưu trữ',
          staff: 'Trần Thị B',
          email: 'vanthu@example.gov.vn',
          mobile: '0900000000',
        },
      },
    });
    expect(packet.manifest).toEqual({
      version: '1.0',
      references: [
        {
          contentId: 'cid:1',
          contentType: 'application/pdf',
          description: 'Văn bản chính',
          attachmentName: '05-VPCP-KSTT.pdf',
        },
      ],
    });
    expect(packet.attachments).toEqual([
      {
        contentId: 'cid:1',
        attachmentName: '05-VPCP-KSTT.pdf',
        description: 'Văn bản chính',
        contentType: 'application/pdf',
        content: Buffer.alloc(0),
      },
    ]);
    expect(packet.signature).toBeUndefined();
    expect(packet.extensions).toBeUndefined();
  });

  it('keeps unknown elements, the signature, xlink attributes and reads "Business" and base64', () => {
    const packet = parseEdxmlPacket(fixture('dispatch-extensions.edxml'));
    expect(packet.messageHeader.from.extensions).toEqual([
      { namespace: EDXML_NAMESPACE, name: 'OrganLevel', attributes: [], children: [], text: '1' },
    ]);
    expect(packet.messageHeader.otherInfo?.extensions?.map((element) => element.name)).toEqual([
      'ReplyFors',
      'ReferenceCodes',
    ]);
    expect(packet.messageHeader.extensions).toEqual([
      {
        namespace: 'urn:example:vnpt-edoc',
        name: 'SoftwareVersion',
        attributes: [{ name: 'build', value: '2026.11' }],
        children: [],
        text: '3.2',
      },
    ]);
    expect(packet.messageHeader.responseFor).toEqual([
      {
        organId: '000.00.00.H41',
        code: '12/UBND-VX',
        promulgationDate: '2026/11/01',
        documentId: '000.00.00.H41,2026/11/01,12/UBND-VX',
      },
    ]);
    expect(packet.traceHeaderList?.business?.businessDocType).toBe('new');
    expect(packet.traceHeaderList?.business?.businessDocReason).toBe('Văn bản điện tử mới');
    expect(packet.signature?.namespace).toBe(XMLDSIG_NAMESPACE);
    expect(packet.signature?.children.map((child) => child.name)).toEqual([
      'SignedInfo',
      'SignatureValue',
      'KeyInfo',
    ]);
    expect(packet.manifest?.references[0]).toMatchObject({ href: 'cid:1', linkType: 'simple' });
    expect(packet.attachments[0].content.toString()).toBe(
      '%PDF-1.4\n% TEST attachment bytes, not a real signed PDF\n%%EOF\n',
    );
    expect(packet.extensions?.attachmentEncoded?.[0]).toMatchObject({
      name: 'Checksum',
      attributes: [{ name: 'algorithm', value: 'SHA-256' }],
    });
    expect(XLINK_NAMESPACE).toBe('http://www.w3.org/1999/xlink');
  });

  it('reads every business document type', () => {
    const xml = fixture('dispatch-new.edxml').toString();
    const types = ['0', '1', '2', '3'].map(
      (code) =>
        parseEdxmlPacket(
          xml.replace('<edXML:BussinessDocType>0<', `<edXML:BussinessDocType>${code}<`),
        ).traceHeaderList?.business?.businessDocType,
    );
    expect(types).toEqual(['new', 'recall', 'update', 'replace']);
  });

  it('reads either spelling of the business children under either spelling of Business', () => {
    const xml = fixture('dispatch-new.edxml')
      .toString()
      .replace('<edXML:BussinessDocType>0<', '<edXML:BussinessDocType>3<');
    const variants = [
      // "Business" around the SDKs' "Bussiness…" children, and the other way round.
      xml.replace(/edXML:Bussiness>/g, 'edXML:Business>'),
      xml.replace(/edXML:BussinessDoc/g, 'edXML:BusinessDoc'),
    ];
    for (const variant of variants) {
      const business = parseEdxmlPacket(variant).traceHeaderList?.business;
      expect(business).toMatchObject({
        businessDocType: 'replace',
        businessDocReason: 'Văn bản điện tử mới',
      });
      expect(business?.extensions).toBeUndefined();
    }
  });

  it('reads a replacement list', () => {
    const xml = fixture('dispatch-new.edxml')
      .toString()
      .replace('<edXML:BussinessDocType>0<', '<edXML:BussinessDocType>3<')
      .replace(
        '</edXML:StaffInfo>',
        '</edXML:StaffInfo><edXML:ReplacementInfoList><edXML:ReplacementInfo><edXML:DocumentId>000.00.00.G22,2026/11/19,04/VPCP-KSTT</edXML:DocumentId><edXML:OrganIdList><edXML:OrganId>000.00.00.H41</edXML:OrganId><edXML:OrganId>000.00.14.H20</edXML:OrganId></edXML:OrganIdList></edXML:ReplacementInfo></edXML:ReplacementInfoList>',
      );
    expect(parseEdxmlPacket(xml).traceHeaderList?.business?.replacementInfoList).toEqual([
      {
        documentId: '000.00.00.G22,2026/11/19,04/VPCP-KSTT',
        organIds: ['000.00.00.H41', '000.00.14.H20'],
      },
    ]);
  });

  it('refuses a packet without its mandatory Subject', () => {
    expect(
      structureIssues(() => parseEdxmlPacket(fixture('dispatch-missing-subject.edxml'))),
    ).toEqual([
      {
        path: 'MessageHeader/Subject',
        code: 'ELEMENT_MISSING',
        message: 'MessageHeader/Subject is missing or empty',
      },
    ]);
  });

  it('refuses a packet without recipients', () => {
    expect(
      structureIssues(() => parseEdxmlPacket(fixture('dispatch-missing-recipient.edxml'))),
    ).toEqual([
      {
        path: 'MessageHeader/To',
        code: 'ELEMENT_MISSING',
        message: 'MessageHeader/To is missing: a dispatch needs at least one recipient',
      },
    ]);
  });

  it('refuses a trace timestamp that is not yyyy/MM/dd HH:mm:ss', () => {
    expect(
      structureIssues(() => parseEdxmlPacket(fixture('dispatch-bad-timestamp.edxml'))),
    ).toEqual([
      {
        path: 'TraceHeaderList/TraceHeader[1]/Timestamp',
        code: 'TIMESTAMP_INVALID',
        message:
          'TraceHeaderList/TraceHeader[1]/Timestamp "2026-11-20T09:00:00+07:00" must be a real time written yyyy/MM/dd HH:mm:ss',
      },
    ]);
  });

  it('refuses an unknown business document type', () => {
    expect(
      structureIssues(() => parseEdxmlPacket(fixture('dispatch-unknown-business-type.edxml'))),
    ).toEqual([
      {
        path: 'TraceHeaderList/Bussiness/BussinessDocType',
        code: 'BUSINESS_DOC_TYPE_UNKNOWN',
        message:
          'TraceHeaderList/Bussiness/BussinessDocType "7" must be 0 (new), 1 (recall), 2 (update) or 3 (replace)',
      },
    ]);
  });

  it.each(['not base64!', 'AB==CDEF', 'AB*=', '====', 'QUJ'])(
    'refuses attachment content %j that is not base64',
    (content) => {
      const xml = fixture('dispatch-new.edxml')
        .toString()
        .replace('<!-- base64 of the signed PDF -->', content);
      expect(structureIssues(() => parseEdxmlPacket(xml))).toEqual([
        {
          path: 'AttachmentEncoded/Attachment[1]/ContentTransferEncoded',
          code: 'BASE64_INVALID',
          message: 'AttachmentEncoded/Attachment[1]/ContentTransferEncoded is not valid base64',
        },
      ]);
    },
  );

  it('refuses an AttachmentName over 200 characters in the manifest and the attachment', () => {
    const xml = fixture('dispatch-new.edxml').toString();
    const at200 = `${'a'.repeat(196)}.pdf`;
    expect(
      parseEdxmlPacket(xml.replaceAll('05-VPCP-KSTT.pdf', at200)).attachments[0].attachmentName,
    ).toBe(at200);
    // Counted in characters, not bytes: 197 Vietnamese letters are 394 bytes.
    const over = `${'đ'.repeat(197)}.pdf`;
    expect(
      structureIssues(() => parseEdxmlPacket(xml.replaceAll('05-VPCP-KSTT.pdf', over))),
    ).toEqual([
      {
        path: 'edXMLManifest/Reference[1]/AttachmentName',
        code: 'VALUE_TOO_LONG',
        message:
          'edXMLManifest/Reference[1]/AttachmentName has 201 characters, at most 200 are allowed',
      },
      {
        path: 'AttachmentEncoded/Attachment[1]/AttachmentName',
        code: 'VALUE_TOO_LONG',
        message:
          'AttachmentEncoded/Attachment[1]/AttachmentName has 201 characters, at most 200 are allowed',
      },
    ]);
  });

  it('refuses a TraceHeader OrganId that is not an agency code: the axis serves it back', () => {
    const xml = fixture('dispatch-new.edxml')
      .toString()
      .replace(
        '<edXML:TraceHeader><edXML:OrganId>000.00.00.G22</edXML:OrganId>',
        '<edXML:TraceHeader><edXML:OrganId>G22 &lt;script&gt;</edXML:OrganId>',
      );
    expect(structureIssues(() => parseEdxmlPacket(xml))).toEqual([
      expect.objectContaining({
        path: 'TraceHeaderList/TraceHeader[1]/OrganId',
        code: 'AGENCY_CODE_INVALID',
      }),
    ]);
  });

  it('refuses a Description over 250 characters and a StaffInfo field with an invisible character', () => {
    const xml = fixture('dispatch-new.edxml').toString();
    const at250 = 'đ'.repeat(250);
    expect(
      parseEdxmlPacket(xml.replaceAll('Văn bản chính', at250)).attachments[0].description,
    ).toBe(at250);
    const refused = xml
      .replaceAll('Văn bản chính', 'đ'.repeat(251))
      .replace('<edXML:Staff>Trần Thị B', '<edXML:Staff>Trần\u200bThị B');
    expect(structureIssues(() => parseEdxmlPacket(refused))).toEqual([
      expect.objectContaining({
        path: 'TraceHeaderList/Bussiness/StaffInfo/Staff',
        code: 'VALUE_INVALID',
      }),
      expect.objectContaining({
        path: 'edXMLManifest/Reference[1]/Description',
        code: 'VALUE_TOO_LONG',
      }),
      expect.objectContaining({
        path: 'AttachmentEncoded/Attachment[1]/Description',
        code: 'VALUE_TOO_LONG',
      }),
    ]);
  });

  it('decodes a large attachment with line breaks exactly', () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    const base64 = bytes.toString('base64').replace(/(.{76})/g, '$1\r\n');
    const xml = fixture('dispatch-new.edxml')
      .toString()
      .replace('<!-- base64 of the signed PDF -->', base64);
    const packet = parseEdxmlPacket(xml);
    expect(packet.attachments[0].content.equals(bytes)).toBe(true);
  });

  it('refuses a repeated single element', () => {
    const xml = fixture('dispatch-new.edxml')
      .toString()
      .replace(
        '<edXML:DueDate>2026/11/27</edXML:DueDate>',
        '<edXML:DueDate>2026/11/27</edXML:DueDate><edXML:DueDate>2026/11/28</edXML:DueDate>',
      );
    expect(structureIssues(() => parseEdxmlPacket(xml))).toEqual([
      {
        path: 'MessageHeader/DueDate',
        code: 'ELEMENT_REPEATED',
        message: 'MessageHeader/DueDate appears 2 times, at most once is allowed',
      },
    ]);
  });

  it('refuses the wrong namespace', () => {
    const error = refusal(() => parseEdxmlPacket(fixture('dispatch-wrong-namespace.edxml')));
    expect(error.code).toBe('EDXML_NAMESPACE_INVALID');
    expect(error.message).toContain(
      'the root <edXML> is in "http://www.mic.gov.vn/TBT/QCVN_102_2015"',
    );
  });

  it('refuses a known element in a foreign namespace', () => {
    const xml = fixture('dispatch-new.edxml')
      .toString()
      .replace('<edXML:Subject>', '<o:Subject xmlns:o="urn:other">')
      .replace('</edXML:Subject>', '</o:Subject>');
    const error = refusal(() => parseEdxmlPacket(xml));
    expect(error.code).toBe('EDXML_NAMESPACE_INVALID');
    expect(error.message).toContain('<Subject> at MessageHeader/Subject is in "urn:other"');
  });

  it('refuses another root and a status packet', () => {
    expect(structureIssues(() => parseEdxmlPacket(`<Packet xmlns="${EDXML_NAMESPACE}"/>`))).toEqual(
      [
        {
          path: 'Packet',
          code: 'ROOT_INVALID',
          message: 'the root element must be <edXML>, not <Packet>',
        },
      ],
    );
    expect(
      structureIssues(() => parseEdxmlPacket(fixture('status-received.edxml')))[0].message,
    ).toContain('this is a status packet');
    expect(structureIssues(() => parseEdxmlPacket(`<edXML xmlns="${EDXML_NAMESPACE}"/>`))).toEqual([
      {
        path: 'edXMLEnvelope',
        code: 'ELEMENT_MISSING',
        message: 'edXMLEnvelope is missing or empty',
      },
    ]);
  });

  it('refuses DOCTYPE, entity bombs and oversize input through the safe reader', () => {
    expect(refusal(() => parseEdxmlPacket(fixture('dispatch-doctype-xxe.edxml'))).code).toBe(
      'EDXML_DOCTYPE_FORBIDDEN',
    );
    expect(refusal(() => parseEdxmlPacket(fixture('dispatch-billion-laughs.edxml'))).code).toBe(
      'EDXML_DOCTYPE_FORBIDDEN',
    );
    expect(
      refusal(() => parseEdxmlPacket(fixture('dispatch-new.edxml'), { maxBytes: 1000 })).code,
    ).toBe('EDXML_TOO_LARGE');
    expect(
      refusal(() => parseEdxmlPacket(fixture('dispatch-new.edxml'), { maxDepth: 4 })).code,
    ).toBe('EDXML_TOO_DEEP');
    expect(refusal(() => parseEdxmlPacket('<edXML')).code).toBe('EDXML_MALFORMED');
  });
});

describe('parseEdxmlPacket and decomposed Unicode', () => {
  it('reads a message packet written in NFD as the same packet in NFC', () => {
    const composed = fixture('dispatch-new.edxml').toString();
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const packet = parseEdxmlPacket(decomposed);
    expect(packet).toEqual(parseEdxmlPacket(composed));
    expect(packet.messageHeader.from.organName).toBe('Văn phòng Chính phủ'.normalize('NFC'));
  });
});

describe('parseEdxmlStatus', () => {
  it('reads the domain sample status-received.edxml', () => {
    expect(parseEdxmlStatus(fixture('status-received.edxml'))).toEqual({
      from: { organId: '000.00.00.H41', organName: 'UBND tỉnh Nghệ An' },
      responseFor: {
        organId: '000.00.00.G22',
        code: '05/VPCP-KSTT',
        promulgationDate: '2026/11/20',
        documentId: '000.00.00.G22,2026/11/20,05/VPCP-KSTT',
      },
      staffInfo: { department: 'Văn phòng UBND tỉnh', staff: 'Lê Văn C' },
      statusCode: '01',
      description: 'Văn thư: Đã đến - phần mềm quản lý văn bản đã nhận, văn thư chưa xử lý',
      timestamp: '2026/11/20 09:05:00',
    });
  });

  it.each(['01', '02', '03', '04', '05', '06', '13', '15', '16'])(
    'reads status code %s',
    (code) => {
      const xml = fixture('status-received.edxml')
        .toString()
        .replace('<edXML:StatusCode>01<', `<edXML:StatusCode>${code}<`);
      expect(parseEdxmlStatus(xml).statusCode).toBe(code);
    },
  );

  it('reads 14 as 15 (agrees to a recall or update)', () => {
    expect(parseEdxmlStatus(fixture('status-agrees-recall-14.edxml')).statusCode).toBe('15');
  });

  it('refuses an unknown status code', () => {
    expect(structureIssues(() => parseEdxmlStatus(fixture('status-unknown-code.edxml')))).toEqual([
      {
        path: 'Status/StatusCode',
        code: 'STATUS_CODE_UNKNOWN',
        message: 'Status/StatusCode "07" is not one of 01-06, 13, 14, 15, 16',
      },
    ]);
  });

  it('refuses an impossible timestamp', () => {
    expect(
      structureIssues(() => parseEdxmlStatus(fixture('status-bad-timestamp.edxml')))[0],
    ).toMatchObject({
      path: 'Status/Timestamp',
      code: 'TIMESTAMP_INVALID',
    });
  });

  it('checks the agency codes, date and code of ResponseFor', () => {
    const xml = fixture('status-received.edxml')
      .toString()
      .replace(
        '<edXML:OrganId>000.00.00.H41</edXML:OrganId>',
        '<edXML:OrganId>000.00.00.h41</edXML:OrganId>',
      )
      .replace('<edXML:PromulgationDate>2026/11/20<', '<edXML:PromulgationDate>2026/11/31<')
      .replace('<edXML:Code>05/VPCP-KSTT<', '<edXML:Code>5/VPCP-KSTT<');
    expect(
      structureIssues(() => parseEdxmlStatus(xml)).map((issue) => `${issue.path} ${issue.code}`),
    ).toEqual([
      'Status/From/OrganId AGENCY_CODE_INVALID',
      'Status/ResponseFor/PromulgationDate DATE_INVALID',
      'Status/ResponseFor/Code VALUE_INVALID',
    ]);
  });

  it('refuses a ResponseFor whose DocumentId is not {OrganId},{PromulgationDate},{Code}', () => {
    const xml = fixture('status-received.edxml').toString();
    const answering = (organId: string, date: string, code: string) =>
      xml
        .replace(
          '<edXML:ResponseFor><edXML:OrganId>000.00.00.G22<',
          `<edXML:ResponseFor><edXML:OrganId>${organId}<`,
        )
        .replace('<edXML:PromulgationDate>2026/11/20<', `<edXML:PromulgationDate>${date}<`)
        .replace('<edXML:Code>05/VPCP-KSTT<', `<edXML:Code>${code}<`);
    for (const variant of [
      answering('000.00.00.H14', '2026/11/20', '05/VPCP-KSTT'),
      answering('000.00.00.G22', '2026/11/21', '05/VPCP-KSTT'),
      answering('000.00.00.G22', '2026/11/20', '06/VPCP-KSTT'),
    ]) {
      expect(structureIssues(() => parseEdxmlStatus(variant))).toEqual([
        {
          path: 'Status/ResponseFor/DocumentId',
          code: 'DOCUMENT_ID_MISMATCH',
          message: expect.stringContaining(
            'Status/ResponseFor/DocumentId "000.00.00.G22,2026/11/20,05/VPCP-KSTT" must be',
          ),
        },
      ]);
    }
    // Unicode normalization aside: the Code in decomposed form names the same document.
    const decomposed = xml.replace(/VPCP-KSTT/g, 'VPCP-VĂN'.normalize('NFD'));
    expect(parseEdxmlStatus(decomposed).responseFor.organId).toBe('000.00.00.G22');
  });

  it('reads a status packet written in decomposed Unicode (NFD) as the same packet in NFC', () => {
    // ResponseFor names a notation with a letter that decomposes (Ă = A + breve), as do the names.
    const composed = fixture('status-received.edxml')
      .toString()
      .replace(/VPCP-KSTT/g, 'VPCP-VĂN');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const status = parseEdxmlStatus(decomposed);
    expect(status).toEqual(parseEdxmlStatus(composed));
    expect(status.responseFor).toEqual({
      organId: '000.00.00.G22',
      code: '05/VPCP-VĂN'.normalize('NFC'),
      promulgationDate: '2026/11/20',
      documentId: '000.00.00.G22,2026/11/20,05/VPCP-VĂN'.normalize('NFC'),
    });
    expect(status.from.organName).toBe('UBND tỉnh Nghệ An'.normalize('NFC'));
  });

  it('refuses a missing ResponseFor and a message packet', () => {
    const xml = fixture('status-received.edxml')
      .toString()
      .replace(/<edXML:ResponseFor>.*<\/edXML:ResponseFor>/, '');
    expect(structureIssues(() => parseEdxmlStatus(xml))).toEqual([
      {
        path: 'Status/ResponseFor',
        code: 'ELEMENT_MISSING',
        message: 'Status/ResponseFor is missing or empty',
      },
    ]);
    expect(
      structureIssues(() => parseEdxmlStatus(fixture('dispatch-new.edxml')))[0].message,
    ).toContain('this is a message packet');
  });

  it('refuses a status packet carrying document content (edXMLBody, AttachmentEncoded) → EDXML_STATUS_BODY_FORBIDDEN', () => {
    const error = refusal(() => parseEdxmlStatus(fixture('status-with-body.edxml')));
    expect(error).toMatchObject({
      code: 'EDXML_STATUS_BODY_FORBIDDEN',
      kind: 'unprocessable',
      details: { elements: ['edXMLBody', 'AttachmentEncoded'] },
    });
    expect(error.messageVi).toContain('Gói tin trạng thái edXML không được mang nội dung văn bản');
    const xml = fixture('status-received.edxml').toString();
    const onlyBody = xml.replace(
      '</edXML:edXMLHeader>',
      '</edXML:edXMLHeader><edXML:edXMLBody><edXML:Note>x</edXML:Note></edXML:edXMLBody>',
    );
    expect(refusal(() => parseEdxml(onlyBody))).toMatchObject({
      code: 'EDXML_STATUS_BODY_FORBIDDEN',
      details: { elements: ['edXMLBody'] },
    });
    const onlyText = xml.replace(
      '</edXML:edXMLEnvelope>',
      '</edXML:edXMLEnvelope><AttachmentEncoded>JVBERi0xLjQK</AttachmentEncoded>',
    );
    expect(refusal(() => parseEdxml(onlyText))).toMatchObject({
      details: { elements: ['AttachmentEncoded'] },
    });
  });

  it('reads a status packet with an empty edXMLBody or AttachmentEncoded as one without', () => {
    const xml = fixture('status-received.edxml').toString();
    const empty = xml
      .replace(
        '</edXML:edXMLHeader>',
        '</edXML:edXMLHeader><edXML:edXMLBody>\n  </edXML:edXMLBody>',
      )
      .replace('</edXML:edXMLEnvelope>', '</edXML:edXMLEnvelope><AttachmentEncoded/>');
    expect(parseEdxmlStatus(empty)).toEqual(parseEdxmlStatus(xml));
  });

  it("reads the TraceHeaderList of a status packet that passed an axis into the model, checked as a message's", () => {
    const status = parseEdxmlStatus(fixture('status-through-axis.edxml'));
    expect(status.traceHeaderList).toEqual({
      traceHeaders: [
        { organId: '000.00.00.H41', timestamp: '2026/11/20 09:05:00' },
        { organId: '000.00.00.G22', timestamp: '2026/11/20 09:05:02' },
      ],
    });
    expect(status.outerExtensions).toBeUndefined();
    const { traceHeaderList: _trace, ...rest } = status;
    expect(rest).toEqual(parseEdxmlStatus(fixture('status-received.edxml')));
    const badTime = fixture('status-through-axis.edxml')
      .toString()
      .replace('2026/11/20 09:05:02', '2026-11-20T09:05:02');
    expect(structureIssues(() => parseEdxmlStatus(badTime))).toEqual([
      expect.objectContaining({
        path: 'TraceHeaderList/TraceHeader[2]/Timestamp',
        code: 'TIMESTAMP_INVALID',
      }),
    ]);
  });

  it('refuses a packet with both Status and MessageHeader, as a status and as a message', () => {
    const issue = {
      path: 'MessageHeader',
      code: 'ELEMENT_UNEXPECTED',
      message: expect.stringContaining('a packet is a message or a status, not both'),
    };
    const xml = fixture('status-with-message-header.edxml');
    expect(structureIssues(() => parseEdxmlStatus(xml))).toEqual([issue]);
    expect(structureIssues(() => parseEdxmlPacket(xml))).toEqual([issue]);
  });

  it('tells the two kinds apart', () => {
    expect(parseEdxml(fixture('dispatch-new.edxml')).kind).toBe('packet');
    expect(parseEdxml(fixture('status-received.edxml')).kind).toBe('status');
  });
});

describe('parseEdxml on damaged input', () => {
  it('throws only typed domain errors, whatever the bytes', () => {
    const sample = fixture('dispatch-new.edxml').toString();
    const damaged = fc.oneof(
      fc.string(),
      fc.nat({ max: sample.length }).map((cut) => sample.slice(0, cut)),
      fc
        .tuple(fc.nat({ max: sample.length }), fc.string({ maxLength: 8 }))
        .map(([at, insert]) => sample.slice(0, at) + insert + sample.slice(at)),
      fc
        .tuple(fc.nat({ max: sample.length }), fc.nat({ max: 40 }))
        .map(([at, length]) => sample.slice(0, at) + sample.slice(at + length)),
    );
    fc.assert(
      fc.property(damaged, (xml) => {
        try {
          parseEdxml(xml);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          expect(error.code).toMatch(/^EDXML_/);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
