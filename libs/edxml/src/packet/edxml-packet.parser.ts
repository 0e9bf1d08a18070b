import { checkAgencyCode } from '../agency-code/agency-code';
import { edxmlDateToIso, edxmlTimestampToDate } from '../dates/edxml-dates';
import { formatNumberNotation, parseNumberNotation } from '../document-metadata/number-notation';
import { buildDocumentId } from '../envelope/document-id';
import { characterCount, sanitizeText } from '../text/safe-text';
import { businessDocTypeFromCode } from './business-doc-types';
import { EdxmlChildReader } from './edxml-child-reader';
import {
  EdxmlNamespaceInvalidError,
  EdxmlStatusBodyForbiddenError,
  EdxmlStructureError,
  type EdxmlIssue,
} from './edxml-errors';
import { EDXML_NAMESPACE, XLINK_NAMESPACE, XMLDSIG_NAMESPACE } from './edxml-namespaces';
import type {
  EdxmlAttachment,
  EdxmlBusiness,
  EdxmlManifest,
  EdxmlMessageHeader,
  EdxmlOrganization,
  EdxmlPacket,
  EdxmlReplacementInfo,
  EdxmlResponseFor,
  EdxmlStaffInfo,
  EdxmlStatus,
  EdxmlTraceHeaderList,
} from './edxml-packet';
import { normalizeEdxmlStatusCode } from './edxml-status-codes';
import { DEFAULT_XML_READ_LIMITS, readXmlDocument, type XmlReadLimits } from './safe-xml-reader';
import type { XmlElement } from './xml-element';

export type EdxmlParseOptions = Partial<XmlReadLimits>;

/** `AttachmentName` of a manifest `Reference` and of an `Attachment`: at most 200 (QCVN 102). */
export const ATTACHMENT_NAME_MAX_LENGTH = 200;

/**
 * `Description` of a manifest `Reference` and of an `Attachment` ("Văn bản chính"), kept and
 * served back: docaxis' own bound, QCVN 102 sets none.
 */
export const ATTACHMENT_DESCRIPTION_MAX_LENGTH = 250;

/** Each `StaffInfo` field (Department, Staff, Email, Mobile), as a JSON status notice's `staff`. */
export const STAFF_INFO_FIELD_MAX_LENGTH = 200;

export type ParsedEdxml =
  | { readonly kind: 'packet'; readonly packet: EdxmlPacket }
  | { readonly kind: 'status'; readonly status: EdxmlStatus };

/**
 * Parses an edXML message packet (MessageHeader, TraceHeaderList, manifest, attachments).
 * Throws `EDXML_TOO_LARGE`, `EDXML_DOCTYPE_FORBIDDEN`, `EDXML_MARKUP_TOO_LARGE`, `EDXML_MALFORMED`,
 * `EDXML_TOO_DEEP`, `EDXML_NAMESPACE_INVALID`, or `EDXML_STRUCTURE_INVALID` listing every
 * structural issue.
 * Header values (agency codes, dates, number/notation) are checked by `edxmlToEnvelope`.
 */
export function parseEdxmlPacket(xml: Buffer | string, options?: EdxmlParseOptions): EdxmlPacket {
  const parsed = parseEdxml(xml, options);
  if (parsed.kind !== 'packet') {
    throw new EdxmlStructureError([
      {
        path: 'MessageHeader',
        code: 'ELEMENT_MISSING',
        message: 'MessageHeader is missing: this is a status packet, not a message packet',
      },
    ]);
  }
  return parsed.packet;
}

/** Parses and fully checks an edXML status packet (codes 01–06, 13, 14/15, 16). */
export function parseEdxmlStatus(xml: Buffer | string, options?: EdxmlParseOptions): EdxmlStatus {
  const parsed = parseEdxml(xml, options);
  if (parsed.kind !== 'status') {
    throw new EdxmlStructureError([
      {
        path: 'Status',
        code: 'ELEMENT_MISSING',
        message: 'Status is missing: this is a message packet, not a status packet',
      },
    ]);
  }
  return parsed.status;
}

/** Parses either kind, telling them apart by `edXMLHeader/Status`. */
export function parseEdxml(xml: Buffer | string, options?: EdxmlParseOptions): ParsedEdxml {
  const root = readXmlDocument(xml, { ...DEFAULT_XML_READ_LIMITS, ...options });
  if (root.namespace !== EDXML_NAMESPACE) {
    throw new EdxmlNamespaceInvalidError({
      en: `the root <${root.name}> is in ${root.namespace ? `"${root.namespace}"` : 'no namespace'}`,
      vi: `phần tử gốc <${root.name}> ${root.namespace ? `thuộc không gian tên "${root.namespace}"` : 'không thuộc không gian tên nào'}`,
    });
  }
  const issues: EdxmlIssue[] = [];
  if (root.name !== 'edXML') {
    throw new EdxmlStructureError([
      {
        path: root.name,
        code: 'ROOT_INVALID',
        message: `the root element must be <edXML>, not <${root.name}>`,
      },
    ]);
  }
  const rootReader = new EdxmlChildReader(root, '', issues);
  const envelope = rootReader.required('edXMLEnvelope');
  const envelopeReader = envelope && new EdxmlChildReader(envelope, '', issues);
  const header = envelopeReader?.required('edXMLHeader');
  if (!envelopeReader || !header) throw new EdxmlStructureError(issues);

  const headerReader = new EdxmlChildReader(header, '', issues);
  const statusElement = header.children.find((child) => child.name === 'Status');
  if (statusElement) {
    if (headerReader.optional('MessageHeader')) {
      // Read as either kind, half of it would be dropped unseen: the document or the status.
      headerReader.issue(
        'MessageHeader',
        'ELEMENT_UNEXPECTED',
        'edXMLHeader holds both MessageHeader and Status: a packet is a message or a status, not both',
      );
    }
    const status = readStatus(headerReader, issues);
    const content = documentContentOf(rootReader, envelopeReader);
    const outer = compact({
      root: rootReader.extensions(),
      envelope: envelopeReader.extensions(),
      header: headerReader.extensions(),
    });
    if (issues.length > 0) throw new EdxmlStructureError(issues);
    if (content.length > 0) throw new EdxmlStatusBodyForbiddenError(content);
    return {
      kind: 'status',
      status: Object.keys(outer).length > 0 ? { ...status, outerExtensions: outer } : status,
    };
  }
  const packet = readPacket(rootReader, envelopeReader, headerReader, issues);
  if (issues.length > 0) throw new EdxmlStructureError(issues);
  return { kind: 'packet', packet };
}

/**
 * The parts of a status packet that would hold a document: read here so that they never pass for
 * unknown elements (carried, then dropped by the gateway). Empty ones hold nothing and are let go.
 */
function documentContentOf(
  rootReader: EdxmlChildReader,
  envelopeReader: EdxmlChildReader,
): string[] {
  const parts = [
    ['edXMLBody', envelopeReader.optional('edXMLBody')],
    ['AttachmentEncoded', rootReader.optional('AttachmentEncoded')],
  ] as const;
  return parts
    .filter(([, element]) => element && (element.children.length > 0 || element.text.trim()))
    .map(([name]) => name);
}

function readPacket(
  rootReader: EdxmlChildReader,
  envelopeReader: EdxmlChildReader,
  headerReader: EdxmlChildReader,
  issues: EdxmlIssue[],
): EdxmlPacket {
  const messageHeaderElement = headerReader.required('MessageHeader');
  if (!messageHeaderElement) throw new EdxmlStructureError(issues);
  const messageHeader = readMessageHeader(
    new EdxmlChildReader(messageHeaderElement, 'MessageHeader', issues),
  );
  const traceHeaderList = readOptionalTraceHeaderList(headerReader);
  const signature = headerReader.take(isSignature);

  const body = envelopeReader.optional('edXMLBody');
  const bodyReader = body && new EdxmlChildReader(body, '', issues);
  const manifestElement = bodyReader?.optional('edXMLManifest');
  const manifest =
    manifestElement && readManifest(new EdxmlChildReader(manifestElement, 'edXMLManifest', issues));

  const attachmentEncoded = rootReader.optional('AttachmentEncoded');
  const attachmentsReader =
    attachmentEncoded && new EdxmlChildReader(attachmentEncoded, 'AttachmentEncoded', issues);
  const attachments = (attachmentsReader?.many('Attachment') ?? []).map((attachment, index) =>
    readAttachment(attachmentsReader!.readerFor(attachment, 'Attachment', index)),
  );

  const extensions = compact({
    root: rootReader.extensions(),
    envelope: envelopeReader.extensions(),
    header: headerReader.extensions(),
    body: bodyReader?.extensions(),
    attachmentEncoded: attachmentsReader?.extensions(),
  });
  return compact({
    messageHeader,
    traceHeaderList,
    signature,
    manifest,
    attachments,
    extensions: Object.keys(extensions).length > 0 ? extensions : undefined,
  });
}

function readMessageHeader(reader: EdxmlChildReader): EdxmlMessageHeader {
  const fromElement = reader.required('From');
  const toElements = reader.many('To');
  if (toElements.length === 0) {
    reader.issue(
      reader.pathOf('To'),
      'ELEMENT_MISSING',
      `${reader.pathOf('To')} is missing: a dispatch needs at least one recipient`,
    );
  }
  const group = <T>(name: string, read: (child: EdxmlChildReader) => T, required = true) => {
    const element = required ? reader.required(name) : reader.optional(name);
    return element && read(reader.readerFor(element, name));
  };
  const code = group('Code', (child) =>
    compact({
      codeNumber: child.requiredText('CodeNumber'),
      codeNotation: child.requiredText('CodeNotation'),
      extensions: child.extensions(),
    }),
  );
  const promulgationInfo = group('PromulgationInfo', (child) =>
    compact({
      place: child.text('Place'),
      promulgationDate: child.requiredText('PromulgationDate'),
      extensions: child.extensions(),
    }),
  );
  const documentType = group('DocumentType', (child) =>
    compact({
      type: child.requiredText('Type'),
      typeDetail: child.text('TypeDetail'),
      typeName: child.text('TypeName'),
      extensions: child.extensions(),
    }),
  );
  return compact({
    from: fromElement ? readOrganization(reader.readerFor(fromElement, 'From')) : { organId: '' },
    to: toElements.map((element, index) =>
      readOrganization(reader.readerFor(element, 'To', index)),
    ),
    documentId: reader.text('DocumentId'),
    code: code ?? { codeNumber: '', codeNotation: '' },
    promulgationInfo: promulgationInfo ?? { promulgationDate: '' },
    documentType: documentType ?? { type: '' },
    subject: reader.requiredText('Subject'),
    content: reader.text('Content'),
    signerInfo: group(
      'SignerInfo',
      (child) =>
        compact({
          competence: child.text('Competence'),
          position: child.text('Position'),
          fullName: child.text('FullName'),
          extensions: child.extensions(),
        }),
      false,
    ),
    dueDate: reader.text('DueDate'),
    otherInfo: group(
      'OtherInfo',
      (child) =>
        compact({
          priority: child.text('Priority'),
          sphereOfPromulgation: child.text('SphereOfPromulgation'),
          typerNotation: child.text('TyperNotation'),
          promulgationAmount: child.text('PromulgationAmount'),
          pageAmount: child.text('PageAmount'),
          direction: child.text('Direction'),
          appendixes: child.textList('Appendixes', 'Appendix'),
          securityLevel: child.text('SecurityLevel'),
          extensions: child.extensions(),
        }),
      false,
    ),
    steeringType: reader.text('SteeringType'),
    toPlaces: reader.textList('ToPlaces', 'Place'),
    responseFor: nonEmpty(
      reader
        .many('ResponseFor')
        .map((element, index) => readResponseFor(reader.readerFor(element, 'ResponseFor', index))),
    ),
    extensions: reader.extensions(),
  });
}

function readOrganization(reader: EdxmlChildReader): EdxmlOrganization {
  return compact({
    organId: reader.requiredText('OrganId'),
    organizationInCharge: reader.text('OrganizationInCharge'),
    organName: reader.text('OrganName'),
    organAdd: reader.text('OrganAdd'),
    email: reader.text('Email'),
    telephone: reader.text('Telephone'),
    fax: reader.text('Fax'),
    website: reader.text('Website'),
    extensions: reader.extensions(),
  });
}

function readResponseFor(reader: EdxmlChildReader): EdxmlResponseFor {
  return compact({
    organId: reader.requiredText('OrganId'),
    code: reader.requiredText('Code'),
    promulgationDate: reader.requiredText('PromulgationDate'),
    documentId: reader.requiredText('DocumentId'),
    extensions: reader.extensions(),
  });
}

function readStaffInfo(reader: EdxmlChildReader): EdxmlStaffInfo {
  // Kept and served back to the other agency: checked as a JSON notice's staff is.
  const field = (name: string) => checkedText(reader, name, STAFF_INFO_FIELD_MAX_LENGTH);
  return compact({
    department: field('Department'),
    staff: field('Staff'),
    email: field('Email'),
    mobile: field('Mobile'),
    extensions: reader.extensions(),
  });
}

/**
 * An optional leaf that the axis keeps and serves back: single-line safe text (no control or
 * invisible characters) of at most `max` characters, else an issue at its path.
 */
function checkedText(reader: EdxmlChildReader, name: string, max: number): string | undefined {
  const value = reader.text(name);
  if (value === undefined) return undefined;
  const path = reader.pathOf(name);
  const safe = sanitizeText(value);
  if (!safe.ok) {
    reader.issue(path, 'VALUE_INVALID', `${path} ${safe.reason}`);
  } else if (characterCount(value) > max) {
    reader.issue(
      path,
      'VALUE_TOO_LONG',
      `${path} has ${characterCount(value)} characters, at most ${max} are allowed`,
    );
  }
  return value;
}

/** `edXMLHeader/TraceHeaderList`, which a message and a status packet may both carry. */
function readOptionalTraceHeaderList(
  headerReader: EdxmlChildReader,
): EdxmlTraceHeaderList | undefined {
  const element = headerReader.optional('TraceHeaderList');
  return element && readTraceHeaderList(headerReader.readerFor(element, 'TraceHeaderList'));
}

function readTraceHeaderList(reader: EdxmlChildReader): EdxmlTraceHeaderList {
  const traceHeaders = reader.many('TraceHeader').map((element, index) => {
    const child = reader.readerFor(element, 'TraceHeader', index);
    const timestamp = child.requiredText('Timestamp');
    if (timestamp && !edxmlTimestampToDate(timestamp)) {
      child.issue(
        child.pathOf('Timestamp'),
        'TIMESTAMP_INVALID',
        `${child.pathOf('Timestamp')} "${timestamp}" must be a real time written yyyy/MM/dd HH:mm:ss`,
      );
    }
    const organId = child.requiredText('OrganId');
    // Kept and served back by the axis: an OrganId must be an agency code.
    const check = organId ? checkAgencyCode(organId) : undefined;
    if (check && !check.ok) {
      const path = child.pathOf('OrganId');
      child.issue(path, 'AGENCY_CODE_INVALID', `${path}: ${check.error.message}`);
    }
    return compact({ organId, timestamp, extensions: child.extensions() });
  });
  // The SDKs spell it "Bussiness" (and its children "BussinessDocType"...); "Business" is read too.
  const doubled = reader.optional('Bussiness');
  const spelled = doubled ? 'Bussiness' : 'Business';
  const businessElement = doubled ?? reader.optional('Business');
  const business =
    businessElement && readBusiness(reader.readerFor(businessElement, spelled), spelled);
  return compact({ traceHeaders, business, extensions: reader.extensions() });
}

function readBusiness(reader: EdxmlChildReader, spelled: string): EdxmlBusiness {
  // The children's spelling need not follow the wrapper's: each is read under whichever it has.
  const named = (suffix: string) => {
    const other = spelled === 'Bussiness' ? 'Business' : 'Bussiness';
    const has = (name: string) => reader.element.children.some((child) => child.name === name);
    return !has(`${spelled}${suffix}`) && has(`${other}${suffix}`)
      ? `${other}${suffix}`
      : `${spelled}${suffix}`;
  };
  const typeName = named('DocType');
  const rawType = reader.requiredText(typeName);
  const businessDocType = businessDocTypeFromCode(rawType);
  if (rawType && !businessDocType) {
    reader.issue(
      reader.pathOf(typeName),
      'BUSINESS_DOC_TYPE_UNKNOWN',
      `${reader.pathOf(typeName)} "${rawType}" must be 0 (new), 1 (recall), 2 (update) or 3 (replace)`,
    );
  }
  const staffElement = reader.optional('StaffInfo');
  const replacementList = reader.optional('ReplacementInfoList');
  return compact({
    documentId: reader.text('DocumentId'),
    businessDocType: businessDocType ?? 'new',
    businessDocReason: reader.text(named('DocReason')),
    paper: reader.text('Paper'),
    staffInfo: staffElement && readStaffInfo(reader.readerFor(staffElement, 'StaffInfo')),
    businessDocumentInfo: reader.optional(named('DocumentInfo')),
    replacementInfoList:
      replacementList &&
      readReplacementList(reader.readerFor(replacementList, 'ReplacementInfoList')),
    extensions: reader.extensions(),
  });
}

function readReplacementList(reader: EdxmlChildReader): EdxmlReplacementInfo[] {
  return reader.many('ReplacementInfo').map((element, index) => {
    const child = reader.readerFor(element, 'ReplacementInfo', index);
    return compact({
      documentId: child.requiredText('DocumentId'),
      organIds: child.textList('OrganIdList', 'OrganId') ?? [],
      extensions: child.extensions(),
    });
  });
}

function readManifest(reader: EdxmlChildReader): EdxmlManifest {
  const version =
    reader.element.attributes.find(
      (attribute) => attribute.name === 'version' && !attribute.namespace,
    )?.value ?? '1.0';
  const references = reader.many('Reference').map((element, index) => {
    const child = reader.readerFor(element, 'Reference', index);
    const xlink = (name: string) =>
      element.attributes.find(
        (attribute) => attribute.namespace === XLINK_NAMESPACE && attribute.name === name,
      )?.value;
    const attachmentName = child.text('AttachmentName');
    checkAttachmentName(child, attachmentName);
    return compact({
      contentId: child.text('ContentId'),
      contentType: child.text('ContentType'),
      description: checkedText(child, 'Description', ATTACHMENT_DESCRIPTION_MAX_LENGTH),
      attachmentName,
      href: xlink('href'),
      linkType: xlink('type'),
      extensions: child.extensions(),
    });
  });
  return compact({ version, references, extensions: reader.extensions() });
}

function readAttachment(reader: EdxmlChildReader): EdxmlAttachment {
  const encoded = reader.required('ContentTransferEncoded');
  const content = decodeBase64((encoded?.text ?? '').replace(/\s+/g, ''));
  if (!content) {
    reader.issue(
      reader.pathOf('ContentTransferEncoded'),
      'BASE64_INVALID',
      `${reader.pathOf('ContentTransferEncoded')} is not valid base64`,
    );
  }
  const attachmentName = reader.requiredText('AttachmentName');
  checkAttachmentName(reader, attachmentName);
  return compact({
    contentId: reader.requiredText('ContentId'),
    attachmentName,
    description: checkedText(reader, 'Description', ATTACHMENT_DESCRIPTION_MAX_LENGTH),
    contentType: reader.requiredText('ContentType'),
    content: content ?? Buffer.alloc(0),
    extensions: reader.extensions(),
  });
}

function checkAttachmentName(reader: EdxmlChildReader, name: string | undefined): void {
  if (name === undefined || characterCount(name) <= ATTACHMENT_NAME_MAX_LENGTH) return;
  const path = reader.pathOf('AttachmentName');
  reader.issue(
    path,
    'VALUE_TOO_LONG',
    `${path} has ${characterCount(name)} characters, at most ${ATTACHMENT_NAME_MAX_LENGTH} are allowed`,
  );
}

function readStatus(headerReader: EdxmlChildReader, issues: EdxmlIssue[]): EdxmlStatus {
  const statusElement = headerReader.required('Status')!;
  const reader = new EdxmlChildReader(statusElement, 'Status', issues);
  const fromElement = reader.required('From');
  const responseForElement = reader.required('ResponseFor');
  const staffElement = reader.optional('StaffInfo');
  const from = fromElement
    ? readOrganization(reader.readerFor(fromElement, 'From'))
    : { organId: '' };
  const responseFor = responseForElement
    ? readResponseFor(reader.readerFor(responseForElement, 'ResponseFor'))
    : { organId: '', code: '', promulgationDate: '', documentId: '' };
  const rawCode = reader.requiredText('StatusCode');
  const statusCode = normalizeEdxmlStatusCode(rawCode);
  if (rawCode && !statusCode) {
    reader.issue(
      'Status/StatusCode',
      'STATUS_CODE_UNKNOWN',
      `Status/StatusCode "${rawCode}" is not one of 01-06, 13, 14, 15, 16`,
    );
  }
  const timestamp = reader.requiredText('Timestamp');
  if (timestamp && !edxmlTimestampToDate(timestamp)) {
    reader.issue(
      'Status/Timestamp',
      'TIMESTAMP_INVALID',
      `Status/Timestamp "${timestamp}" must be a real time written yyyy/MM/dd HH:mm:ss`,
    );
  }
  for (const [path, organId] of [
    ['Status/From/OrganId', from.organId],
    ['Status/ResponseFor/OrganId', responseFor.organId],
  ] as const) {
    const check = organId ? checkAgencyCode(organId) : undefined;
    if (check && !check.ok)
      reader.issue(path, 'AGENCY_CODE_INVALID', `${path}: ${check.error.message}`);
  }
  if (responseFor.promulgationDate && !edxmlDateToIso(responseFor.promulgationDate)) {
    reader.issue(
      'Status/ResponseFor/PromulgationDate',
      'DATE_INVALID',
      `Status/ResponseFor/PromulgationDate "${responseFor.promulgationDate}" must be a real date written yyyy/MM/dd`,
    );
  }
  let numberNotation: string | undefined;
  if (responseFor.code) {
    try {
      numberNotation = formatNumberNotation(parseNumberNotation(responseFor.code));
    } catch (error) {
      reader.issue(
        'Status/ResponseFor/Code',
        'VALUE_INVALID',
        `Status/ResponseFor/Code: ${error instanceof Error ? error.message : 'invalid'}`,
      );
    }
  }
  checkResponseForDocumentId(reader, responseFor, numberNotation);
  return compact({
    from,
    responseFor,
    staffInfo: staffElement && readStaffInfo(reader.readerFor(staffElement, 'StaffInfo')),
    statusCode: statusCode ?? '01',
    description: reader.text('Description'),
    timestamp,
    traceHeaderList: readOptionalTraceHeaderList(headerReader),
    signature: headerReader.take(isSignature),
    extensions: reader.extensions(),
  });
}

/** `ResponseFor/DocumentId` names the same document as its OrganId, PromulgationDate and Code. */
function checkResponseForDocumentId(
  reader: EdxmlChildReader,
  responseFor: EdxmlResponseFor,
  numberNotation: string | undefined,
): void {
  const promulgationDate = edxmlDateToIso(responseFor.promulgationDate);
  const organ = responseFor.organId ? checkAgencyCode(responseFor.organId) : undefined;
  // Judged only once every part is readable: a broken part has its own issue already.
  if (!organ?.ok || !promulgationDate || !numberNotation || !responseFor.documentId) return;
  const expected = buildDocumentId({
    organId: organ.parsed.code,
    promulgationDate,
    numberNotation,
  });
  if (responseFor.documentId !== expected) {
    reader.issue(
      'Status/ResponseFor/DocumentId',
      'DOCUMENT_ID_MISMATCH',
      `Status/ResponseFor/DocumentId "${responseFor.documentId}" must be ${expected}, from the OrganId, PromulgationDate and Code beside it`,
    );
  }
}

/**
 * Strict base64 without a regular expression over megabytes (slow in V8): Node's decoder skips
 * characters outside the alphabet and stops at inner padding, so the decoded length tells.
 */
function decodeBase64(base64: string): Buffer | undefined {
  if (base64.length % 4 !== 0) return undefined;
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const decoded = Buffer.from(base64, 'base64');
  return decoded.length === (base64.length / 4) * 3 - padding ? decoded : undefined;
}

function isSignature(element: XmlElement): boolean {
  return element.namespace === XMLDSIG_NAMESPACE && element.name === 'Signature';
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/** Drops `undefined` members so parsed models compare equal however they were produced. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
