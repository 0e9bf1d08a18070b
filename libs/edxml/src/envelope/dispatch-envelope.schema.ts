import { z } from 'zod';
import { checkAgencyCode } from '../agency-code/agency-code';
import { isIsoCalendarDate } from '../dates/edxml-dates';
import { CONFIDENTIALITIES } from '../document-metadata/confidentiality-levels';
import { checkNumberNotation, parseNumberNotation } from '../document-metadata/number-notation';
import { URGENCIES } from '../document-metadata/urgency-levels';
import { characterCount, sanitizeText } from '../text/safe-text';
import type { EnvelopeIssueCode } from './envelope-validation.error';

/**
 * The JSON form of a dispatch envelope that the HTTP API accepts (multipart field `envelope`).
 * Field-level rules live here; rules across fields (duplicates, dates in order, notation against
 * type) are applied by `validateDispatchEnvelope` once every field is well-formed.
 *
 * Limits: `subject`/`content` 500, `otherInfo` texts and appendixes 250, `toPlaces` 150 come from
 * QCVN 102:2016; the others are docaxis's own generous bounds where the standard sets none.
 */
export const ENVELOPE_LIMITS = {
  subject: 500,
  content: 500,
  otherInfoText: 250,
  toPlace: 150,
  organName: 200,
  organizationInCharge: 200,
  organAdd: 250,
  email: 100,
  telephone: 50,
  fax: 50,
  website: 200,
  place: 100,
  codeNumber: 10,
  codeNotation: 50,
  typeName: 100,
  competence: 100,
  position: 100,
  fullName: 100,
  documentId: 150,
  recipients: 1000,
  toPlaces: 1000,
  appendixes: 100,
  responseFor: 100,
  replaceReason: 2000,
  amount: 1_000_000,
} as const;

/** Issue parameters that `validateDispatchEnvelope` turns into a coded, labelled message. */
export interface EnvelopeIssueParams {
  readonly code: EnvelopeIssueCode;
  /** The part of the message after the field's name ("is invalid: …"). */
  readonly detail: string;
}

function report(
  ctx: z.RefinementCtx,
  code: EnvelopeIssueCode,
  detail: string,
  path?: PropertyKey[],
): void {
  const params: EnvelopeIssueParams = { code, detail };
  ctx.addIssue({ code: 'custom', message: detail, params, ...(path ? { path } : {}) });
}

interface TextOptions {
  readonly max: number;
  readonly multiline?: boolean;
}

function cleanText(raw: string, options: TextOptions, ctx: z.RefinementCtx): string | undefined {
  const result = sanitizeText(raw, options);
  if (!result.ok) {
    report(ctx, 'TEXT_CHARACTER_INVALID', result.reason);
    return undefined;
  }
  if (characterCount(result.value) > options.max) {
    report(ctx, 'FIELD_TOO_LONG', `must not exceed ${options.max} characters`);
    return undefined;
  }
  return result.value;
}

/** A required text: NFC, trimmed, not empty, within `max` characters. */
function requiredText(options: TextOptions) {
  return z.string().transform((raw, ctx) => {
    const value = cleanText(raw, options, ctx);
    if (value === undefined) return z.NEVER;
    if (value.length === 0) {
      report(ctx, 'FIELD_REQUIRED', 'is required');
      return z.NEVER;
    }
    return value;
  });
}

/** An optional text: `null`, missing and blank all mean "not given" (edXML sends `<Fax/>`). */
function optionalText(options: TextOptions) {
  return z
    .string()
    .nullish()
    .transform((raw, ctx) => {
      if (raw === null || raw === undefined) return undefined;
      const value = cleanText(raw, options, ctx);
      if (value === undefined) return z.NEVER;
      return value.length === 0 ? undefined : value;
    });
}

const agencyCode = z.string().transform((raw, ctx) => {
  const check = checkAgencyCode(raw);
  if (!check.ok) {
    report(
      ctx,
      'AGENCY_CODE_INVALID',
      check.error.message.replace(/^Agency code \(mã định danh\) /, ''),
    );
    return z.NEVER;
  }
  return check.parsed.code;
});

const isoDate = z.string().transform((raw, ctx) => {
  const value = raw.trim();
  if (!isIsoCalendarDate(value)) {
    report(
      ctx,
      'DATE_INVALID',
      `must be a real calendar date written yyyy-mm-dd, not "${value.slice(0, 40)}"`,
    );
    return z.NEVER;
  }
  return value;
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

const optionalEmail = optionalText({ max: ENVELOPE_LIMITS.email }).transform((value, ctx) => {
  if (value !== undefined && !EMAIL.test(value)) {
    report(ctx, 'EMAIL_INVALID', 'must be an e-mail address such as vanthu@example.gov.vn');
    return z.NEVER;
  }
  return value;
});

function count(max: number) {
  return z
    .number()
    .int()
    .min(0)
    .max(max)
    .nullish()
    .transform((value) => value ?? undefined);
}

export const organizationRefSchema = z.strictObject({
  organId: agencyCode,
  organName: requiredText({ max: ENVELOPE_LIMITS.organName }),
  organizationInCharge: optionalText({ max: ENVELOPE_LIMITS.organizationInCharge }),
  organAdd: optionalText({ max: ENVELOPE_LIMITS.organAdd }),
  email: optionalEmail,
  telephone: optionalText({ max: ENVELOPE_LIMITS.telephone }),
  fax: optionalText({ max: ENVELOPE_LIMITS.fax }),
  website: optionalText({ max: ENVELOPE_LIMITS.website }),
});

const codeSchema = z
  .strictObject({
    codeNumber: requiredText({ max: ENVELOPE_LIMITS.codeNumber }),
    codeNotation: requiredText({ max: ENVELOPE_LIMITS.codeNotation }),
  })
  .superRefine((code, ctx) => {
    const check = checkNumberNotation(code.codeNumber, code.codeNotation);
    if (!check.ok) {
      const field = check.error.part === 'number' ? 'codeNumber' : 'codeNotation';
      report(ctx, 'NUMBER_NOTATION_INVALID', detailOf(check.error.message), [field]);
    }
  });

const responseForSchema = z
  .strictObject({
    organId: agencyCode,
    code: requiredText({ max: ENVELOPE_LIMITS.codeNumber + 1 + ENVELOPE_LIMITS.codeNotation }),
    promulgationDate: isoDate,
    documentId: optionalText({ max: ENVELOPE_LIMITS.documentId }),
  })
  .superRefine((reference, ctx) => {
    try {
      parseNumberNotation(reference.code);
    } catch (error) {
      const detail = error instanceof Error ? detailOf(error.message) : 'is invalid';
      report(ctx, 'NUMBER_NOTATION_INVALID', detail, ['code']);
    }
  });

export const dispatchEnvelopeSchema = z.strictObject({
  from: organizationRefSchema,
  to: z.array(organizationRefSchema).min(1).max(ENVELOPE_LIMITS.recipients),
  documentId: optionalText({ max: ENVELOPE_LIMITS.documentId }),
  code: codeSchema,
  promulgationInfo: z.strictObject({
    place: requiredText({ max: ENVELOPE_LIMITS.place }),
    promulgationDate: isoDate,
  }),
  documentType: z.strictObject({
    type: z.number().int().min(0).max(9999),
    typeDetail: count(9999),
    typeName: requiredText({ max: ENVELOPE_LIMITS.typeName }),
  }),
  subject: requiredText({ max: ENVELOPE_LIMITS.subject }),
  content: optionalText({ max: ENVELOPE_LIMITS.content, multiline: true }),
  signerInfo: z.strictObject({
    competence: optionalText({ max: ENVELOPE_LIMITS.competence }),
    position: requiredText({ max: ENVELOPE_LIMITS.position }),
    fullName: requiredText({ max: ENVELOPE_LIMITS.fullName }),
  }),
  dueDate: isoDate.nullish().transform((value) => value ?? undefined),
  urgency: z.enum(URGENCIES as [string, ...string[]]).default('normal'),
  // No default: a sender states the level, so a secret document cannot slip through unmarked.
  confidentiality: z.enum(CONFIDENTIALITIES as [string, ...string[]]),
  steeringType: z
    .literal([0, 1])
    .nullish()
    .transform((value) => value ?? undefined),
  otherInfo: z
    .strictObject({
      priority: count(9),
      sphereOfPromulgation: optionalText({ max: ENVELOPE_LIMITS.otherInfoText }),
      typerNotation: optionalText({ max: ENVELOPE_LIMITS.otherInfoText }),
      promulgationAmount: count(ENVELOPE_LIMITS.amount),
      pageAmount: count(ENVELOPE_LIMITS.amount),
      direction: z
        .boolean()
        .nullish()
        .transform((value) => value ?? undefined),
      appendixes: z
        .array(requiredText({ max: ENVELOPE_LIMITS.otherInfoText }))
        .max(ENVELOPE_LIMITS.appendixes)
        .nullish()
        .transform((value) => value ?? undefined),
    })
    .nullish()
    .transform((value) => value ?? undefined),
  toPlaces: z
    .array(requiredText({ max: ENVELOPE_LIMITS.toPlace }))
    .max(ENVELOPE_LIMITS.toPlaces)
    .nullish()
    .transform((value) => value ?? undefined),
  responseFor: z
    .array(responseForSchema)
    .max(ENVELOPE_LIMITS.responseFor)
    .nullish()
    .transform((value) => value ?? undefined),
  /**
   * An update: this dispatch replaces an earlier one of the same sender (edXML ReplacementInfo /
   * BussinessDocType 3), named by its document id; the reason is BussinessDocReason.
   */
  replaces: z
    .strictObject({
      documentId: requiredText({ max: ENVELOPE_LIMITS.documentId }),
      reason: optionalText({ max: ENVELOPE_LIMITS.replaceReason, multiline: true }),
    })
    .nullish()
    .transform((value) => value ?? undefined),
});

/** What a client sends. */
export type DispatchEnvelopeJson = z.input<typeof dispatchEnvelopeSchema>;

/** Drops the "Number (số) is invalid: " style prefix: the issue names the field itself. */
function detailOf(message: string): string {
  return `is invalid: ${message.replace(/^[^:]*: /, '')}`;
}
