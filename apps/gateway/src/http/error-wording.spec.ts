import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { AuditVerifyRequestError } from '@docaxis/audit-trail/chain/audit-verify-request.error';
import { AuditExportHeadNotFoundError } from '@docaxis/audit-trail/export/audit-export-head-not-found.error';
import { AuditCheckpointNotFoundError } from '@docaxis/audit-trail/verification/audit-checkpoint-not-found.error';
import { BlobNotFoundError } from '@docaxis/blob-store/blob-not-found.error';
import { BlobStoreUnavailableError } from '@docaxis/blob-store/blob-store-unavailable.error';
import { AgencyCodeInvalidError } from '@docaxis/edxml/agency-code/agency-code-invalid.error';
import { NotationTypeMismatchError } from '@docaxis/edxml/document-metadata/notation-type-mismatch.error';
import { NumberNotationInvalidError } from '@docaxis/edxml/document-metadata/number-notation-invalid.error';
import { ConfidentialDocumentRefusedError } from '@docaxis/edxml/envelope/confidential-document-refused.error';
import { EnvelopeValidationError } from '@docaxis/edxml/envelope/envelope-validation.error';
import * as edxmlErrors from '@docaxis/edxml/packet/edxml-errors';
import { DomainError } from '@docaxis/errors/domain-error';
import { MessagingUnavailableError } from '@docaxis/messaging/connection/messaging-unavailable.error';
import { MessageUnroutableError } from '@docaxis/messaging/publisher/message-unroutable.error';
import { PublishFailedError } from '@docaxis/messaging/publisher/publish-failed.error';
import { PublishTimeoutError } from '@docaxis/messaging/publisher/publish-timeout.error';
import { AgencyParentInvalidError } from '@docaxis/persistence/agency/agency-parent-invalid.error';
import { AuditPageLimitError } from '@docaxis/persistence/audit/audit-page-limit.error';
import { SubmissionBacklogFullError } from '../admission/submission-admission.errors';
import { AuditQueryInvalidError } from '../audit/audit-query';
import * as auth from '../auth/client-certificate.errors';
import * as blocked from '../blocked-status-notices/blocked-status-notice.errors';
import { ConsoleNotBuiltError } from '../console/console-not-built.error';
import * as directory from '../directory/directory.errors';
import * as submission from '../dispatches/dispatch-submission.errors';
import {
  EdxmlAttachmentsMismatchError,
  EdxmlBusinessTypeUnsupportedError,
} from '../edxml/edxml-submission.errors';
import * as edxmlStatus from '../edxml-status/edxml-status.errors';
import * as ack from '../inbox/inbox-ack.errors';
import { InboxCursorInvalidError } from '../inbox/inbox-cursor';
import { InboxWaitInvalidError } from '../inbox/inbox-wait';
import * as parked from '../parked-messages/parked-message.errors';
import { AgencyRateLimitedError } from '../rate-limit/agency-rate-limit.errors';
import * as recall from '../recall/recall.errors';
import { ListRoleInvalidError } from '../sent/list-sent.usecase';
import * as notices from '../status-notices/status-notice.errors';
import * as webhooks from '../webhooks/webhook.errors';
import { RequestBodyInvalidError } from './body-issues';
import { PageLimitInvalidError } from './page-limit';
import { ResponseLanguageInvalidError } from './response-language';

/**
 * Every error that can reach an HTTP answer is worded in Vietnamese, docaxis' default language.
 *
 * The classes are found, not listed: every module under the scanned folders that declares a class
 * extending an `…Error` is loaded, and each exported DomainError subclass must have an instance in
 * SAMPLES below (built from realistic arguments) whose Vietnamese is present. A new error class
 * therefore fails this spec until it is given a sample, and the sample fails until it has its
 * Vietnamese.
 *
 * Scanned: the whole gateway, and the libraries' errors the gateway lets through to its answers
 * (edXML parsing and envelope checks, the blob store, broker availability, the directory's and the
 * audit trail's request checks). Libraries whose errors the gateway turns into something else
 * (signature verification problems become report entries) or that never serve HTTP (CLI, config,
 * consumers) are not scanned.
 */
const REPO = resolve(__dirname, '../../../..');
const SCANNED = [
  'apps/gateway/src',
  'libs/edxml/src',
  'libs/blob-store/src',
  'libs/messaging/src/connection',
  'libs/messaging/src/publisher/message-unroutable.error.ts',
  'libs/messaging/src/publisher/publish-failed.error.ts',
  'libs/messaging/src/publisher/publish-timeout.error.ts',
  'libs/persistence/src/agency/agency-parent-invalid.error.ts',
  'libs/persistence/src/audit/audit-page-limit.error.ts',
  'libs/audit-trail/src/chain/audit-verify-request.error.ts',
  'libs/audit-trail/src/verification/audit-checkpoint-not-found.error.ts',
  'libs/audit-trail/src/export/audit-export-head-not-found.error.ts',
];

/** Bases never thrown themselves; their subclasses are sampled. */
const ABSTRACT: readonly unknown[] = [RequestBodyInvalidError];

const both = (en: string, vi: string) => ({ en, vi });
const ISSUES = [{ path: 'reason', message: 'Too small: expected string to have >=1 characters' }];
const ID = '3f0c7a9e-2b7d-4c1e-9a55-0d6f1c2b8e41';

const SAMPLES: readonly DomainError[] = [
  // libraries
  new AuditVerifyRequestError(both('the chain is empty', 'chuỗi nhật ký đang trống'), {}),
  new AuditCheckpointNotFoundError(12),
  new AuditExportHeadNotFoundError({ seq: 41, hash: 'c'.repeat(64) }, null),
  new BlobNotFoundError('ab'.repeat(32)),
  new BlobStoreUnavailableError('/var/lib/docaxis/blobs'),
  new AgencyCodeInvalidError('LOWER_CASE', '"g" at position 13 is lower case'),
  new NotationTypeMismatchError(both('Notation must start with "QĐ-"', 'Ký hiệu phải bắt đầu')),
  new NumberNotationInvalidError('number', both('"0" must be 01 or more', 'phải từ 01')),
  new ConfidentialDocumentRefusedError('secret'),
  new EnvelopeValidationError([
    { path: 'subject', code: 'FIELD_REQUIRED', message: 'subject (trích yếu) is required' },
  ]),
  new edxmlErrors.EdxmlMalformedError(both('unclosed tag', 'lỗi cú pháp XML')),
  new edxmlErrors.EdxmlDoctypeForbiddenError(),
  new edxmlErrors.EdxmlTooLargeError(20_000_000, 10_000_000),
  new edxmlErrors.EdxmlMarkupTooLargeError(2_000_000, 262_144),
  new edxmlErrors.EdxmlTooDeepError(64),
  new edxmlErrors.EdxmlStatusBodyForbiddenError(['edXMLBody', 'AttachmentEncoded']),
  new edxmlErrors.EdxmlTraceTooLongError(33, 32),
  new edxmlErrors.EdxmlZipInvalidError(both('it holds two files', 'tệp nén chứa hai tệp')),
  new EdxmlBusinessTypeUnsupportedError('recall'),
  new edxmlErrors.EdxmlNamespaceInvalidError(both('the root has none', 'gốc không có')),
  new edxmlErrors.EdxmlStructureError([
    { path: 'MessageHeader/From', code: 'ELEMENT_MISSING', message: 'From is missing' },
  ]),
  new MessagingUnavailableError('connection closed'),
  new MessageUnroutableError(ID, 'docaxis.delivery', 'inbox.H41', 'NO_ROUTE'),
  new PublishFailedError(ID, 'docaxis.delivery', 'nacked'),
  new PublishTimeoutError(ID, 'docaxis.delivery', 5000, 'the confirm'),
  new AgencyParentInvalidError('000.00.14.H20', '000.00.00.H41'),
  new AuditPageLimitError(0, 1000),
  // gateway
  new SubmissionBacklogFullError({ backlog: 5000, pending: 40, fairShare: 25 }, 4000, 5),
  new AuditQueryInvalidError([{ parameter: 'from', message: 'Invalid ISO datetime' }]),
  new auth.ClientCertificateRequiredError(),
  new auth.ClientCertificateInvalidError('certificate has expired'),
  new auth.ClientCertificateWithoutAgencyError('CN=Test'),
  new auth.AgencyNotRegisteredError('000.00.00.H41'),
  new auth.ClientCertificateNotRegisteredError('000.00.00.H41', 'ab:cd'),
  new auth.ClientCertificateRetiredError('000.00.00.H41', 'ab:cd'),
  new auth.AgencySuspendedError('000.00.00.H41'),
  new auth.RoleNotGrantedError(['admin'], []),
  new auth.ClientCertificateHeaderUntrustedError('x-client-cert'),
  new blocked.StatusNoticeNotFoundError(ID),
  new blocked.StatusNoticeNotSkippableError(ID, 'ready'),
  new blocked.SkipReasonInvalidError(),
  new ConsoleNotBuiltError('/srv/docaxis/console'),
  new directory.DirectoryRequestInvalidError(ISSUES),
  new directory.AgencyAlreadyRegisteredError('000.00.00.H41'),
  new directory.AgencyNotFoundError('000.00.00.H41'),
  new directory.ParentAgencyNotFoundError('000.00.00.H41'),
  new directory.ParentAgencyMismatchError('000.00.14.H20', '000.00.00.H41', '000.00.00.H20'),
  new directory.CertificatePemInvalidError(),
  new directory.CertificateNotFromDedicatedCaError('CN=Other CA'),
  new directory.CertificateOutsideValidityError('2025-01-01', '2026-01-01'),
  new directory.CertificateAgencyMismatchError('000.00.00.H41', undefined),
  new directory.CertificateAlreadyRegisteredError('ab:cd'),
  new directory.CertificateNotFoundError('000.00.00.H41', 'ab:cd'),
  new directory.CertificateAlreadyRetiredError('ab:cd'),
  new directory.SelfLockoutRefusedError('agency'),
  new submission.MultipartInvalidError(both('Unexpected end of form', 'dữ liệu bị thiếu')),
  new submission.EnvelopeMissingError(),
  new submission.EnvelopeNotJsonError(both('Unexpected token', 'sai cú pháp JSON')),
  new submission.EnvelopeDuplicateError(),
  new submission.EnvelopeMediaTypeUnsupportedError('image/png'),
  new submission.NoFilesError(),
  new submission.FileTooLargeError(50_000_000),
  new submission.TooManyFilesError(20),
  new submission.FileNameTooLongError('công văn.pdf', 200),
  new submission.EnvelopeTooLargeError(65536),
  new submission.FileNotPdfError('scan.png'),
  new submission.SenderMismatchError('000.00.00.H41', '000.00.00.G22'),
  new submission.UnknownRecipientError(['000.00.00.H99']),
  new submission.UmbrellaRecipientError('000.00.00.H20', ['000.00.14.H20']),
  new submission.RecipientSuspendedError(['000.00.00.H14']),
  new submission.IdempotencyKeyInvalidError(),
  new submission.IdempotencyKeyReusedError(ID),
  new submission.DuplicateNumberNotationError('123/QĐ-UBND'),
  new submission.DispatchNotFoundError(ID),
  new submission.FileNotFoundInDispatchError(ID, ID),
  new submission.NotARecipientError(ID),
  new submission.ReplacedDispatchUnknownError('000.00.00.H41,2026/01/05,12/UBND-VP'),
  new submission.ReplacementRecipientNotOriginalError('000.00.00.G22,2026/01/05,12/VPCP-KSTT', [
    '000.00.00.H14',
  ]),
  new EdxmlAttachmentsMismatchError(both('the manifest names the same file twice', 'tệp trùng')),
  new edxmlStatus.EdxmlStatusAuthorMismatchError('000.00.00.H41', '000.00.00.G22'),
  new edxmlStatus.EdxmlStatusDispatchMismatchError('a', 'b'),
  new edxmlStatus.StatusNoticeNotFoundError(ID),
  new ack.InboxAckRequestInvalidError(ISSUES),
  new ack.InboxAckEmptyError(),
  new ack.InboxAckTooLargeError(600, 500),
  new ack.DispatchIdInvalidError(['x']),
  new ack.InboxAckDuplicateIdsError([ID]),
  new ack.DispatchWithdrawnError(ID),
  new InboxCursorInvalidError(),
  new InboxWaitInvalidError(60),
  new parked.ParkedMessageNotFoundError(ID),
  new parked.ParkedMessageAlreadyResolvedError(ID, 'discarded'),
  new parked.ParkedMessageNotRedrivableError(ID, both('it has no type', 'không có loại')),
  new parked.ParkedMessageQueryInvalidError(both('queue must be 1 to 255', 'queue phải dài')),
  new parked.DiscardReasonInvalidError(),
  new AgencyRateLimitedError(100, 60_000, 7),
  new recall.RecallRequestInvalidError(ISSUES),
  new recall.NotTheSenderError(ID),
  new recall.DispatchAlreadyRecalledError(ID, new Date('2026-11-24T10:00:00Z')),
  new recall.DispatchNotRecallableError(ID),
  new ListRoleInvalidError(),
  new notices.StatusNoticeInvalidError(ISSUES),
  new notices.StatusCodeUnknownError('99'),
  new notices.StatusReasonRequiredError('02'),
  new notices.StatusCodeReservedForSenderError(),
  new notices.StatusTransitionInvalidError('03', '01', ['04', '05']),
  new notices.RecallNotRequestedError(ID, null),
  new notices.DispatchRecalledError(ID),
  new notices.NoticeIdReusedError('n-1'),
  new notices.StatusNoticeContendedError(ID),
  new webhooks.WebhookRegistrationInvalidError(ISSUES),
  new webhooks.WebhookNotFoundError(ID),
  new webhooks.WebhookUrlNotPublicError(
    both('127.0.0.1 is not public', '127.0.0.1 không công cộng'),
  ),
  new webhooks.WebhookUrlUnresolvableError(both('no such host', 'không phân giải được')),
  new webhooks.WebhookHostLookupFailedError(both('EAI_AGAIN', 'chưa tra cứu được'), 30),
  new PageLimitInvalidError(500),
  new ResponseLanguageInvalidError('fr'),
];

/** Letters only Vietnamese uses among the languages docaxis meets: proof of a real wording. */
const VIETNAMESE_LETTER = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

const isSource = (file: string) =>
  file.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(file);
const sources = SCANNED.flatMap((path) => filesUnder(join(REPO, path))).filter(isSource);
const declaringErrors = sources.filter((file) =>
  /export (abstract )?class \w+ extends \w*Error\b/.test(readFileSync(file, 'utf8')),
);

/** Every exported DomainError subclass of the scanned modules, with where it is declared. */
function discoveredErrorClasses(): { name: string; file: string; errorClass: unknown }[] {
  return declaringErrors.flatMap((file) =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- found at run time
    Object.entries(require(file) as Record<string, unknown>)
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof DomainError)
      .map(([name, errorClass]) => ({ name, file: relative(REPO, file), errorClass })),
  );
}

describe('the Vietnamese wording of every error an HTTP answer can carry', () => {
  const discovered = discoveredErrorClasses();

  it('finds the error classes it is about (the scan is not empty)', () => {
    expect(declaringErrors.length).toBeGreaterThanOrEqual(30);
    expect(discovered.length).toBeGreaterThanOrEqual(100);
  });

  it('has a sample of every exported error class, so none escapes the check', () => {
    const sampled = new Set<unknown>(SAMPLES.map((sample) => sample.constructor));
    const missing = discovered
      .filter(({ errorClass }) => !sampled.has(errorClass) && !ABSTRACT.includes(errorClass))
      .map(({ name, file }) => `${name} (${file})`);
    expect(missing).toEqual([]);
  });

  it('gives each a Vietnamese message with diacritics, not the English one again', () => {
    const unworded = SAMPLES.filter(
      (sample) =>
        !sample.messageVi ||
        sample.messageVi === sample.message ||
        !VIETNAMESE_LETTER.test(sample.messageVi),
    ).map((sample) => `${sample.constructor.name} ${sample.code}: ${sample.message}`);
    expect(unworded).toEqual([]);
  });

  it('finds no gateway code throwing a bare error kind, which would escape the scan', () => {
    const bare =
      /new (InvalidInputError|UnauthenticatedError|ForbiddenError|NotFoundError|ConflictError|PayloadTooLargeError|UnsupportedMediaError|UnprocessableError|RateLimitedError|UnavailableError)\(/;
    const throwing = sources
      .filter((file) => file.startsWith(join(REPO, 'apps/gateway/src')))
      .filter((file) => bare.test(readFileSync(file, 'utf8')))
      .map((file) => relative(REPO, file));
    expect(throwing).toEqual([]);
  });
});
