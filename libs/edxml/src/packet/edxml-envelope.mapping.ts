import { dateToEdxmlTimestamp, edxmlDateToIso, isoDateToEdxml } from '../dates/edxml-dates';
import {
  confidentialityFromEdxmlCode,
  edxmlCodeOfConfidentiality,
} from '../document-metadata/confidentiality-levels';
import { edxmlPriorityOf, urgencyFromEdxmlPriority } from '../document-metadata/urgency-levels';
import {
  validateDispatchEnvelope,
  type DispatchEnvelope,
  type OrganizationRef,
} from '../envelope/dispatch-envelope';
import { describeField, formatPath } from '../envelope/envelope-field-labels';
import {
  EnvelopeValidationError,
  type EnvelopeIssue,
  type EnvelopeIssueCode,
} from '../envelope/envelope-validation.error';
import type {
  EdxmlAttachment,
  EdxmlOrganization,
  EdxmlPacket,
  EdxmlStaffInfo,
  EdxmlTraceHeaderList,
} from './edxml-packet';

const BOOLEAN_TEXTS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
]);

/** A file to carry in `AttachmentEncoded`; `contentId` defaults to `cid:1`, `cid:2`, … */
export interface EdxmlAttachmentInput {
  readonly contentId?: string;
  readonly attachmentName: string;
  readonly description?: string;
  readonly contentType: string;
  readonly content: Buffer;
}

/**
 * The validated envelope of a parsed packet. edXML's text values are converted (dates
 * `yyyy/MM/dd` → ISO, numbers, `true`/`false`), urgency comes from `OtherInfo/Priority` and
 * confidentiality from `OtherInfo/SecurityLevel` (absent = not secret [check]); then every rule
 * of `validateDispatchEnvelope` applies. Throws `EnvelopeValidationError` (`ENVELOPE_INVALID`)
 * with envelope paths (`promulgationInfo.promulgationDate`). Unknown elements stay in the packet.
 */
export function edxmlToEnvelope(packet: EdxmlPacket): DispatchEnvelope {
  const header = packet.messageHeader;
  const conversion: EnvelopeIssue[] = [];
  const problem = (path: PropertyKey[], code: EnvelopeIssueCode, detail: string) =>
    conversion.push({ path: formatPath(path), code, message: `${describeField(path)} ${detail}` });

  const date = (path: PropertyKey[], value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const iso = edxmlDateToIso(value);
    if (!iso)
      problem(
        path,
        'DATE_INVALID',
        `must be a real date written yyyy/MM/dd, not "${value.slice(0, 40)}"`,
      );
    return iso;
  };
  const integer = (path: PropertyKey[], value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    if (!/^\d{1,9}$/.test(value)) {
      problem(path, 'FIELD_TYPE_INVALID', `must be a whole number, not "${value.slice(0, 40)}"`);
      return undefined;
    }
    return Number(value);
  };

  const otherInfo = header.otherInfo;
  const priority = integer(['otherInfo', 'priority'], otherInfo?.priority);
  const urgency = priority === undefined ? 'normal' : urgencyFromEdxmlPriority(priority);
  if (priority !== undefined && urgency === undefined) {
    problem(
      ['otherInfo', 'priority'],
      'FIELD_VALUE_INVALID',
      `${priority} is not an urgency level (0 to 3, or 4)`,
    );
  }
  const securityLevel = integer(['confidentiality'], otherInfo?.securityLevel);
  const confidentiality =
    securityLevel === undefined ? 'none' : confidentialityFromEdxmlCode(securityLevel);
  if (securityLevel !== undefined && confidentiality === undefined) {
    // Fail closed: an unreadable secrecy mark is never taken for "not secret".
    problem(
      ['confidentiality'],
      'FIELD_VALUE_INVALID',
      `OtherInfo/SecurityLevel ${securityLevel} is not 0 to 3`,
    );
  }
  let direction: boolean | undefined;
  if (otherInfo?.direction !== undefined) {
    direction = BOOLEAN_TEXTS.get(otherInfo.direction.toLowerCase());
    if (direction === undefined) {
      problem(
        ['otherInfo', 'direction'],
        'FIELD_TYPE_INVALID',
        `must be true or false, not "${otherInfo.direction.slice(0, 40)}"`,
      );
    }
  }

  const json = {
    replaces: replacesOf(packet.traceHeaderList, problem),
    from: organizationJson(header.from),
    to: header.to.map(organizationJson),
    documentId: header.documentId,
    code: { codeNumber: header.code.codeNumber, codeNotation: header.code.codeNotation },
    promulgationInfo: {
      place: header.promulgationInfo.place,
      promulgationDate: date(
        ['promulgationInfo', 'promulgationDate'],
        header.promulgationInfo.promulgationDate,
      ),
    },
    documentType: {
      type: integer(['documentType', 'type'], header.documentType.type),
      typeDetail: integer(['documentType', 'typeDetail'], header.documentType.typeDetail),
      typeName: header.documentType.typeName,
    },
    subject: header.subject,
    content: header.content,
    signerInfo: {
      competence: header.signerInfo?.competence,
      position: header.signerInfo?.position,
      fullName: header.signerInfo?.fullName,
    },
    dueDate: date(['dueDate'], header.dueDate),
    urgency,
    confidentiality,
    steeringType: integer(['steeringType'], header.steeringType),
    otherInfo: otherInfo && {
      priority,
      sphereOfPromulgation: otherInfo.sphereOfPromulgation,
      typerNotation: otherInfo.typerNotation,
      promulgationAmount: integer(
        ['otherInfo', 'promulgationAmount'],
        otherInfo.promulgationAmount,
      ),
      pageAmount: integer(['otherInfo', 'pageAmount'], otherInfo.pageAmount),
      direction,
      appendixes: otherInfo.appendixes,
    },
    toPlaces: header.toPlaces,
    responseFor: header.responseFor?.map((reference, index) => ({
      organId: reference.organId,
      code: reference.code,
      promulgationDate: date(
        ['responseFor', index, 'promulgationDate'],
        reference.promulgationDate,
      ),
      documentId: reference.documentId,
    })),
  };

  let envelope: DispatchEnvelope | undefined;
  let validationIssues: readonly EnvelopeIssue[] = [];
  try {
    envelope = validateDispatchEnvelope(json);
  } catch (error) {
    if (!(error instanceof EnvelopeValidationError)) throw error;
    validationIssues = error.issues;
  }
  if (envelope && conversion.length === 0) return envelope;
  // A value that failed conversion was left out: drop the validator's echo of that gap.
  const converted = new Set(conversion.map((issue) => issue.path));
  throw new EnvelopeValidationError([
    ...conversion,
    ...validationIssues.filter((issue) => !converted.has(issue.path)),
  ]);
}

/**
 * The packet for a validated envelope and its files: a manifest reference per attachment,
 * `Priority` from the urgency, `SecurityLevel` only for a secret level (which the gateway refuses
 * before ever building a packet). `trace` is the caller's: see `newDispatchTraceHeaderList`.
 */
export function envelopeToEdxml(
  envelope: DispatchEnvelope,
  attachments: readonly EdxmlAttachmentInput[],
  trace: EdxmlTraceHeaderList,
): EdxmlPacket {
  const files: EdxmlAttachment[] = attachments.map((attachment, index) =>
    compact({
      contentId: attachment.contentId ?? `cid:${index + 1}`,
      attachmentName: attachment.attachmentName,
      description: attachment.description,
      contentType: attachment.contentType,
      content: attachment.content,
    }),
  );
  const otherInfo = envelope.otherInfo;
  return compact({
    messageHeader: compact({
      from: organizationEdxml(envelope.from),
      to: envelope.to.map(organizationEdxml),
      documentId: envelope.documentId,
      code: { codeNumber: envelope.code.codeNumber, codeNotation: envelope.code.codeNotation },
      promulgationInfo: {
        place: envelope.promulgationInfo.place,
        promulgationDate: isoDateToEdxml(envelope.promulgationInfo.promulgationDate),
      },
      documentType: compact({
        type: String(envelope.documentType.type),
        typeDetail: optionalString(envelope.documentType.typeDetail),
        typeName: envelope.documentType.typeName,
      }),
      subject: envelope.subject,
      content: envelope.content,
      signerInfo: compact({
        competence: envelope.signerInfo.competence,
        position: envelope.signerInfo.position,
        fullName: envelope.signerInfo.fullName,
      }),
      dueDate: envelope.dueDate && isoDateToEdxml(envelope.dueDate),
      otherInfo: compact({
        priority: String(edxmlPriorityOf(envelope.urgency)),
        sphereOfPromulgation: otherInfo?.sphereOfPromulgation,
        typerNotation: otherInfo?.typerNotation,
        promulgationAmount: optionalString(otherInfo?.promulgationAmount),
        pageAmount: optionalString(otherInfo?.pageAmount),
        direction: optionalString(otherInfo?.direction),
        appendixes: otherInfo?.appendixes,
        securityLevel:
          envelope.confidentiality === 'none'
            ? undefined
            : String(edxmlCodeOfConfidentiality(envelope.confidentiality)),
      }),
      steeringType: optionalString(envelope.steeringType),
      toPlaces: envelope.toPlaces,
      responseFor: envelope.responseFor?.map((reference) => ({
        organId: reference.organId,
        code: reference.code,
        promulgationDate: isoDateToEdxml(reference.promulgationDate),
        documentId: reference.documentId,
      })),
    }),
    traceHeaderList: trace,
    manifest:
      files.length > 0
        ? {
            version: '1.0',
            references: files.map((file) =>
              compact({
                contentId: file.contentId,
                contentType: file.contentType,
                description: file.description,
                attachmentName: file.attachmentName,
              }),
            ),
          }
        : undefined,
    attachments: files,
  });
}

/**
 * The trace of a dispatch leaving its sender now: one TraceHeader, BussinessDocType 0 (new), or 3
 * (replace) with a ReplacementInfo naming the replaced document and this dispatch's recipients
 * when the envelope `replaces` an earlier one.
 */
export function newDispatchTraceHeaderList(
  envelope: Pick<DispatchEnvelope, 'from' | 'to' | 'documentId' | 'replaces'>,
  sentAt: Date,
  staffInfo?: EdxmlStaffInfo,
): EdxmlTraceHeaderList {
  const replaces = envelope.replaces;
  return {
    traceHeaders: [{ organId: envelope.from.organId, timestamp: dateToEdxmlTimestamp(sentAt) }],
    business: compact({
      documentId: envelope.documentId,
      businessDocType: replaces ? ('replace' as const) : ('new' as const),
      businessDocReason: replaces ? (replaces.reason ?? 'Văn bản thay thế') : 'Văn bản điện tử mới',
      paper: '0',
      staffInfo,
      replacementInfoList: replaces && [
        { documentId: replaces.documentId, organIds: envelope.to.map((to) => to.organId) },
      ],
    }),
  };
}

/**
 * `replaces` of a BussinessDocType 3 packet: the one document its ReplacementInfo names, the
 * reason from BussinessDocReason. Other business types leave it out (the gateway decides which it
 * takes).
 */
function replacesOf(
  trace: EdxmlTraceHeaderList | undefined,
  problem: (path: PropertyKey[], code: EnvelopeIssueCode, detail: string) => void,
): { documentId: string; reason?: string } | undefined {
  const business = trace?.business;
  if (business?.businessDocType !== 'replace') return undefined;
  const replaced = business.replacementInfoList ?? [];
  if (replaced.length === 0) {
    problem(
      ['replaces', 'documentId'],
      'FIELD_REQUIRED',
      'is required: a replacement (BussinessDocType 3) names the replaced document in ReplacementInfoList/ReplacementInfo/DocumentId',
    );
    return undefined;
  }
  if (replaced.length > 1) {
    problem(
      ['replaces'],
      'TOO_MANY_ITEMS',
      `names ${replaced.length} replaced documents; docaxis replaces one document per dispatch`,
    );
    return undefined;
  }
  return { documentId: replaced[0].documentId, reason: business.businessDocReason };
}

function organizationJson(organization: EdxmlOrganization): Record<string, unknown> {
  return {
    organId: organization.organId,
    organName: organization.organName,
    organizationInCharge: organization.organizationInCharge,
    organAdd: organization.organAdd,
    email: organization.email,
    telephone: organization.telephone,
    fax: organization.fax,
    website: organization.website,
  };
}

function organizationEdxml(organization: OrganizationRef): EdxmlOrganization {
  return compact({ ...organization });
}

function optionalString(value: number | boolean | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
