import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { issueClientCertificate } from '@docaxis/testing/client-certificates';
import {
  asAdmin,
  asAgency,
  asAuditor,
  asClerk,
  withCredential,
} from '@docaxis/testing/agency-client';
import { attachDispatch, envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const SENDER = '000.00.00.H41';
const RECIPIENT = '000.00.00.H14';
const OPERATOR = '000.00.00.G22';
const NEW_PROVINCE = '000.00.00.H30';
const NEW_UNIT = '000.00.07.H30';

const code = (response: { body: { error?: { code: string } } }) => response.body.error?.code;

/**
 * The directory's admin API end to end. The credential cache keeps its default TTL here: changes
 * made through the API must take effect at once on this instance regardless.
 */
describe('agency directory admin API', () => {
  let axis: RunningAxis;

  beforeAll(async () => {
    axis = await startAxis('directory');
  });

  afterAll(async () => {
    await axis?.stop();
  });

  it('registers an agency and a unit under it, with the parent the code implies', async () => {
    const admin = asAdmin(axis);
    const province = await admin
      .post('/admin/agencies')
      .send({ code: NEW_PROVINCE, name: 'Ủy ban nhân dân tỉnh Hải Dương' });
    expect(province.status).toBe(201);
    expect(province.body).toMatchObject({ code: NEW_PROVINCE, parentCode: null, status: 'active' });

    const unit = await admin
      .post('/admin/agencies')
      .send({ code: NEW_UNIT, name: 'Sở Tư pháp tỉnh Hải Dương' });
    expect(unit.status).toBe(201);
    expect(unit.body.parentCode).toBe(NEW_PROVINCE);

    const read = await asAuditor(axis).get(`/admin/agencies/${NEW_UNIT}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ code: NEW_UNIT, certificates: [] });
    const list = await asAuditor(axis).get('/admin/agencies');
    expect(list.body.agencies.map((a: { code: string }) => a.code)).toEqual(
      expect.arrayContaining([NEW_PROVINCE, NEW_UNIT, SENDER]),
    );
  });

  it.each([
    [{ code: NEW_PROVINCE, name: 'again' }, 409, 'AGENCY_ALREADY_REGISTERED'],
    [{ code: '000.00.00.Н31', name: 'Cyrillic H' }, 400, 'AGENCY_CODE_INVALID'],
    [{ code: '000.00.01.H31', name: 'x', parentCode: SENDER }, 422, 'PARENT_AGENCY_MISMATCH'],
    [
      { code: '000.00.01.H32', name: 'x', parentCode: '000.00.00.H32' },
      422,
      'PARENT_AGENCY_NOT_FOUND',
    ],
    [{ code: '000.00.00.H33', name: 'x', status: 'active' }, 400, 'DIRECTORY_REQUEST_INVALID'],
    [{ code: '000.00.00.H34', name: 'a\u202eb' }, 400, 'DIRECTORY_REQUEST_INVALID'],
    [{ code: '000.00.00.H35' }, 400, 'DIRECTORY_REQUEST_INVALID'],
  ])('refuses registering %j with %i %s', async (body, status, expected) => {
    const response = await asAdmin(axis).post('/admin/agencies').send(body);
    expect(response.status).toBe(status);
    expect(code(response)).toBe(expected);
  });

  it('names a body-level issue (body) in details.issues, as every other route does', async () => {
    const response = await asAdmin(axis)
      .post('/admin/agencies')
      .send({ code: '000.00.00.H36', name: 'x', status: 'active' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.issues).toEqual([
      { path: '(body)', message: expect.stringContaining('status') },
    ]);
    expect(response.body.error.message).toContain('(body)');
  });

  it('renames an agency and refuses unknown ones', async () => {
    const renamed = await asAdmin(axis)
      .patch(`/admin/agencies/${NEW_UNIT}`)
      .send({ name: 'Sở Tư pháp Hải Dương' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Sở Tư pháp Hải Dương');
    const unknown = await asAdmin(axis).patch('/admin/agencies/000.00.00.H98').send({ name: 'x' });
    expect(code(unknown)).toBe('AGENCY_NOT_FOUND');
  });

  it('registers a certificate that then authenticates, and refuses what could never work', async () => {
    const admin = asAdmin(axis);
    const credential = await issueClientCertificate(axis.pki, { agencyCode: NEW_PROVINCE });
    expect(code(await withCredential(axis, credential).get('/inbox'))).toBe(
      'CLIENT_CERTIFICATE_NOT_REGISTERED',
    );
    const registered = await admin
      .post(`/admin/agencies/${NEW_PROVINCE}/certificates`)
      .send({ certificatePem: credential.certPem, roles: ['agency-system'] });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({
      fingerprint: credential.sha256Fingerprint.replace(/:/g, '').toLowerCase(),
      roles: ['agency-system'],
      status: 'active',
    });
    expect((await withCredential(axis, credential).get('/inbox')).status).toBe(200);

    const again = await admin
      .post(`/admin/agencies/${NEW_PROVINCE}/certificates`)
      .send({ certificatePem: credential.certPem, roles: ['clerk'] });
    expect(code(again)).toBe('CERTIFICATE_ALREADY_REGISTERED');

    const foreign = await issueClientCertificate(axis.pki, { agencyCode: SENDER });
    const expired = await issueClientCertificate(axis.pki, {
      agencyCode: NEW_PROVINCE,
      notBefore: new Date(Date.now() - 10 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    const cases: [object, string][] = [
      [
        { certificatePem: foreign.certPem, roles: ['agency-system'] },
        'CERTIFICATE_AGENCY_MISMATCH',
      ],
      [
        { certificatePem: expired.certPem, roles: ['agency-system'] },
        'CLIENT_CERTIFICATE_OUTSIDE_VALIDITY',
      ],
      [
        { certificatePem: axis.pki.special('rogue-organization').certPem, roles: ['clerk'] },
        'CERTIFICATE_NOT_FROM_DEDICATED_CA',
      ],
      [{ certificatePem: credential.keyPem, roles: ['clerk'] }, 'CERTIFICATE_PEM_INVALID'],
      [
        { certificatePem: `${credential.certPem}\n${credential.keyPem}`, roles: ['clerk'] },
        'CERTIFICATE_PEM_INVALID',
      ],
      [{ certificatePem: credential.certPem, roles: ['root'] }, 'DIRECTORY_REQUEST_INVALID'],
      [{ certificatePem: credential.certPem, roles: [] }, 'DIRECTORY_REQUEST_INVALID'],
    ];
    for (const [body, expected] of cases) {
      const response = await admin.post(`/admin/agencies/${NEW_PROVINCE}/certificates`).send(body);
      expect({ body, code: code(response) }).toEqual({ body, code: expected });
    }
  });

  it('rotates a certificate (successor in, predecessor out at once) and revokes one', async () => {
    const admin = asAdmin(axis);
    const first = await issueClientCertificate(axis.pki, { agencyCode: NEW_UNIT });
    await admin
      .post(`/admin/agencies/${NEW_UNIT}/certificates`)
      .send({ certificatePem: first.certPem, roles: ['agency-system'] })
      .expect(201);
    expect((await withCredential(axis, first).get('/inbox')).status).toBe(200);

    const second = await issueClientCertificate(axis.pki, { agencyCode: NEW_UNIT });
    const fingerprint = (c: { sha256Fingerprint: string }) =>
      c.sha256Fingerprint.replace(/:/g, '').toLowerCase();
    const rotated = await admin
      .post(`/admin/agencies/${NEW_UNIT}/certificates/${fingerprint(first)}/rotate`)
      .send({ certificatePem: second.certPem });
    expect(rotated.status).toBe(201);
    expect(rotated.body.registered.roles).toEqual(['agency-system']);
    expect(rotated.body.retired.status).toBe('retired');
    expect(code(await withCredential(axis, first).get('/inbox'))).toBe(
      'CLIENT_CERTIFICATE_RETIRED',
    );
    expect((await withCredential(axis, second).get('/inbox')).status).toBe(200);

    const again = await admin
      .post(`/admin/agencies/${NEW_UNIT}/certificates/${fingerprint(first)}/revoke`)
      .send();
    expect(code(again)).toBe('CERTIFICATE_ALREADY_RETIRED');
    const revoked = await admin
      .post(`/admin/agencies/${NEW_UNIT}/certificates/${fingerprint(second)}/revoke`)
      .send();
    expect(revoked.status).toBe(200);
    expect(code(await withCredential(axis, second).get('/inbox'))).toBe(
      'CLIENT_CERTIFICATE_RETIRED',
    );
    const elsewhere = await admin
      .post(`/admin/agencies/${SENDER}/certificates/${fingerprint(second)}/revoke`)
      .send();
    expect(code(elsewhere)).toBe('CERTIFICATE_NOT_FOUND');
  });

  it('refuses an administrator locking themselves out', async () => {
    const admin = asAdmin(axis);
    expect(code(await admin.post(`/admin/agencies/${OPERATOR}/suspend`).send())).toBe(
      'SELF_LOCKOUT_REFUSED',
    );
    const own = axis.pki.operator('admin').sha256Fingerprint.replace(/:/g, '').toLowerCase();
    expect(
      code(await admin.post(`/admin/agencies/${OPERATOR}/certificates/${own}/revoke`).send()),
    ).toBe('SELF_LOCKOUT_REFUSED');
  });

  it('admits only administrators to changes (auditors read, agencies and clerks not at all)', async () => {
    for (const client of [asAgency(axis, SENDER), asClerk(axis, SENDER), asAuditor(axis)]) {
      const response = await client.post(`/admin/agencies/${RECIPIENT}/suspend`).send();
      expect(code(response)).toBe('ROLE_NOT_GRANTED');
    }
    expect(code(await asAgency(axis, SENDER).get('/admin/agencies'))).toBe('ROLE_NOT_GRANTED');
  });

  it('a suspended agency can neither send nor receive, and what was sent to it waits safely for its return', async () => {
    const pdf = await signedDispatchPdf(axis.pki, SENDER, {
      unsigned: { title: 'Công văn gửi trước khi tạm ngừng', lines: ['Nội dung'] },
    });
    const submitted = await attachDispatch(
      asAgency(axis, SENDER).post('/dispatches'),
      envelopeJson(SENDER, [RECIPIENT]),
      [{ name: 'cong-van.pdf', bytes: pdf }],
    );
    expect(submitted.status).toBe(202);
    const dispatchId: string = submitted.body.dispatchId;

    // Suspended while the dispatch is still on its way.
    const suspended = await asAdmin(axis).post(`/admin/agencies/${RECIPIENT}/suspend`).send();
    expect(suspended.status).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    try {
      expect(code(await asAgency(axis, RECIPIENT).get('/inbox'))).toBe('AGENCY_SUSPENDED');
      expect(code(await asAgency(axis, RECIPIENT).get(`/dispatches/${dispatchId}`))).toBe(
        'AGENCY_SUSPENDED',
      );
      const fromSuspended = await attachDispatch(
        asAgency(axis, RECIPIENT).post('/dispatches'),
        envelopeJson(RECIPIENT, [SENDER]),
        [{ name: 'x.pdf', bytes: pdf }],
      );
      expect(code(fromSuspended)).toBe('AGENCY_SUSPENDED');
      const toSuspended = await attachDispatch(
        asAgency(axis, SENDER).post('/dispatches'),
        envelopeJson(SENDER, [RECIPIENT]),
        [{ name: 'x.pdf', bytes: pdf }],
      );
      expect(code(toSuspended)).toBe('RECIPIENT_SUSPENDED');
      // The axis keeps working: the pending dispatch reaches the suspended agency's inbox.
      await waitFor(
        async () => (await asAgency(axis, SENDER).get(`/dispatches/${dispatchId}`)).body,
        (body) => body.recipients?.[0]?.state === 'delivered',
        'delivery into the suspended agency inbox',
      );
    } finally {
      const reactivated = await asAdmin(axis)
        .post(`/admin/agencies/${RECIPIENT}/reactivate`)
        .send();
      expect(reactivated.body.status).toBe('active');
    }
    const inbox = await asAgency(axis, RECIPIENT).get('/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i: { dispatchId: string }) => i.dispatchId)).toContain(dispatchId);
    const view = await asAgency(axis, RECIPIENT).get(`/dispatches/${dispatchId}`);
    const file = await asAgency(axis, RECIPIENT)
      .get(`/dispatches/${dispatchId}/files/${view.body.files[0].id}`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(file.status).toBe(200);
    expect((file.body as Buffer).equals(pdf)).toBe(true);
    expect((await asAgency(axis, RECIPIENT).post(`/dispatches/${dispatchId}/ack`)).status).toBe(
      200,
    );
  });

  it('records every directory change on the audit trail, with the administrator who made it', async () => {
    const expected = [
      ['agency.registered', NEW_PROVINCE],
      ['agency.registered', NEW_UNIT],
      ['agency.updated', NEW_UNIT],
      ['certificate.registered', NEW_PROVINCE],
      ['certificate.rotated', NEW_UNIT],
      ['certificate.revoked', NEW_UNIT],
      ['agency.suspended', RECIPIENT],
      ['agency.reactivated', RECIPIENT],
    ];
    // The actor is the administrator's certificate subject, as the guard formats it.
    const admin = (await asAdmin(axis).get('/me')).body.certificateSubject as string;
    const rows = await waitFor(
      () =>
        axis.db.query<
          { actor: string; payload: { body: { action: string; agencyCode: string } } }[]
        >(
          `SELECT actor, payload FROM audit_records WHERE event_type = 'directory.changed' ORDER BY seq`,
        ),
      (found) => found.length >= expected.length,
      'directory changes on the audit trail',
    );
    expect(rows.map((row) => [row.payload.body.action, row.payload.body.agencyCode])).toEqual(
      expect.arrayContaining(expected),
    );
    // Refused changes left no record: exactly one registration per agency.
    expect(rows.filter((row) => row.payload.body.action === 'agency.registered')).toHaveLength(2);
    expect(new Set(rows.map((row) => row.actor))).toEqual(new Set([admin]));
  });
});
