import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity';
import { WebhookNotificationEntity } from './webhook-notification.entity';
import { WebhookEntity } from './webhook.entity';

export interface WebhookNotificationHistory {
  notification: WebhookNotificationEntity;
  attempts: WebhookDeliveryAttemptEntity[];
}

/** Webhook registrations per agency, and what was sent to them (for the agency to see). */
@Injectable()
export class WebhookRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Registers `url` for the agency; an active webhook it had before is deactivated, atomically. */
  async register(agencyCode: string, url: string, secret: string): Promise<WebhookEntity> {
    return this.dataSource.transaction(async (manager) => {
      // Serialises two registrations of one agency (the partial unique index would refuse one).
      await manager.query(`SELECT code FROM agencies WHERE code = $1 FOR UPDATE`, [agencyCode]);
      await manager.query(
        `UPDATE webhooks SET active = false, deactivated_at = now() WHERE agency_code = $1 AND active`,
        [agencyCode],
      );
      const webhook = manager.create(WebhookEntity, {
        id: uuidv7(),
        agencyCode,
        url,
        secret,
        active: true,
        deactivatedAt: null,
      });
      return manager.save(webhook);
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

  /** Deactivates the agency's webhook (again is fine); false when it has no such webhook. */
  async deactivate(agencyCode: string, id: string): Promise<boolean> {
    const webhooks = this.dataSource.getRepository(WebhookEntity);
    const result = await webhooks.update(
      { agencyCode, id, active: true },
      { active: false, deactivatedAt: new Date() },
    );
    return (result.affected ?? 0) > 0 || (await webhooks.existsBy({ agencyCode, id }));
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
