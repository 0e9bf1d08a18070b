/* eslint-disable @typescript-eslint/no-explicit-any -- the tests break the JSON form on purpose */
import fc from 'fast-check';
import { ConfidentialDocumentRefusedError } from './confidential-document-refused.error';
import { isSecret, validateDispatchEnvelope, type DispatchEnvelope } from './dispatch-envelope';
import { EnvelopeValidationError, type EnvelopeIssue } from './envelope-validation.error';

/** The JSON form of the domain sample `dispatch-new.edxml`. */
function sampleJson(): Record<string, any> {
  return {
    from: {
      organId: '000.00.00.G22',
      organizationInCharge: 'Chính phủ',
      organName: 'Văn phòng Chính phủ',
      organAdd: '16 Lê Hồng Phong, Ba Đình, Hà Nội',
      email: 'vanthu@example.gov.vn',
      telephone: '024 0000 0000',
      fax: '',
      website: 'example.gov.vn',
    },
    to: [
      { organId: '000.00.00.H41', organName: 'UBND tỉnh Nghệ An' },
      { organId: '000.00.14.H20', organName: 'Sở Thông tin và Truyền thông Đồng Tháp' },
    ],
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
  };
}

function issuesOf(input: unknown): EnvelopeIssue[] {
  try {
    validateDispatchEnvelope(input);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvelopeValidationError);
    const invalid = error as EnvelopeValidationError;
    expect(invalid.code).toBe('ENVELOPE_INVALID');
    expect(invalid.kind).toBe('invalid-input');
    return [...invalid.issues];
  }
  throw new Error('expected the envelope to be refused');
}

function withChange(change: (json: Record<string, any>) => void): Record<string, any> {
  const json = sampleJson();
  change(json);
  return json;
}

describe('validateDispatchEnvelope', () => {
  it('accepts the sample dispatch and derives its DocumentId', () => {
    const envelope: DispatchEnvelope = validateDispatchEnvelope(sampleJson());
    expect(envelope.documentId).toBe('000.00.00.G22,2026/11/20,05/VPCP-KSTT');
    expect(envelope.from).toEqual({
      organId: '000.00.00.G22',
      organizationInCharge: 'Chính phủ',
      organName: 'Văn phòng Chính phủ',
      organAdd: '16 Lê Hồng Phong, Ba Đình, Hà Nội',
      email: 'vanthu@example.gov.vn',
      telephone: '024 0000 0000',
      website: 'example.gov.vn',
    });
    expect('fax' in envelope.from).toBe(false);
    expect(envelope.to.map((recipient) => recipient.organId)).toEqual([
      '000.00.00.H41',
      '000.00.14.H20',
    ]);
    expect(envelope.urgency).toBe('normal');
    expect(envelope.confidentiality).toBe('none');
    expect(envelope.otherInfo?.appendixes).toEqual(['Phụ lục danh sách cơ quan']);
  });

  it('accepts a minimal decision, defaults urgency to normal, accepts a matching DocumentId', () => {
    const envelope = validateDispatchEnvelope({
      from: { organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' },
      to: [{ organId: '000.00.00.H41', organName: 'UBND tỉnh Nghệ An' }],
      documentId: '000.00.00.G22,2026/11/20,123/QĐ-TTg',
      code: { codeNumber: '123', codeNotation: 'QĐ-TTg' },
      promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-11-20' },
      documentType: { type: 2, typeName: 'Quyết định' },
      subject: 'Về việc phê duyệt đề án',
      signerInfo: { position: 'Thủ tướng', fullName: 'Nguyễn Văn A' },
      confidentiality: 'none',
      steeringType: null,
      otherInfo: null,
    });
    expect(envelope).toEqual({
      from: { organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' },
      to: [{ organId: '000.00.00.H41', organName: 'UBND tỉnh Nghệ An' }],
      documentId: '000.00.00.G22,2026/11/20,123/QĐ-TTg',
      code: { codeNumber: '123', codeNotation: 'QĐ-TTg' },
      promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-11-20' },
      documentType: { type: 2, typeName: 'Quyết định' },
      subject: 'Về việc phê duyệt đề án',
      signerInfo: { position: 'Thủ tướng', fullName: 'Nguyễn Văn A' },
      urgency: 'normal',
      confidentiality: 'none',
    });
  });

  it('normalizes text to NFC, trims it and canonicalizes the type name', () => {
    const envelope = validateDispatchEnvelope(
      withChange((json) => {
        json.subject = '  V/v thử nghiệm  '.normalize('NFD');
        json.code.codeNotation = 'VPCP-KSTT';
        json.documentType.typeName = 'CÔNG VĂN';
        json.from.organId = ' 000.00.00.G22 ';
      }),
    );
    expect(envelope.subject).toBe('V/v thử nghiệm');
    expect(envelope.subject).toBe(envelope.subject.normalize('NFC'));
    expect(envelope.documentType.typeName).toBe('Công văn');
    expect(envelope.from.organId).toBe('000.00.00.G22');
  });

  it('keeps line breaks in content only', () => {
    const envelope = validateDispatchEnvelope(
      withChange((json) => (json.content = 'Dòng một.\nDòng hai.')),
    );
    expect(envelope.content).toBe('Dòng một.\nDòng hai.');
    expect(issuesOf(withChange((json) => (json.subject = 'Dòng một.\nDòng hai.')))).toEqual([
      {
        path: 'subject',
        code: 'TEXT_CHARACTER_INVALID',
        message: 'subject (trích yếu) contains the control character U+000A',
      },
    ]);
  });

  describe('field rules', () => {
    it.each<[string, (json: Record<string, any>) => void, EnvelopeIssue]>([
      [
        'missing subject',
        (json) => delete json.subject,
        { path: 'subject', code: 'FIELD_REQUIRED', message: 'subject (trích yếu) is required' },
      ],
      [
        'blank subject',
        (json) => (json.subject = '   '),
        { path: 'subject', code: 'FIELD_REQUIRED', message: 'subject (trích yếu) is required' },
      ],
      [
        'null signer name',
        (json) => (json.signerInfo.fullName = null),
        {
          path: 'signerInfo.fullName',
          code: 'FIELD_REQUIRED',
          message: 'signerInfo.fullName (họ và tên người ký) is required',
        },
      ],
      [
        'no recipient',
        (json) => (json.to = []),
        { path: 'to', code: 'FIELD_REQUIRED', message: 'to (nơi nhận) must have at least 1 entry' },
      ],
      [
        'subject over 500 characters',
        (json) => (json.subject = 'ạ'.repeat(501)),
        {
          path: 'subject',
          code: 'FIELD_TOO_LONG',
          message: 'subject (trích yếu) must not exceed 500 characters',
        },
      ],
      [
        'content over 500 characters',
        (json) => (json.content = 'x'.repeat(501)),
        {
          path: 'content',
          code: 'FIELD_TOO_LONG',
          message: 'content (nội dung) must not exceed 500 characters',
        },
      ],
      [
        'appendix over 250 characters',
        (json) => (json.otherInfo.appendixes = ['x'.repeat(251)]),
        {
          path: 'otherInfo.appendixes[0]',
          code: 'FIELD_TOO_LONG',
          message: 'otherInfo.appendixes[0] (phụ lục) must not exceed 250 characters',
        },
      ],
      [
        'sphere of promulgation over 250 characters',
        (json) => (json.otherInfo.sphereOfPromulgation = 'x'.repeat(251)),
        {
          path: 'otherInfo.sphereOfPromulgation',
          code: 'FIELD_TOO_LONG',
          message:
            'otherInfo.sphereOfPromulgation (phạm vi ban hành) must not exceed 250 characters',
        },
      ],
      [
        'place over 150 characters',
        (json) => (json.toPlaces = ['x'.repeat(151)]),
        {
          path: 'toPlaces[0]',
          code: 'FIELD_TOO_LONG',
          message: 'toPlaces[0] (nơi nhận ghi trên văn bản) must not exceed 150 characters',
        },
      ],
      [
        'subject as a number',
        (json) => (json.subject = 42),
        {
          path: 'subject',
          code: 'FIELD_TYPE_INVALID',
          message: 'subject (trích yếu) must be a string',
        },
      ],
      [
        'fractional type code',
        (json) => (json.documentType.type = 1.5),
        {
          path: 'documentType.type',
          code: 'FIELD_TYPE_INVALID',
          message: 'documentType.type (mã loại văn bản) must be an integer',
        },
      ],
      [
        'unknown urgency',
        (json) => (json.urgency = 'Khẩn'),
        {
          path: 'urgency',
          code: 'FIELD_VALUE_INVALID',
          message: 'urgency (độ khẩn) must be one of: normal, urgent, very-urgent, express',
        },
      ],
      [
        'missing confidentiality',
        (json) => delete json.confidentiality,
        {
          path: 'confidentiality',
          code: 'FIELD_REQUIRED',
          message: 'confidentiality (độ mật) is required',
        },
      ],
      [
        'steering type 2',
        (json) => (json.steeringType = 2),
        {
          path: 'steeringType',
          code: 'FIELD_VALUE_INVALID',
          message: 'steeringType (loại chỉ đạo, điều hành) must be one of: 0, 1',
        },
      ],
      [
        'negative page amount',
        (json) => (json.otherInfo.pageAmount = -1),
        {
          path: 'otherInfo.pageAmount',
          code: 'FIELD_VALUE_INVALID',
          message: 'otherInfo.pageAmount (số trang) must be at least 0',
        },
      ],
      [
        'misspelt field',
        (json) => (json.subjet = 'x'),
        {
          path: 'subjet',
          code: 'FIELD_UNKNOWN',
          message: 'subjet is not a field of the dispatch envelope',
        },
      ],
      [
        'a field named constructor',
        (json) => (json.from.constructor = 'x'),
        {
          path: 'from.constructor',
          code: 'FIELD_UNKNOWN',
          message: 'from.constructor is not a field of the dispatch envelope',
        },
      ],
      [
        'too many recipients',
        (json) =>
          (json.to = Array.from({ length: 1001 }, (_, i) => ({
            organId: `${String(i).padStart(3, '0')}.01.01.H08`,
            organName: 'Xã',
          }))),
        {
          path: 'to',
          code: 'TOO_MANY_ITEMS',
          message: 'to (nơi nhận) must not have more than 1000 entries',
        },
      ],
      [
        'lower-case agency code',
        (json) => (json.to[0].organId = '000.00.00.h41'),
        {
          path: 'to[0].organId',
          code: 'AGENCY_CODE_INVALID',
          message:
            'to[0].organId (mã định danh nơi nhận) is invalid: "h" at position 11 is lower case; agency codes use capital letters (A-Z) only',
        },
      ],
      [
        'Cyrillic agency code',
        (json) => (json.from.organId = '000.00.00.G2\u0417'),
        {
          path: 'from.organId',
          code: 'AGENCY_CODE_INVALID',
          message:
            'from.organId (mã định danh nơi gửi) is invalid: it contains the non-ASCII character U+0417 at position 13 (look-alikes such as Cyrillic or full-width characters are not accepted)',
        },
      ],
      [
        'bad e-mail',
        (json) => (json.from.email = 'vanthu.example.gov.vn'),
        {
          path: 'from.email',
          code: 'EMAIL_INVALID',
          message:
            'from.email (thư điện tử) must be an e-mail address such as vanthu@example.gov.vn',
        },
      ],
      [
        'impossible date',
        (json) => (json.promulgationInfo.promulgationDate = '2026-02-30'),
        {
          path: 'promulgationInfo.promulgationDate',
          code: 'DATE_INVALID',
          message:
            'promulgationInfo.promulgationDate (ngày ban hành) must be a real calendar date written yyyy-mm-dd, not "2026-02-30"',
        },
      ],
      [
        'edXML-style due date',
        (json) => (json.dueDate = '2026/11/27'),
        {
          path: 'dueDate',
          code: 'DATE_INVALID',
          message:
            'dueDate (hạn xử lý) must be a real calendar date written yyyy-mm-dd, not "2026/11/27"',
        },
      ],
      [
        'number without leading zero',
        (json) => (json.code.codeNumber = '5'),
        {
          path: 'code.codeNumber',
          code: 'NUMBER_NOTATION_INVALID',
          message:
            'code.codeNumber (số) is invalid: "5" must be written with two digits below 10 (05)',
        },
      ],
      [
        'notation with a space',
        (json) => (json.code.codeNotation = 'VPCP KSTT'),
        {
          path: 'code.codeNotation',
          code: 'NUMBER_NOTATION_INVALID',
          message:
            'code.codeNotation (ký hiệu) is invalid: "VPCP KSTT" in "VPCP KSTT" may only hold Vietnamese letters and digits',
        },
      ],
      [
        'zero-width character',
        (json) => (json.signerInfo.fullName = 'Nguyễn\u200bVăn A'),
        {
          path: 'signerInfo.fullName',
          code: 'TEXT_CHARACTER_INVALID',
          message:
            'signerInfo.fullName (họ và tên người ký) contains the invisible character U+200B',
        },
      ],
      [
        'unpaired surrogate',
        (json) => (json.to[1].organName = 'Sở \ud800 Đồng Tháp'),
        {
          path: 'to[1].organName',
          code: 'TEXT_CHARACTER_INVALID',
          message: 'to[1].organName (tên cơ quan nhận) contains an unpaired UTF-16 surrogate',
        },
      ],
      [
        'NUL character',
        (json) => (json.content = 'a\u0000b'),
        {
          path: 'content',
          code: 'TEXT_CHARACTER_INVALID',
          message: 'content (nội dung) contains the control character U+0000',
        },
      ],
      [
        'response with a bad code',
        (json) =>
          (json.responseFor = [
            { organId: '000.00.00.H41', code: '12-UBND', promulgationDate: '2026-11-01' },
          ]),
        {
          path: 'responseFor[0].code',
          code: 'NUMBER_NOTATION_INVALID',
          message:
            'responseFor[0].code (số, ký hiệu văn bản được phúc đáp) is invalid: "12-UBND" has no "/" between the number and the notation',
        },
      ],
    ])('refuses %s', (_case, change, expected) => {
      expect(issuesOf(withChange(change))).toEqual([expected]);
    });

    it('refuses anything but an object', () => {
      for (const input of [null, 'envelope', 42, [sampleJson()]]) {
        expect(issuesOf(input)).toEqual([
          {
            path: '',
            code: 'ENVELOPE_NOT_AN_OBJECT',
            message: 'The envelope must be a JSON object',
          },
        ]);
      }
    });

    it('reports every field problem at once', () => {
      const issues = issuesOf(
        withChange((json) => {
          delete json.subject;
          json.to[0].organId = 'H41';
          json.dueDate = 'tomorrow';
        }),
      );
      expect(issues.map((issue) => `${issue.path}:${issue.code}`).sort()).toEqual([
        'dueDate:DATE_INVALID',
        'subject:FIELD_REQUIRED',
        'to[0].organId:AGENCY_CODE_INVALID',
      ]);
    });
  });

  describe('rules across fields', () => {
    it('refuses a duplicate recipient', () => {
      expect(
        issuesOf(
          withChange((json) => {
            json.to.push({ organId: '000.00.00.H41', organName: 'Nghệ An' });
          }),
        ),
      ).toEqual([
        {
          path: 'to[2].organId',
          code: 'DUPLICATE_RECIPIENT',
          message:
            'to[2].organId (mã định danh nơi nhận) repeats 000.00.00.H41, already listed at to[0]',
        },
      ]);
    });

    it('refuses the sender as a recipient', () => {
      expect(issuesOf(withChange((json) => (json.to[1].organId = '000.00.00.G22')))).toEqual([
        {
          path: 'to[1].organId',
          code: 'SENDER_IS_RECIPIENT',
          message:
            'to[1].organId (mã định danh nơi nhận) is the sender 000.00.00.G22; an agency does not send to itself',
        },
      ]);
    });

    it('refuses an unknown document type', () => {
      expect(issuesOf(withChange((json) => (json.documentType.typeName = 'Thư ngỏ')))).toEqual([
        {
          path: 'documentType.typeName',
          code: 'DOCUMENT_TYPE_UNKNOWN',
          message:
            'documentType.typeName (tên loại văn bản) "Thư ngỏ" is not a document type of NĐ 30/2020 (such as Công văn, Quyết định, Thông báo)',
        },
      ]);
    });

    it('refuses a type code that belongs to another type', () => {
      expect(issuesOf(withChange((json) => (json.documentType.type = 7)))).toEqual([
        {
          path: 'documentType.type',
          code: 'DOCUMENT_TYPE_CODE_MISMATCH',
          message: 'documentType.type (mã loại văn bản) must be 1 for Công văn, not 7',
        },
      ]);
      const decision = withChange((json) => {
        json.documentType = { type: 1, typeName: 'Quyết định' };
        json.code = { codeNumber: '123', codeNotation: 'QĐ-TTg' };
      });
      expect(issuesOf(decision).map((issue) => issue.message)).toEqual([
        'documentType.type (mã loại văn bản) 1 is the code of Công văn, not of Quyết định',
      ]);
    });

    it('refuses a notation whose type abbreviation disagrees with the type', () => {
      expect(
        issuesOf(withChange((json) => (json.code = { codeNumber: '123', codeNotation: 'QĐ-TTg' }))),
      ).toEqual([
        {
          path: 'code.codeNotation',
          code: 'NOTATION_TYPE_MISMATCH',
          message:
            'code.codeNotation (ký hiệu) does not match the type: Notation (ký hiệu) "QĐ-TTg" starts with "QĐ" (Quyết định) but the document type is Công văn, whose notation has no type abbreviation',
        },
      ]);
    });

    it('refuses a due date before the promulgation date', () => {
      expect(issuesOf(withChange((json) => (json.dueDate = '2026-11-19')))).toEqual([
        {
          path: 'dueDate',
          code: 'DUE_DATE_BEFORE_PROMULGATION',
          message: 'dueDate (hạn xử lý) 2026-11-19 is before the promulgation date 2026-11-20',
        },
      ]);
      expect(
        validateDispatchEnvelope(withChange((json) => (json.dueDate = '2026-11-20'))).dueDate,
      ).toBe('2026-11-20');
    });

    it('refuses an edXML priority that disagrees with the urgency', () => {
      expect(issuesOf(withChange((json) => (json.urgency = 'express')))).toEqual([
        {
          path: 'otherInfo.priority',
          code: 'PRIORITY_URGENCY_MISMATCH',
          message:
            'otherInfo.priority (độ ưu tiên) 0 disagrees with urgency "express" (edXML priority 3)',
        },
      ]);
      const express = validateDispatchEnvelope(
        withChange((json) => {
          json.urgency = 'express';
          json.otherInfo.priority = 3;
        }),
      );
      expect(express.urgency).toBe('express');
    });

    it('refuses a DocumentId that does not match the header', () => {
      expect(
        issuesOf(withChange((json) => (json.documentId = '000.00.00.G22,2026/11/21,05/VPCP-KSTT'))),
      ).toEqual([
        {
          path: 'documentId',
          code: 'DOCUMENT_ID_MISMATCH',
          message:
            'documentId (mã văn bản) must be 000.00.00.G22,2026/11/20,05/VPCP-KSTT, derived from the sender, date, number and notation',
        },
      ]);
    });

    it('derives and checks the DocumentId of an answered document', () => {
      const answer = validateDispatchEnvelope(
        withChange(
          (json) =>
            (json.responseFor = [
              { organId: '000.00.00.H41', code: '12/UBND-VX', promulgationDate: '2026-11-01' },
            ]),
        ),
      );
      expect(answer.responseFor).toEqual([
        {
          organId: '000.00.00.H41',
          code: '12/UBND-VX',
          promulgationDate: '2026-11-01',
          documentId: '000.00.00.H41,2026/11/01,12/UBND-VX',
        },
      ]);
      expect(
        issuesOf(
          withChange(
            (json) =>
              (json.responseFor = [
                {
                  organId: '000.00.00.H41',
                  code: '12/UBND-VX',
                  promulgationDate: '2026-11-01',
                  documentId: '000.00.00.H41,2026/11/02,12/UBND-VX',
                },
              ]),
          ),
        ),
      ).toEqual([
        {
          path: 'responseFor[0].documentId',
          code: 'DOCUMENT_ID_MISMATCH',
          message:
            'responseFor[0].documentId (mã văn bản được phúc đáp) must be 000.00.00.H41,2026/11/01,12/UBND-VX',
        },
      ]);
    });
  });

  describe('confidentiality', () => {
    it('parses secret levels without refusing them, and isSecret tells', () => {
      for (const level of ['confidential', 'secret', 'top-secret']) {
        const envelope = validateDispatchEnvelope(
          withChange((json) => (json.confidentiality = level)),
        );
        expect(envelope.confidentiality).toBe(level);
        expect(isSecret(envelope)).toBe(true);
      }
      expect(isSecret(validateDispatchEnvelope(sampleJson()))).toBe(false);
    });

    it('has a typed refusal for the gateway, in English and Vietnamese', () => {
      const error = new ConfidentialDocumentRefusedError('secret');
      expect(error.code).toBe('CONFIDENTIAL_DOCUMENT_REFUSED');
      expect(error.kind).toBe('unprocessable');
      expect(error.message).toBe(
        'Secret documents (Mật, Tối mật, Tuyệt mật) never travel on the document axis; this one is marked Tối mật. ' +
          'Văn bản mật (Mật, Tối mật, Tuyệt mật) không được gửi, nhận qua trục liên thông văn bản; văn bản này có độ mật "Tối mật".',
      );
      expect(error.details).toEqual({ confidentiality: 'secret' });
    });
  });

  it('never throws anything but EnvelopeValidationError on arbitrary JSON', () => {
    const sample = sampleJson();
    const mutated = fc
      .tuple(fc.constantFrom(...Object.keys(sample)), fc.jsonValue())
      .map(([key, value]) => ({ ...sampleJson(), [key]: value }));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.object(), mutated), (input) => {
        try {
          validateDispatchEnvelope(input);
        } catch (error) {
          if (!(error instanceof EnvelopeValidationError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
