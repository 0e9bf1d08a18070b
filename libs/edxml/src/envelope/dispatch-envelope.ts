import type { z } from 'zod';
import { isSecretLevel, type Confidentiality } from '../document-metadata/confidentiality-levels';
import {
  findDocumentTypeByCode,
  findDocumentTypeByName,
} from '../document-metadata/document-types';
import {
  checkNotationMatchesType,
  formatNumberNotation,
  parseNumberNotation,
} from '../document-metadata/number-notation';
import {
  edxmlPriorityOf,
  urgencyFromEdxmlPriority,
  type Urgency,
} from '../document-metadata/urgency-levels';
import { buildDocumentId } from './document-id';
import { dispatchEnvelopeSchema, type EnvelopeIssueParams } from './dispatch-envelope.schema';
import { describeField, formatPath } from './envelope-field-labels';
import {
  EnvelopeValidationError,
  type EnvelopeIssue,
  type EnvelopeIssueCode,
} from './envelope-validation.error';

/**
 * A dispatch's envelope: the edXML `MessageHeader` (QCVN 102:2016/BTTTT) with its element names in
 * English camelCase, plus urgency and confidentiality as enums. Dates are ISO `yyyy-mm-dd` strings.
 */
export interface OrganizationRef {
  /** Agency code (mã định danh), `000.00.00.G22`. */
  readonly organId: string;
  readonly organName: string;
  /** The governing body (cơ quan chủ quản), `Chính phủ`. */
  readonly organizationInCharge?: string;
  readonly organAdd?: string;
  readonly email?: string;
  readonly telephone?: string;
  readonly fax?: string;
  readonly website?: string;
}

export interface DocumentCode {
  /** The yearly number as written, `05`. */
  readonly codeNumber: string;
  /** `VPCP-KSTT`, `QĐ-TTg`. */
  readonly codeNotation: string;
}

export interface PromulgationInfo {
  readonly place: string;
  readonly promulgationDate: string;
}

export interface DocumentTypeInfo {
  /** edXML integer code; 1 = Công văn. */
  readonly type: number;
  readonly typeDetail?: number;
  /** Canonical Vietnamese name from the document-type table, `Công văn`. */
  readonly typeName: string;
}

export interface SignerInfo {
  /** `KT. BỘ TRƯỞNG`, `TM. CHÍNH PHỦ`. */
  readonly competence?: string;
  readonly position: string;
  readonly fullName: string;
}

export interface OtherInfo {
  /** The raw edXML `Priority`; `urgency` is authoritative and must agree with it. */
  readonly priority?: number;
  readonly sphereOfPromulgation?: string;
  readonly typerNotation?: string;
  readonly promulgationAmount?: number;
  readonly pageAmount?: number;
  readonly direction?: boolean;
  readonly appendixes?: readonly string[];
}

/** An earlier document this one answers (ResponseFor). */
export interface ResponseForRef {
  readonly organId: string;
  /** Number and notation in one, `05/VPCP-KSTT`. */
  readonly code: string;
  readonly promulgationDate: string;
  readonly documentId: string;
}

/** The earlier dispatch of the same sender that this one replaces (an update). */
export interface ReplacesRef {
  /** Its `documentId`, `{sender},{yyyy/MM/dd},{number}/{notation}`. */
  readonly documentId: string;
  readonly reason?: string;
}

/** 0 or 1 as edXML carries it (chỉ đạo / điều hành). */
export type SteeringType = 0 | 1;

export interface DispatchEnvelope {
  readonly from: OrganizationRef;
  readonly to: readonly OrganizationRef[];
  /** `{from.organId},{yyyy/MM/dd},{number}/{notation}`. */
  readonly documentId: string;
  readonly code: DocumentCode;
  readonly promulgationInfo: PromulgationInfo;
  readonly documentType: DocumentTypeInfo;
  /** Trích yếu, at most 500 characters. */
  readonly subject: string;
  readonly content?: string;
  readonly signerInfo: SignerInfo;
  readonly dueDate?: string;
  readonly urgency: Urgency;
  readonly confidentiality: Confidentiality;
  readonly steeringType?: SteeringType;
  readonly otherInfo?: OtherInfo;
  readonly toPlaces?: readonly string[];
  readonly responseFor?: readonly ResponseForRef[];
  readonly replaces?: ReplacesRef;
}

type ParsedEnvelope = z.output<typeof dispatchEnvelopeSchema>;

/**
 * Validates the JSON form of an envelope (any input: parsed JSON, an edXML-derived object) and
 * returns the normalized envelope: text in NFC and trimmed, blank optional fields dropped, the
 * document type's canonical name, the derived `documentId`. Throws one `EnvelopeValidationError`
 * (`ENVELOPE_INVALID`) listing every issue. Rules across fields run once each field is well-formed.
 * Confidentiality is parsed, not refused: the caller decides with `isSecret`.
 */
export function validateDispatchEnvelope(input: unknown): DispatchEnvelope {
  const result = dispatchEnvelopeSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    throw new EnvelopeValidationError(result.error.issues.flatMap(toEnvelopeIssues));
  }
  const issues: EnvelopeIssue[] = [];
  const envelope = applyCrossFieldRules(result.data, issues);
  if (issues.length > 0) throw new EnvelopeValidationError(issues);
  return envelope;
}

/** Mật, Tối mật and Tuyệt mật documents never travel on the axis. */
export function isSecret(envelope: Pick<DispatchEnvelope, 'confidentiality'>): boolean {
  return isSecretLevel(envelope.confidentiality);
}

function applyCrossFieldRules(data: ParsedEnvelope, issues: EnvelopeIssue[]): DispatchEnvelope {
  const add = (path: PropertyKey[], code: EnvelopeIssueCode, detail: string) =>
    issues.push({ path: formatPath(path), code, message: `${describeField(path)} ${detail}` });

  const firstIndexOf = new Map<string, number>();
  data.to.forEach((recipient, index) => {
    const path = ['to', index, 'organId'];
    if (recipient.organId === data.from.organId) {
      add(
        path,
        'SENDER_IS_RECIPIENT',
        `is the sender ${recipient.organId}; an agency does not send to itself`,
      );
    }
    const earlier = firstIndexOf.get(recipient.organId);
    if (earlier === undefined) {
      firstIndexOf.set(recipient.organId, index);
    } else {
      add(
        path,
        'DUPLICATE_RECIPIENT',
        `repeats ${recipient.organId}, already listed at to[${earlier}]`,
      );
    }
  });

  const declared = findDocumentTypeByName(data.documentType.typeName);
  const notation = parseNumberNotation(`${data.code.codeNumber}/${data.code.codeNotation}`);
  if (!declared) {
    add(
      ['documentType', 'typeName'],
      'DOCUMENT_TYPE_UNKNOWN',
      `"${data.documentType.typeName}" is not a document type of NĐ 30/2020 (such as Công văn, Quyết định, Thông báo)`,
    );
  } else {
    const owner = findDocumentTypeByCode(data.documentType.type);
    if (declared.edxmlTypeCode !== null && declared.edxmlTypeCode !== data.documentType.type) {
      add(
        ['documentType', 'type'],
        'DOCUMENT_TYPE_CODE_MISMATCH',
        `must be ${declared.edxmlTypeCode} for ${declared.name}, not ${data.documentType.type}`,
      );
    } else if (owner && owner !== declared) {
      add(
        ['documentType', 'type'],
        'DOCUMENT_TYPE_CODE_MISMATCH',
        `${data.documentType.type} is the code of ${owner.name}, not of ${declared.name}`,
      );
    }
    const mismatch = checkNotationMatchesType(notation, declared);
    if (mismatch) {
      add(
        ['code', 'codeNotation'],
        'NOTATION_TYPE_MISMATCH',
        `does not match the type: ${mismatch.message}`,
      );
    }
  }

  const promulgationDate = data.promulgationInfo.promulgationDate;
  if (data.dueDate !== undefined && data.dueDate < promulgationDate) {
    add(
      ['dueDate'],
      'DUE_DATE_BEFORE_PROMULGATION',
      `${data.dueDate} is before the promulgation date ${promulgationDate}`,
    );
  }

  const urgency = data.urgency as Urgency;
  const priority = data.otherInfo?.priority;
  if (priority !== undefined && urgencyFromEdxmlPriority(priority) !== urgency) {
    add(
      ['otherInfo', 'priority'],
      'PRIORITY_URGENCY_MISMATCH',
      `${priority} disagrees with urgency "${urgency}" (edXML priority ${edxmlPriorityOf(urgency)})`,
    );
  }

  const documentId = buildDocumentId({
    organId: data.from.organId,
    promulgationDate,
    numberNotation: formatNumberNotation(notation),
  });
  if (data.documentId !== undefined && data.documentId !== documentId) {
    add(
      ['documentId'],
      'DOCUMENT_ID_MISMATCH',
      `must be ${documentId}, derived from the sender, date, number and notation`,
    );
  }

  const responseFor = data.responseFor?.map((reference, index) => {
    const expected = buildDocumentId({
      organId: reference.organId,
      promulgationDate: reference.promulgationDate,
      numberNotation: formatNumberNotation(parseNumberNotation(reference.code)),
    });
    if (reference.documentId !== undefined && reference.documentId !== expected) {
      add(['responseFor', index, 'documentId'], 'DOCUMENT_ID_MISMATCH', `must be ${expected}`);
    }
    return { ...reference, documentId: expected };
  });

  if (data.replaces && !data.replaces.documentId.startsWith(`${data.from.organId},`)) {
    add(
      ['replaces', 'documentId'],
      'DOCUMENT_ID_MISMATCH',
      `must be a document of the sender ${data.from.organId}: only the sender replaces its own`,
    );
  }

  return withoutUndefined({
    ...data,
    documentId,
    documentType: { ...data.documentType, typeName: declared?.name ?? data.documentType.typeName },
    urgency,
    confidentiality: data.confidentiality as Confidentiality,
    responseFor,
  }) as DispatchEnvelope;
}

function toEnvelopeIssues(issue: z.core.$ZodIssue): EnvelopeIssue[] {
  const at = (path: PropertyKey[], code: EnvelopeIssueCode, detail: string): EnvelopeIssue => ({
    path: formatPath(path),
    code,
    message: `${describeField(path)} ${detail}`,
  });
  const path = issue.path;
  switch (issue.code) {
    case 'custom': {
      const params = issue.params as EnvelopeIssueParams | undefined;
      return [at(path, params?.code ?? 'FIELD_VALUE_INVALID', params?.detail ?? 'is invalid')];
    }
    case 'invalid_type': {
      const missing = !('input' in issue) || issue.input === undefined || issue.input === null;
      if (path.length === 0) {
        return [
          {
            path: '',
            code: 'ENVELOPE_NOT_AN_OBJECT',
            message: 'The envelope must be a JSON object',
          },
        ];
      }
      return missing
        ? [at(path, 'FIELD_REQUIRED', 'is required')]
        : [at(path, 'FIELD_TYPE_INVALID', `must be ${describeType(issue.expected)}`)];
    }
    case 'too_big':
      if (issue.origin === 'array') {
        return [
          at(path, 'TOO_MANY_ITEMS', `must not have more than ${String(issue.maximum)} entries`),
        ];
      }
      if (issue.origin === 'string') {
        return [at(path, 'FIELD_TOO_LONG', `must not exceed ${String(issue.maximum)} characters`)];
      }
      return [at(path, 'FIELD_VALUE_INVALID', `must be at most ${String(issue.maximum)}`)];
    case 'too_small':
      if (issue.origin === 'array') {
        return [at(path, 'FIELD_REQUIRED', `must have at least ${String(issue.minimum)} entry`)];
      }
      return [at(path, 'FIELD_VALUE_INVALID', `must be at least ${String(issue.minimum)}`)];
    case 'invalid_value':
      if (!('input' in issue) || issue.input === undefined) {
        return [at(path, 'FIELD_REQUIRED', 'is required')];
      }
      return [
        at(path, 'FIELD_VALUE_INVALID', `must be one of: ${issue.values.map(String).join(', ')}`),
      ];
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        at([...path, key], 'FIELD_UNKNOWN', 'is not a field of the dispatch envelope'),
      );
    default:
      return [at(path, 'FIELD_VALUE_INVALID', 'is invalid')];
  }
}

function describeType(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'int':
      return 'an integer';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return `of type ${expected}`;
  }
}

/**
 * Optional fields are absent rather than `undefined`, so models compare and serialize cleanly.
 * Plain loops, not entries/filter/map/fromEntries: this runs on every submission and was the
 * largest single cost of validating an envelope.
 */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const entry = source[key];
    if (entry === undefined) continue;
    const cleaned = withoutUndefined(entry);
    // An own "__proto__" key stays a property (as Object.fromEntries made it), never a prototype.
    if (key === '__proto__') {
      Object.defineProperty(result, key, {
        value: cleaned,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      result[key] = cleaned;
    }
  }
  return result;
}
