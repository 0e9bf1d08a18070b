import { InitialSchema1795426948994 } from './1795426948994-initial-schema';
import { AgencyCertificates1795447472602 } from './1795447472602-agency-certificates';
import { ParkedMessages1795447929210 } from './1795447929210-parked-messages';
import { AgencyCodeShape1795456715522 } from './1795456715522-agency-code-shape';
import { AuditWriterRoleAndCheckpoints1795456732733 } from './1795456732733-audit-writer-role-and-checkpoints';
import { Webhooks1795456922650 } from './1795456922650-webhooks';
import { AuditSearchIndexes1795457332886 } from './1795457332886-audit-search-indexes';
import { StatusNotices1795458390893 } from './1795458390893-status-notices';
import { DispatchEnvelopeSignature1795460380236 } from './1795460380236-dispatch-envelope-signature';
import { WebhookChangeNotify1795470775403 } from './1795470775403-webhook-change-notify';
import { DispatchesAwaitingVerificationIndex1795479215449 } from './1795479215449-dispatches-awaiting-verification-index';
import { WebhookSealedSecrets1795482019359 } from './1795482019359-webhook-sealed-secrets';
import { DispatchesAwaitingVerificationBySender1795483096684 } from './1795483096684-dispatches-awaiting-verification-by-sender';
import { InboxDeliveredNotify1795488566279 } from './1795488566279-inbox-delivered-notify';
import { WebhookDeactivationReason1795488689654 } from './1795488689654-webhook-deactivation-reason';
import { StatusNoticeRelease1795490231046 } from './1795490231046-status-notice-release';
import { InboxDeliveredNotifyAfterCommit1795492019821 } from './1795492019821-inbox-delivered-notify-after-commit';
import { DispatchWithdrawnState1795498358910 } from './1795498358910-dispatch-withdrawn-state';
import { StatusNoticeCorrelationId1795498613973 } from './1795498613973-status-notice-correlation-id';
import { WebhookFailingSince1795498616717 } from './1795498616717-webhook-failing-since';
import { AutovacuumForChurningTables1795501238669 } from './1795501238669-autovacuum-for-churning-tables';
import { OutboxClaimByPendingIndex1795509537319 } from './1795509537319-outbox-claim-by-pending-index';
import { DropSupersededAuditIndexes1795509800000 } from './1795509800000-drop-superseded-audit-indexes';
import { WebhookDeactivationReasonVi1795510690552 } from './1795510690552-webhook-deactivation-reason-vi';
import { DispatchRejectionMessageVi1795513641438 } from './1795513641438-dispatch-rejection-message-vi';
import { DispatchIndexesWithoutState1795523235594 } from './1795523235594-dispatch-indexes-without-state';
import { RateLimitCounters1795565721802 } from './1795565721802-rate-limit-counters';
import { StatusNoticeEnvelopeSignature1795566435922 } from './1795566435922-status-notice-envelope-signature';
import { EdxmlReceivedTrace1795566475532 } from './1795566475532-edxml-received-trace';

/** Every migration in order, by class, so the list works from sources and from dist alike. */
export const ALL_MIGRATIONS = [
  InitialSchema1795426948994,
  AgencyCertificates1795447472602,
  ParkedMessages1795447929210,
  AgencyCodeShape1795456715522,
  AuditWriterRoleAndCheckpoints1795456732733,
  Webhooks1795456922650,
  AuditSearchIndexes1795457332886,
  StatusNotices1795458390893,
  DispatchEnvelopeSignature1795460380236,
  WebhookChangeNotify1795470775403,
  DispatchesAwaitingVerificationIndex1795479215449,
  WebhookSealedSecrets1795482019359,
  DispatchesAwaitingVerificationBySender1795483096684,
  InboxDeliveredNotify1795488566279,
  WebhookDeactivationReason1795488689654,
  StatusNoticeRelease1795490231046,
  InboxDeliveredNotifyAfterCommit1795492019821,
  DispatchWithdrawnState1795498358910,
  StatusNoticeCorrelationId1795498613973,
  WebhookFailingSince1795498616717,
  AutovacuumForChurningTables1795501238669,
  OutboxClaimByPendingIndex1795509537319,
  DropSupersededAuditIndexes1795509800000,
  WebhookDeactivationReasonVi1795510690552,
  DispatchRejectionMessageVi1795513641438,
  DispatchIndexesWithoutState1795523235594,
  RateLimitCounters1795565721802,
  StatusNoticeEnvelopeSignature1795566435922,
  EdxmlReceivedTrace1795566475532,
];
