import { asAgency } from '@docaxis/testing/agency-client';
import { fetchFirstFile, sendAndDeliver } from '@docaxis/testing/dispatch-delivery';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import {
  OUTBOX_RELAY_STATEMENTS,
  SqlStatementCounter,
} from '@docaxis/testing/sql-statement-counter';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';
/** Has not fetched what is recalled: it loses it (where RECIPIENT, which fetched, is asked). */
const UNFETCHED = '000.00.14.H20';
const DISPATCHES = 5;
const CODES = ['01', '03', '04', '05', '06'];

const sql = new SqlStatementCounter();

/**
 * What a recipient's status notice (POST /dispatches/:id/status) costs PostgreSQL on the
 * gateway: the access check, the transition check, the recipient's new state, the notice and
 * its announcement; and a repeat of a notice id, answered with the first notice. Likewise the
 * sender's recall (POST /dispatches/:id/recall), which records a recall request notice (13) for
 * each recipient that fetched it.
 */
describe('SQL statements of POST /dispatches/:id/status (all apps in process)', () => {
  let axis: RunningAxis;
  let ids: string[];

  beforeAll(async () => {
    sql.install();
    axis = await startAxis('notice-sql', {
      RATE_LIMIT_PER_AGENCY: '0',
      AUTH_CACHE_TTL_MS: '600000',
    });
    ids = await Promise.all(
      Array.from({ length: DISPATCHES }, () => sendAndDeliver(axis, SENDER, [RECIPIENT])),
    );
    // Warm-up: certificate lookups (then cached), first plans.
    await asAgency(axis, RECIPIENT).get('/inbox?limit=1').expect(200);
  }, 180_000);

  afterAll(async () => {
    sql.uninstall();
    await axis?.stop();
  });

  it('records a notice in one statement', async () => {
    await sql.during(async () => {
      for (const code of CODES) {
        for (const id of ids) {
          await asAgency(axis, RECIPIENT)
            .post(`/dispatches/${id}/status`)
            .send({ noticeId: `${id}-${code}`, code })
            .expect(201);
        }
      }
    });
    const notices = CODES.length * DISPATCHES;
    console.log(`POST /dispatches/:id/status, per notice:\n${sql.report(notices)}`);
    expect(sql.total('gateway', undefined, OUTBOX_RELAY_STATEMENTS) / notices).toBe(1);
  });

  it('answers a repeated notice id in one statement', async () => {
    await sql.during(async () => {
      for (const id of ids) {
        await asAgency(axis, RECIPIENT)
          .post(`/dispatches/${id}/status`)
          .send({ noticeId: `${id}-01`, code: '01' })
          .expect(200);
      }
    });
    console.log(`POST /dispatches/:id/status, a repeat:\n${sql.report(DISPATCHES)}`);
    expect(sql.total('gateway', undefined, OUTBOX_RELAY_STATEMENTS) / DISPATCHES).toBe(1);
  });

  it('refuses a transition in one statement', async () => {
    await sql.during(async () => {
      for (const id of ids) {
        await asAgency(axis, RECIPIENT)
          .post(`/dispatches/${id}/status`)
          .send({ code: '03' })
          .expect(409);
      }
    });
    console.log(`POST /dispatches/:id/status, refused:\n${sql.report(DISPATCHES)}`);
    expect(sql.total('gateway', undefined, OUTBOX_RELAY_STATEMENTS) / DISPATCHES).toBe(1);
  });

  it('recalls in one statement, withdrawing from one recipient and recording a recall request for the other', async () => {
    const recalled = await Promise.all(
      Array.from({ length: DISPATCHES }, () =>
        sendAndDeliver(axis, SENDER, [RECIPIENT, UNFETCHED]),
      ),
    );
    for (const id of recalled) await fetchFirstFile(axis, RECIPIENT, id);
    await sql.during(async () => {
      for (const id of recalled) {
        const response = await asAgency(axis, SENDER)
          .post(`/dispatches/${id}/recall`)
          .send({ reason: 'Sai sót về nội dung' })
          .expect(200);
        expect(response.body).toMatchObject({
          withdrawnFrom: [UNFETCHED],
          requestedFrom: [RECIPIENT],
        });
      }
    });
    console.log(`POST /dispatches/:id/recall, per recall:\n${sql.report(DISPATCHES)}`);
    expect(sql.total('gateway', undefined, OUTBOX_RELAY_STATEMENTS) / DISPATCHES).toBe(1);

    await sql.during(async () => {
      for (const id of recalled) {
        await asAgency(axis, SENDER)
          .post(`/dispatches/${id}/recall`)
          .send({ reason: 'Sai sót về nội dung' })
          .expect(409);
      }
    });
    console.log(`POST /dispatches/:id/recall, refused:\n${sql.report(DISPATCHES)}`);
    expect(sql.total('gateway', undefined, OUTBOX_RELAY_STATEMENTS) / DISPATCHES).toBe(1);
  });
});
