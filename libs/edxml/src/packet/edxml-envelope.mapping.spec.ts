import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfidentialDocumentRefusedError } from '../envelope/confidential-document-refused.error';
import { isSecret, validateDispatchEnvelope } from '../envelope/dispatch-envelope';
import { EnvelopeValidationError, type EnvelopeIssue } from '../envelope/envelope-validation.error';
import {
  edxmlToEnvelope,
  envelopeToEdxml,
  newDispatchTraceHeaderList,
} from './edxml-envelope.mapping';
import { buildEdxmlPacket } from './edxml-packet.builder';
import { parseEdxmlPacket } from './edxml-packet.parser';

function fixture(name: string): Buffer {
  return readFileSync(join(__dirname, '../../test-fixtures', name));
}

function envelopeIssues(xml: Buffer | string): EnvelopeIssue[] {
  try {
    edxmlToEnvelope(parseEdxmlPacket(xml));
  } catch (error) {
    expect(error).toBeInstanceOf(EnvelopeValidationError);
    return [...(error as EnvelopeValidationError).issues];
  }
  throw new Error('expected the envelope to be refused');
}

function withHeader(change: (xml: string) => string): string {
  return change(fixture('dispatch-new.edxml').toString());
}

describe('edxmlToEnvelope', () => {
  it('validates the domain sample into a DispatchEnvelope', () => {
    expect(edxmlToEnvelope(parseEdxmlPacket(fixture('dispatch-new.edxml')))).toEqual({
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
      promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-11-20' },
      documentType: { type: 1, typeDetail: 0, typeName: 'Công văn' },
      subject: 'V/v thử nghiệm gửi, nhận văn bản điện tử qua trục liên thông',
      content: 'Đề nghị các cơ quan phản hồi trạng thái xử lý trong ngày làm việc.',
      signerInfo: {
        competence: 'KT. BỘ TRƯỞNG, CHỦ NHIỆM',
        position: 'Phó Chủ nhiệm',
        fullName: 'Nguyễn Văn A',
      },
      dueDate: '2026-11-27',
      urgency: 'normal',
      confidentiality: 'none',
      steeringType: 0,
      otherInfo: {
        priority: 0,
        sphereOfPromulgation: 'Liên thông văn bản quốc gia',
        typerNotation: 'TVC',
        promulgationAmount: 1,
        pageAmount: 2,
        direction: false,
        appendixes: ['Phụ lục danh sách cơ quan'],
      },
      toPlaces: ['UBND tỉnh Nghệ An', 'Sở TT&TT Đồng Tháp', 'Lưu: VT, KSTT'],
    });
  });

  it('reads the urgency from OtherInfo/Priority', () => {
    const urgencies = ['0', '1', '2', '3', '4'].map(
      (priority) =>
        edxmlToEnvelope(
          parseEdxmlPacket(
            withHeader((xml) => xml.replace('<edXML:Priority>0<', `<edXML:Priority>${priority}<`)),
          ),
        ).urgency,
    );
    expect(urgencies).toEqual(['normal', 'urgent', 'very-urgent', 'express', 'express']);
    expect(
      envelopeIssues(
        withHeader((xml) => xml.replace('<edXML:Priority>0<', '<edXML:Priority>9<')),
      ).map((issue) => issue.code),
    ).toEqual(['FIELD_VALUE_INVALID']);
  });

  it('reads a secret mark without refusing it; the gateway refuses', () => {
    const envelope = edxmlToEnvelope(parseEdxmlPacket(fixture('dispatch-secret.edxml')));
    expect(envelope.confidentiality).toBe('secret');
    expect(isSecret(envelope)).toBe(true);
    expect(new ConfidentialDocumentRefusedError(envelope.confidentiality).code).toBe(
      'CONFIDENTIAL_DOCUMENT_REFUSED',
    );
  });

  it('fails closed on an unreadable secrecy mark', () => {
    expect(
      envelopeIssues(
        withHeader((xml) =>
          xml.replace(
            '</edXML:Appendixes>',
            '</edXML:Appendixes><edXML:SecurityLevel>mật</edXML:SecurityLevel>',
          ),
        ),
      ),
    ).toEqual([
      {
        path: 'confidentiality',
        code: 'FIELD_TYPE_INVALID',
        message: 'confidentiality (độ mật) must be a whole number, not "mật"',
      },
    ]);
    expect(
      envelopeIssues(
        withHeader((xml) =>
          xml.replace(
            '</edXML:Appendixes>',
            '</edXML:Appendixes><edXML:SecurityLevel>7</edXML:SecurityLevel>',
          ),
        ),
      ),
    ).toEqual([
      {
        path: 'confidentiality',
        code: 'FIELD_VALUE_INVALID',
        message: 'confidentiality (độ mật) OtherInfo/SecurityLevel 7 is not 0 to 3',
      },
    ]);
  });

  it('refuses a bad agency code with the envelope path', () => {
    expect(envelopeIssues(fixture('dispatch-bad-agency-code.edxml'))).toEqual([
      {
        path: 'to[0].organId',
        code: 'AGENCY_CODE_INVALID',
        message:
          'to[0].organId (mã định danh nơi nhận) is invalid: "h" at position 11 is lower case; agency codes use capital letters (A-Z) only',
      },
    ]);
  });

  it('refuses a bad date in edXML terms', () => {
    expect(envelopeIssues(fixture('dispatch-bad-date.edxml'))).toEqual([
      {
        path: 'promulgationInfo.promulgationDate',
        code: 'DATE_INVALID',
        message:
          'promulgationInfo.promulgationDate (ngày ban hành) must be a real date written yyyy/MM/dd, not "2026/02/30"',
      },
    ]);
  });

  it('refuses a DocumentId that does not match the header', () => {
    const xml = withHeader((text) =>
      text.replace(
        '<edXML:DocumentId>000.00.00.G22,2026/11/20,05/VPCP-KSTT</edXML:DocumentId>\n    <edXML:Code>',
        '<edXML:DocumentId>000.00.00.G22,2026/11/20,06/VPCP-KSTT</edXML:DocumentId>\n    <edXML:Code>',
      ),
    );
    expect(envelopeIssues(xml).map((issue) => issue.code)).toEqual(['DOCUMENT_ID_MISMATCH']);
  });

  it('reports conversion and validation problems together', () => {
    const xml = withHeader((text) =>
      text
        .replace('<edXML:Type>1</edXML:Type>', '<edXML:Type>một</edXML:Type>')
        .replace('<edXML:DueDate>2026/11/27<', '<edXML:DueDate>2026/11/19<')
        .replace('<edXML:Direction>false<', '<edXML:Direction>maybe<')
        .replace('<edXML:OrganName>Văn phòng Chính phủ</edXML:OrganName>', '<edXML:OrganName/>'),
    );
    expect(envelopeIssues(xml).map((issue) => `${issue.path} ${issue.code}`)).toEqual([
      'otherInfo.direction FIELD_TYPE_INVALID',
      'documentType.type FIELD_TYPE_INVALID',
      'from.organName FIELD_REQUIRED',
    ]);
  });
});

describe('envelopeToEdxml', () => {
  const pdf = Buffer.from('%PDF-1.4\n% TEST\n%%EOF\n');

  it('builds a packet that reads back to the same envelope', () => {
    const envelope = edxmlToEnvelope(parseEdxmlPacket(fixture('dispatch-new.edxml')));
    const trace = newDispatchTraceHeaderList(envelope, new Date('2026-11-20T02:00:00Z'), {
      department: 'Phòng Văn thư - Lưu trữ',
      staff: 'Trần Thị B',
    });
    const packet = envelopeToEdxml(
      envelope,
      [
        {
          attachmentName: '05-VPCP-KSTT.pdf',
          description: 'Văn bản chính',
          contentType: 'application/pdf',
          content: pdf,
        },
      ],
      trace,
    );
    const reparsed = parseEdxmlPacket(buildEdxmlPacket(packet));
    expect(reparsed).toEqual(packet);
    expect(edxmlToEnvelope(reparsed)).toEqual(envelope);
    expect(reparsed.traceHeaderList).toEqual({
      traceHeaders: [{ organId: '000.00.00.G22', timestamp: '2026/11/20 09:00:00' }],
      business: {
        documentId: '000.00.00.G22,2026/11/20,05/VPCP-KSTT',
        businessDocType: 'new',
        businessDocReason: 'Văn bản điện tử mới',
        paper: '0',
        staffInfo: { department: 'Phòng Văn thư - Lưu trữ', staff: 'Trần Thị B' },
      },
    });
    expect(reparsed.manifest?.references).toEqual([
      {
        contentId: 'cid:1',
        contentType: 'application/pdf',
        description: 'Văn bản chính',
        attachmentName: '05-VPCP-KSTT.pdf',
      },
    ]);
    expect(reparsed.attachments[0].content.equals(pdf)).toBe(true);
  });

  it('writes urgency as Priority and a secret level as SecurityLevel', () => {
    const envelope = validateDispatchEnvelope({
      from: { organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' },
      to: [{ organId: '000.00.00.H41', organName: 'UBND tỉnh Nghệ An' }],
      code: { codeNumber: '123', codeNotation: 'CĐ-VPCP' },
      promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-11-20' },
      documentType: { type: 19, typeName: 'Công điện' },
      subject: 'Về việc ứng phó bão số 12',
      signerInfo: { position: 'Thủ tướng', fullName: 'Nguyễn Văn A' },
      urgency: 'express',
      confidentiality: 'confidential',
      responseFor: [
        { organId: '000.00.00.H41', code: '12/UBND-VX', promulgationDate: '2026-11-01' },
      ],
    });
    const packet = envelopeToEdxml(
      envelope,
      [],
      newDispatchTraceHeaderList(envelope, new Date('2026-11-20T02:00:00Z')),
    );
    expect(packet.messageHeader.otherInfo).toEqual({ priority: '3', securityLevel: '1' });
    expect(packet.messageHeader.responseFor?.[0].promulgationDate).toBe('2026/11/01');
    expect(packet.manifest).toBeUndefined();
    const back = edxmlToEnvelope(parseEdxmlPacket(buildEdxmlPacket(packet)));
    expect(back).toEqual({ ...envelope, otherInfo: { priority: 3 } });
  });
});

describe('a replacement (BussinessDocType 3) between envelope and packet', () => {
  const REPLACED = '000.00.00.G22,2026/11/19,04/VPCP-KSTT';
  const replacementList = `<edXML:ReplacementInfoList><edXML:ReplacementInfo><edXML:DocumentId>${REPLACED}</edXML:DocumentId><edXML:OrganIdList><edXML:OrganId>000.00.00.H41</edXML:OrganId></edXML:OrganIdList></edXML:ReplacementInfo></edXML:ReplacementInfoList>`;
  const asReplacement = (list: string) =>
    withHeader((xml) =>
      xml
        .replace('<edXML:BussinessDocType>0<', '<edXML:BussinessDocType>3<')
        .replace('>Văn bản điện tử mới<', '>Sửa lỗi trích yếu<')
        .replace('</edXML:StaffInfo>', `</edXML:StaffInfo>${list}`),
    );

  it('reads the replaced document and the reason into envelope.replaces', () => {
    const envelope = edxmlToEnvelope(parseEdxmlPacket(asReplacement(replacementList)));
    expect(envelope.replaces).toEqual({ documentId: REPLACED, reason: 'Sửa lỗi trích yếu' });
  });

  it('refuses a replacement that names no replaced document, or more than one', () => {
    expect(envelopeIssues(asReplacement('')).map((issue) => `${issue.path} ${issue.code}`)).toEqual(
      ['replaces.documentId FIELD_REQUIRED'],
    );
    const twice = replacementList.replace(
      '</edXML:ReplacementInfoList>',
      `${replacementList.slice('<edXML:ReplacementInfoList>'.length)}`,
    );
    expect(
      envelopeIssues(asReplacement(twice)).map((issue) => `${issue.path} ${issue.code}`),
    ).toEqual(['replaces TOO_MANY_ITEMS']);
  });

  it('writes envelope.replaces as BussinessDocType 3 with its ReplacementInfo, and reads it back', () => {
    const original = edxmlToEnvelope(parseEdxmlPacket(fixture('dispatch-new.edxml')));
    const envelope = validateDispatchEnvelope({
      ...original,
      replaces: { documentId: REPLACED, reason: 'Sửa lỗi trích yếu' },
    });
    const trace = newDispatchTraceHeaderList(envelope, new Date('2026-11-20T02:00:00Z'));
    expect(trace.business).toEqual({
      documentId: envelope.documentId,
      businessDocType: 'replace',
      businessDocReason: 'Sửa lỗi trích yếu',
      paper: '0',
      replacementInfoList: [{ documentId: REPLACED, organIds: ['000.00.00.H41', '000.00.14.H20'] }],
    });
    const packet = envelopeToEdxml(envelope, [], trace);
    expect(edxmlToEnvelope(parseEdxmlPacket(buildEdxmlPacket(packet)))).toEqual(envelope);
  });

  it('names a reason when the sender gave none', () => {
    const original = edxmlToEnvelope(parseEdxmlPacket(fixture('dispatch-new.edxml')));
    const envelope = validateDispatchEnvelope({ ...original, replaces: { documentId: REPLACED } });
    const trace = newDispatchTraceHeaderList(envelope, new Date('2026-11-20T02:00:00Z'));
    expect(trace.business?.businessDocReason).toBe('Văn bản thay thế');
  });
});
