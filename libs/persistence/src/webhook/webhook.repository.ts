import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity';
import { WebhookNotificationEntity } from './webhook-notification.entity';
import { WebhookEntity } from './webhook.entity';
import { WebhookDeactivationWording } from './webhook-deactivation-wording';

/** A webhook secret as stored encrypted (libs/webhooks/src/secrets seals and opens it). */
export interface SealedSecretColumns {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  keyId: string;
}

/** A webhook whose secret is plain (from before sealing) or sealed under another key. */
export interface WebhookSecretToSeal {
  id: string;
  plain: string | null;
  sealed: SealedSecretColumns | null;
}

export interface WebhookNotificationHistory {
  notification: WebhookNotificationEntity;
  attempts: WebhookDeliveryAttemptEntity[];
}

/**
 * Runs inside a webhook change's transaction once the change is made, so that what records it
 * (the audit event, through the outbox) commits with it or not at all.
 */
export type WebhookChangeHook = (manager: EntityManager, webhook: WebhookEntity) => Promise<void>;

/** Webhook registrations per agency, and what was sent to them (for the agency to see). */
@Injectable()
export class WebhookRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Registers `url` for the agency; an active webhook it had before is deactivated (REPLACED),
   * atomically. The secret is stored only as `sealSecret` seals it for the new webhook's id.
   * `replaced` runs for the webhook deactivated so, before `changed` runs for the new one.
   */
  async register(
    agencyCode: string,
    url: string,
    sealSecret: (webhookId: string) => SealedSecretColumns,
    changed?: WebhookChangeHook,
    replaced?: WebhookChangeHook,
  ): Promise<WebhookEntity> {
    return this.dataSource.transaction(async (manager) => {
      // Serialises two registrations of one agency (the partial unique index would refuse one).
      await manager.query(`SELECT code FROM agencies WHERE code = $1 FOR UPDATE`, [agencyCode]);
      const id = uuidv7();
      await replaceActive(manager, agencyCode, id, replaced);
      const sealed = sealSecret(id);
      const webhook = manager.create(WebhookEntity, {
        id,
        agencyCode,
        url,
        secret: null,
        secretCiphertext: sealed.ciphertext,
        secretIv: sealed.iv,
        secretTag: sealed.tag,
        secretKeyId: sealed.keyId,
        active: true,
        deactivatedAt: null,
      });
      const saved = await manager.save(webhook);
      await changed?.(manager, saved);
      return saved;
    });
  }

  async listForAgency(agencyCode: string): Promise<WebhookEntity[]> {
    return this.dataSource
      .getRepository(WebhookEntity)
      .find({ where: { agencyCode }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  async findForAgency(agencyCode: string, id: string): Promise<WebhookEntity | null> {
    return this.dataSource.getRepository(WebhookEntity).findOneBy({ agencyCode, id });
  }

  /**
   * Deactivates the agency's webhook (again is fine: `changed` runs only when it was active);
   * false when it has no such webhook.
   */
  async deactivate(agencyCode: string, id: string, changed?: WebhookChangeHook): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const webhooks = manager.getRepository(WebhookEntity);
      const { code, reason, reasonVi } = WebhookDeactivationWording.byAgency();
      const result = await webhooks.update(
        { agencyCode, id, active: true },
        {
          active: false,
          deactivatedAt: new Date(),
          deactivationCode: code,
          deactivationReason: reason,
          deactivationReasonVi: reasonVi,
        },
      );
      if ((result.affected ?? 0) > 0) {
        await changed?.(manager, await webhooks.findOneByOrFail({ id }));
        return true;
      }
      return webhooks.existsBy({ agencyCode, id });
    });
  }

  /**
   * Makes an inactive webhook of the agency active again (its URL, secret and pending
   * notifications as they were, its failure streak forgotten), replacing the agency's active one;
   * its pending notifications are due at once rather than at the end of the backoff they had
   * reached. Null when the agency has no such webhook. `changed` runs only when it was inactive,
   * after `replaced` runs for the active webhook it replaced (if any).
   */
  async reactivate(
    agencyCode: string,
    id: string,
    changed?: WebhookChangeHook,
    replaced?: WebhookChangeHook,
  ): Promise<WebhookEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      // Serialises with registrations of the same agency, as `register` does.
      await manager.query(`SELECT code FROM agencies WHERE code = $1 FOR UPDATE`, [agencyCode]);
      const webhooks = manager.getRepository(WebhookEntity);
      const webhook = await webhooks.findOneBy({ agencyCode, id });
      if (!webhook) return null;
      if (webhook.active) return webhook;
      await replaceActive(manager, agencyCode, id, replaced);
      // A fresh start: failures before the deactivation do not count towards the next one.
      await webhooks.update(
        { id },
        {
          active: true,
          deactivatedAt: null,
          deactivationCode: null,
          deactivationReason: null,
          deactivationReasonVi: null,
          failingSince: null,
        },
      );
      await manager.query(
        `UPDATE webhook_notifications SET next_attempt_at = now()
          WHERE webhook_id = $1 AND state = 'pending' AND next_attempt_at > now()`,
        [id],
      );
      const reactivated = await webhooks.findOneByOrFail({ id });
      await changed?.(manager, reactivated);
      return reactivated;
    });
  }

  /** The active webhooks of these agencies, inside the caller's transaction. */
  async activeFor(
    manager: EntityManager,
    agencyCodes: readonly string[],
  ): Promise<WebhookEntity[]> {
    if (agencyCodes.length === 0) return [];
    return manager
      .getRepository(WebhookEntity)
      .findBy({ agencyCode: In([...agencyCodes]), active: true });
  }

  /** Webhooks whose secret is plain, or sealed under a key other than `currentKeyId`. */
  async secretsToSeal(currentKeyId: string): Promise<WebhookSecretToSeal[]> {
    const rows: WebhookEntity[] = await this.dataSource
      .getRepository(WebhookEntity)
      .createQueryBuilder('w')
      .where('w.secret IS NOT NULL OR w.secret_key_id <> :currentKeyId', { currentKeyId })
      .getMany();
    return rows.map((row) => ({
      id: row.id,
      plain: row.secret,
      sealed: row.secret === null ? sealedColumns(row) : null,
    }));
  }

  /**
   * Replaces a webhook's secret with its sealed form, unless another instance did first (the row
   * no longer holds what `was` read): false then.
   */
  async storeSealedSecret(was: WebhookSecretToSeal, sealed: SealedSecretColumns): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE webhooks
          SET secret = NULL, secret_ciphertext = $2, secret_iv = $3, secret_tag = $4, secret_key_id = $5
        WHERE id = $1 AND secret IS NOT DISTINCT FROM $6 AND secret_key_id IS NOT DISTINCT FROM $7`,
      [
        was.id,
        sealed.ciphertext,
        sealed.iv,
        sealed.tag,
        sealed.keyId,
        was.plain,
        was.sealed?.keyId ?? null,
      ],
    );
    return affected > 0;
  }

  /** The newest notifications of one webhook, each with every delivery attempt, oldest first. */
  async history(webhookId: string, limit: number): Promise<WebhookNotificationHistory[]> {
    const notifications = await this.dataSource.getRepository(WebhookNotificationEntity).find({
      where: { webhookId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    if (notifications.length === 0) return [];
    const attempts = await this.dataSource.getRepository(WebhookDeliveryAttemptEntity).find({
      where: { notificationId: In(notifications.map((n) => n.id)) },
      order: { attempt: 'ASC' },
    });
    return notifications.map((notification) => ({
      notification,
      attempts: attempts.filter((attempt) => attempt.notificationId === notification.id),
    }));
  }
}

/** Deactivates the agency's active webhook, if any, as replaced by `successorId`. */
/**
 * Deactivates the agency's active webhook (REPLACED by `successorId`), and runs `replaced` for it
 * as it now stands, inside the same transaction: its deactivation is audited on its own.
 */
async function replaceActive(
  manager: EntityManager,
  agencyCode: string,
  successorId: string,
  replaced: WebhookChangeHook | undefined,
): Promise<void> {
  const { code, reason, reasonVi } = WebhookDeactivationWording.replacedBy(successorId);
  const [rows]: [{ id: string }[], number] = await manager.query(
    `UPDATE webhooks
        SET active = false, deactivated_at = now(), deactivation_code = $2,
            deactivation_reason = $3, deactivation_reason_vi = $4
      WHERE agency_code = $1 AND active
      RETURNING id`,
    [agencyCode, code, reason, reasonVi],
  );
  if (!replaced) return;
  const webhooks = manager.getRepository(WebhookEntity);
  for (const { id } of rows) await replaced(manager, await webhooks.findOneByOrFail({ id }));
}

function sealedColumns(row: WebhookEntity): SealedSecretColumns {
  return {
    ciphertext: row.secretCiphertext!,
    iv: row.secretIv!,
    tag: row.secretTag!,
    keyId: row.secretKeyId!,
  };
}
