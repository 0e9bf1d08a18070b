import { asAgency } from '@docaxis/testing/agency-client';
import { sendDispatches } from '@docaxis/testing/dispatch-delivery';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import {
  OUTBOX_RELAY_STATEMENTS,
  SqlStatementCounter,
} from '@docaxis/testing/sql-statement-counter';
import { waitFor } from '@docaxis/testing/wait-for';

const SENDER = '000.00.00.G22';
const RECIPIENTS = ['000.00.00.H41', '000.00.00.H20', '000.00.14.H20'];
const DISPATCHES = 20;

const sql = new SqlStatementCounter();

/** Statements of `app` (of a kind matching `kind`, and not matching `except`) per dispatch. */
function perDispatch(app: string, kind?: RegExp, except?: RegExp): number {
  return sql.total(app, kind, except) / DISPATCHES;
}

/**
 * What the workers ask of PostgreSQL per dispatch (three recipients, each acknowledging), counted
 * at the pg client: a budget that keeps the hot path from sliding back to entity loads and one
 * round trip per row. The outbox relays' claims depend on timing and are left out of the budgets.
 */
describe('SQL statements per dispatch through the pipeline (all apps in process)', () => {
  let axis: RunningAxis;

  beforeAll(async () => {
    sql.install();
    axis = await startAxis('sql-budget', {
      RATE_LIMIT_PER_AGENCY: '0',
      // Time-driven statements stay out of the counted window, which a loaded machine stretches:
      // the checkpointer's once-a-second look at the chain, certificate re-reads after 10 s, and
      // the router's look at the directory for new agencies every 30 s (a SELECT AgencyEntity
      // that is no dispatch's work; a per-dispatch one would still break the Entity budget).
      AUDIT_CHECKPOINT_POLL_MS: '3600000',
      AUTH_CACHE_TTL_MS: '600000',
      ROUTER_AGENCY_REFRESH_MS: '3600000',
    });
  });

  afterAll(async () => {
    sql.uninstall();
    await axis?.stop();
  });

  it('routes, delivers, audits and notifies within budget', async () => {
    /** Waits until every copy of `ids` has a row matching `condition` in `table`. */
    const untilEveryCopy = (table: string, condition: string, ids: string[]) =>
      waitFor(
        async () =>
          (
            await axis.db.query<{ n: number }[]>(
              `SELECT count(*)::int AS n FROM ${table} WHERE dispatch_id = ANY($1) AND ${condition}`,
              [ids],
            )
          )[0].n,
        (n) => n === ids.length * RECIPIENTS.length,
        `${table}: ${condition}`,
        60_000,
      );
    const exchange = async (n: number) => {
      const ids = await sendDispatches(axis, SENDER, RECIPIENTS, n);
      await untilEveryCopy('dispatch_recipients', `state = 'delivered'`, ids);
      for (const recipient of RECIPIENTS) {
        const acks = await Promise.all(
          ids.map((id) => asAgency(axis, recipient).post(`/dispatches/${id}/ack`)),
        );
        expect(acks.map((ack) => ack.status)).toEqual(ids.map(() => 200));
      }
      await untilEveryCopy('audit_records', `event_type = 'dispatch.acknowledged'`, ids);
    };
    await exchange(1); // warm-up: first loads, plan caches
    await sql.during(() => exchange(DISPATCHES));

    console.log(
      `SQL statements per dispatch (${DISPATCHES} dispatches):\n${sql.report(DISPATCHES)}`,
    );

    // After each delivering statement commits, a pg_notify statement wakes the recipients'
    // long-polls (InboxDeliveryAnnouncer; those committed together share one). How many copies
    // share a delivering statement or an announcement depends on timing (a loaded machine
    // delivers more of them alone), so the bounds are the worst case.
    const INBOX_ANNOUNCEMENTS = /^SELECT unnest$/;
    const routerWork = perDispatch(
      'router',
      undefined,
      new RegExp(`${OUTBOX_RELAY_STATEMENTS.source}|${INBOX_ANNOUNCEMENTS.source}`),
    );
    // Route: one statement (mark, UPDATEs, every delivery message and the event; no
    // transaction around it); each delivery: one statement (mark, lock, UPDATE, event).
    expect(routerWork).toBeLessThanOrEqual(1 + RECIPIENTS.length);
    // At most one announcement per delivering statement, so never more than one per copy.
    expect(perDispatch('router', INBOX_ANNOUNCEMENTS)).toBeGreaterThan(0);
    expect(perDispatch('router', INBOX_ANNOUNCEMENTS)).toBeLessThanOrEqual(RECIPIENTS.length);
    expect(perDispatch('router', /^(START|COMMIT|INSERT)/)).toBe(0);
    // Verify: the dispatch with its files and recipients in one SELECT; the verdict with mark,
    // reports and event in one more (no transaction around it).
    expect(perDispatch('verifier', undefined, OUTBOX_RELAY_STATEMENTS)).toBeLessThanOrEqual(2);
    expect(perDispatch('verifier', /^(START|COMMIT|INSERT)/)).toBe(0);
    for (const app of ['router', 'verifier', 'notifier', 'audit']) {
      expect(perDispatch(app, /Entity/)).toBe(0);
    }
    // No agency has a webhook: the notifier neither records nor looks anything up per event.
    expect(perDispatch('notifier', /processed_messages|webhooks|WebhookEntity/)).toBe(0);
    // It writes an outbox row only when it stops a webhook; its relay claims only when such a
    // stop nudges it: not even idle claims.
    expect(sql.total('notifier', OUTBOX_RELAY_STATEMENTS)).toBe(0);
    // The audit appends in batches of 5 statements each, never more batches than events (9).
    const auditBatches = perDispatch('audit', /^INSERT audit_records/);
    expect(perDispatch('audit', undefined, OUTBOX_RELAY_STATEMENTS)).toBeLessThanOrEqual(
      5 * auditBatches + 0.5,
    );
    expect(auditBatches).toBeLessThanOrEqual(9);
    // Four waits of up to 60 s each (delivered, then audited, for the warm-up and the 20).
  }, 300_000);
});
