import { asAgency } from '@docaxis/testing/agency-client';
import { sendAndDeliver } from '@docaxis/testing/dispatch-delivery';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import {
  OUTBOX_RELAY_STATEMENTS,
  SqlStatementCounter,
} from '@docaxis/testing/sql-statement-counter';

const SENDER = '000.00.00.G22';
const [SINGLE, BATCH] = ['000.00.00.H41', '000.00.14.H20'];
const DISPATCHES = 20;

const sql = new SqlStatementCounter();

/**
 * What a recipient's document system costs PostgreSQL on the gateway: reading its inbox, reading
 * a dispatch, downloading its files and acknowledging, one dispatch at a time and in a batch. A budget that keeps this path from
 * sliding back to entity loads and a round trip per row.
 */
describe('SQL statements of the recipient side (all apps in process)', () => {
  let axis: RunningAxis;
  let ids: string[];

  beforeAll(async () => {
    sql.install();
    axis = await startAxis('recipient-sql', {
      RATE_LIMIT_PER_AGENCY: '0',
      // Certificate lookups stay cached for the whole spec: a re-read after the default 10 s
      // would land in whichever request a slow (loaded) run happens to be timing.
      AUTH_CACHE_TTL_MS: '600000',
    });
    ids = await Promise.all(
      Array.from({ length: DISPATCHES }, () => sendAndDeliver(axis, SENDER, [SINGLE, BATCH])),
    );
    // Warm-up: certificate lookups (then cached), first plans.
    for (const agency of [SINGLE, BATCH]) {
      await asAgency(axis, agency).get('/inbox?limit=1').expect(200);
    }
  }, 180_000);

  afterAll(async () => {
    sql.uninstall();
    await axis?.stop();
  });

  it('reads an inbox page of twenty dispatches in one statement', async () => {
    let items = 0;
    await sql.during(async () => {
      items = (await asAgency(axis, SINGLE).get('/inbox?limit=200').expect(200)).body.items.length;
    });
    console.log(`GET /inbox (${items} items):\n${sql.report(1)}`);
    expect(items).toBe(DISPATCHES);
    expect(sql.total('gateway', undefined, OUTBOX_RELAY_STATEMENTS)).toBe(1);
  });

  it('reads a dispatch in one statement', async () => {
    await sql.during(async () => {
      for (const id of ids) {
        await asAgency(axis, SINGLE).get(`/dispatches/${id}`).expect(200);
      }
    });
    console.log(`GET /dispatches/:id, per read:\n${sql.report(DISPATCHES)}`);
    // The dispatch with files, recipients, the caller's notices and the replacements.
    expect(sql.total('gateway', undefined, OUTBOX_RELAY_STATEMENTS) / DISPATCHES).toBe(1);
    expect(sql.total('gateway', /Entity/)).toBe(0);
  });

  it('downloads a file in one query, the first download marking it fetched in one more', async () => {
    const files = await Promise.all(
      ids.map(async (id) => {
        const view = await asAgency(axis, SENDER).get(`/dispatches/${id}`).expect(200);
        return `/dispatches/${id}/files/${view.body.files[0].id}`;
      }),
    );
    await sql.during(async () => {
      for (const file of files) await asAgency(axis, SINGLE).get(file).expect(200);
    });
    console.log(`GET /dispatches/:id/files/:fileId, first download:\n${sql.report(DISPATCHES)}`);
    // The access check with the file; the move to fetched with its announcement (WITH … UPDATE).
    expect(sql.total('gateway', undefined, OUTBOX_RELAY_STATEMENTS) / DISPATCHES).toBe(2);
    expect(sql.total('gateway', /^INSERT outbox_messages$|^WITH dispatch_recipients$/)).toBe(
      DISPATCHES,
    );
    await sql.during(async () => {
      for (const file of files) await asAgency(axis, SINGLE).get(file).expect(200);
    });
    console.log(`GET /dispatches/:id/files/:fileId, again:\n${sql.report(DISPATCHES)}`);
    expect(sql.total('gateway', undefined, OUTBOX_RELAY_STATEMENTS) / DISPATCHES).toBe(1);
    const view = await asAgency(axis, SINGLE).get(`/dispatches/${ids[0]}`).expect(200);
    expect(view.body.recipients.map((r: { state: string }) => r.state)).toEqual(['fetched']);
  });

  it('acknowledges one dispatch in one statement with its event, no transaction, no entity loads', async () => {
    await sql.during(async () => {
      for (const id of ids) {
        await asAgency(axis, SINGLE).post(`/dispatches/${id}/ack`).expect(200);
      }
    });
    console.log(`POST /dispatches/:id/ack, per acknowledgement:\n${sql.report(DISPATCHES)}`);
    // The UPDATE … RETURNING and its dispatch.acknowledged event in one WITH statement.
    expect(sql.total('gateway', undefined, OUTBOX_RELAY_STATEMENTS) / DISPATCHES).toBe(1);
    expect(sql.total('gateway', /^(START|COMMIT|INSERT)/)).toBe(0);
    expect(sql.total('gateway', /Entity/)).toBe(0);
  });

  it('acknowledges twenty dispatches in one request with the same one statement', async () => {
    await sql.during(async () => {
      const response = await asAgency(axis, BATCH)
        .post('/inbox/ack')
        .send({ dispatchIds: ids })
        .expect(200);
      expect(response.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(
        ids.map(() => 'acknowledged'),
      );
    });
    console.log(`POST /inbox/ack of ${DISPATCHES}:\n${sql.report(1)}`);
    expect(sql.total('gateway', undefined, OUTBOX_RELAY_STATEMENTS)).toBe(1);
    expect(sql.total('gateway', /^(START|COMMIT|INSERT)/)).toBe(0);
  });
});
