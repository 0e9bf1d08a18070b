import { RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CallerRole } from '../../apps/gateway/src/auth/caller-role';
import { ClientCertificateGuard } from '../../apps/gateway/src/auth/client-certificate.guard';
import {
  DEFAULT_REQUIRED_ROLES,
  REQUIRED_ROLES_METADATA,
} from '../../apps/gateway/src/auth/require-roles.decorator';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import {
  anonymous,
  asAdmin,
  asAgency,
  asAuditor,
  asClerk,
  withCredential,
  type AgencyClient,
} from '@docaxis/testing/agency-client';
import { issueClientCertificate, registerDirectly } from '@docaxis/testing/client-certificates';
import { attachDispatch, envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';

const SENDER = '000.00.00.H41';
const RECIPIENT = '000.00.00.H14';
const STRANGER = '000.00.00.H20';
const SUSPENDED = '000.00.00.H77';
const SCRATCH = '000.00.00.H78';

/**
 * Routes that answer without a client certificate, on purpose. Any other route the gateway
 * exposes must sit behind ClientCertificateGuard: a new route that forgets it fails here.
 */
const PUBLIC_ROUTES: readonly RegExp[] = [
  /^GET \/api\/docs(\/.*|-json|-yaml)?$/, // OpenAPI UI, its assets and the document
  /^GET \/console(\/.*)?$/, // the web console's static files (it calls the API with certificates)
];
const isPublic = (key: string) => PUBLIC_ROUTES.some((rule) => rule.test(key));

/**
 * Served without a certificate only on the management listener (ManagementRoutesGuard answers
 * 404 for them on the public port; test/e2e/operations.e2e-spec.ts checks both sides).
 */
const MANAGEMENT_ROUTES: readonly RegExp[] = [
  /^GET \/health\/(live|ready)$/, // liveness and readiness probes
  /^GET \/metrics\/?$/, // Prometheus scrape
];
const isManagement = (key: string) => MANAGEMENT_ROUTES.some((rule) => rule.test(key));

/** Codes that mean "authentication or authorization refused this caller". */
const ACCESS_CODES = new Set([
  'CLIENT_CERTIFICATE_REQUIRED',
  'CLIENT_CERTIFICATE_INVALID',
  'CLIENT_CERTIFICATE_NO_AGENCY_CODE',
  'CLIENT_CERTIFICATE_NOT_REGISTERED',
  'CLIENT_CERTIFICATE_RETIRED',
  'CLIENT_CERTIFICATE_HEADER_UNTRUSTED',
  'AGENCY_NOT_REGISTERED',
  'AGENCY_SUSPENDED',
  'ROLE_NOT_GRANTED',
]);

interface ApiRoute {
  method: string;
  /** Express path, e.g. /api/v1/dispatches/:id/files/:fileId */
  path: string;
  /** Undefined for routes no guard protects. */
  requiredRoles?: readonly CallerRole[];
}

const METHOD_NAMES: Record<number, string> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.DELETE]: 'DELETE',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.ALL]: 'ALL',
  [RequestMethod.OPTIONS]: 'OPTIONS',
  [RequestMethod.HEAD]: 'HEAD',
};

/** Every route Express serves, as Nest registered it (or anything mounted beside it). */
function expressRoutes(axis: RunningAxis): { method: string; path: string }[] {
  const express = axis.gateway.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  // Layers registered for every method are Nest's not-found fallbacks, not routes.
  const isCatchAll = (methods: Record<string, boolean>) => Object.keys(methods).length > 20;
  return express.router.stack.flatMap((layer) =>
    layer.route && !isCatchAll(layer.route.methods)
      ? Object.keys(layer.route.methods)
          .filter((method) => method !== '_all')
          .map((method) => ({ method: method.toUpperCase(), path: layer.route!.path }))
      : [],
  );
}

/** Guard and roles of every controller route, read from Nest's own metadata. */
function nestRouteRules(axis: RunningAxis): Map<string, readonly CallerRole[] | undefined> {
  const modules = axis.gateway.get(ModulesContainer);
  const reflector = new Reflector();
  const rules = new Map<string, readonly CallerRole[] | undefined>();
  const controllers = [...modules.values()].flatMap((module) => [...module.controllers.values()]);
  for (const wrapper of controllers) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    const classGuards: unknown[] = Reflect.getMetadata(GUARDS_METADATA, type) ?? [];
    const prototype = type.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (method === undefined || path === undefined) continue;
      const guards: unknown[] = [
        ...classGuards,
        ...((Reflect.getMetadata(GUARDS_METADATA, handler) as unknown[] | undefined) ?? []),
      ];
      const guarded = guards.includes(ClientCertificateGuard);
      const roles =
        reflector.getAllAndOverride<readonly CallerRole[] | undefined>(REQUIRED_ROLES_METADATA, [
          handler as () => unknown,
          type,
        ]) ?? DEFAULT_REQUIRED_ROLES;
      const full = `/${[base, path]
        .map((p) => p.replace(/^\/|\/$/g, ''))
        .filter(Boolean)
        .join('/')}`;
      rules.set(`${METHOD_NAMES[method]} ${full}`, guarded ? roles : undefined);
    }
  }
  return rules;
}

interface Caller {
  name: string;
  client: () => AgencyClient;
  roles: readonly CallerRole[];
  /** What every guarded route answers this caller, whatever its roles. */
  refusedEverywhereWith?: string;
}

describe('authorization, route by route (every route the gateway exposes)', () => {
  let axis: RunningAxis;
  let routes: ApiRoute[];
  let params: Record<string, string>;

  beforeAll(async () => {
    axis = await startAxis('routeauthz');
    const pdf = await signedDispatchPdf(axis.pki, SENDER, {
      unsigned: { title: 'Công văn kiểm thử phân quyền', lines: ['Nội dung'] },
    });
    const submitted = await attachDispatch(
      asAgency(axis, SENDER).post('/dispatches'),
      envelopeJson(SENDER, [RECIPIENT]),
      [{ name: 'cong-van.pdf', bytes: pdf }],
    );
    expect(submitted.status).toBe(202);
    const view = await asAgency(axis, SENDER).get(`/dispatches/${submitted.body.dispatchId}`);
    params = {
      dispatchId: submitted.body.dispatchId,
      fileId: view.body.files[0].id,
    };
    // An agency holding every role, then suspended: it must be refused everywhere.
    const admin = asAdmin(axis);
    for (const code of [SUSPENDED, SCRATCH]) {
      await admin
        .post('/admin/agencies')
        .send({ code, name: `Cơ quan ${code}` })
        .expect(201);
    }
    const allRoles = await issueClientCertificate(axis.pki, { agencyCode: SUSPENDED });
    await registerDirectly(axis, allRoles, SUSPENDED, [
      'agency-system',
      'clerk',
      'auditor',
      'admin',
    ]);
    suspendedCredential = allRoles;
    await admin.post(`/admin/agencies/${SUSPENDED}/suspend`).send().expect(200);

    const rules = nestRouteRules(axis);
    routes = expressRoutes(axis).map(({ method, path }) => {
      const key = `${method} ${path.replace(/^\/api\/v1(?=\/|$)/, '') || '/'}`;
      return { method, path, requiredRoles: rules.get(key) ?? rules.get(`${method} ${path}`) };
    });
  });

  let suspendedCredential: Awaited<ReturnType<typeof issueClientCertificate>>;

  afterAll(async () => {
    await axis?.stop();
  });

  const callers = (): Caller[] => [
    {
      name: 'anonymous',
      client: () => anonymous(axis),
      roles: [],
      refusedEverywhereWith: 'CLIENT_CERTIFICATE_REQUIRED',
    },
    {
      name: 'agency system',
      client: () => asAgency(axis, SENDER),
      roles: [CallerRole.AgencySystem],
    },
    { name: 'clerk', client: () => asClerk(axis, SENDER), roles: [CallerRole.Clerk] },
    { name: 'auditor', client: () => asAuditor(axis), roles: [CallerRole.Auditor] },
    { name: 'admin', client: () => asAdmin(axis), roles: [CallerRole.Admin] },
    {
      name: 'suspended agency (all roles)',
      client: () => withCredential(axis, suspendedCredential),
      roles: Object.values(CallerRole),
      refusedEverywhereWith: 'AGENCY_SUSPENDED',
    },
    {
      name: 'revoked certificate',
      client: () => withCredential(axis, axis.pki.special('revoked-client')),
      roles: [],
      refusedEverywhereWith: 'CLIENT_CERTIFICATE_INVALID',
    },
  ];

  /** A concrete URL for a route: real ids where the route is about a dispatch, else harmless ones. */
  function concrete(path: string): string {
    const isDispatch = path.startsWith('/api/v1/dispatches/');
    return path
      .replace(/^\/api\/v1/, '')
      .replace(/:id\b/g, isDispatch ? params.dispatchId : randomUUID())
      .replace(/:fileId\b/g, params.fileId)
      .replace(/:code\b/g, SCRATCH)
      .replace(/:fingerprint\b/g, '0'.repeat(64))
      .replace(/:[A-Za-z]+\b/g, 'x')
      .replace(/\*.*$/, 'x');
  }

  function send(client: AgencyClient, method: string, path: string) {
    const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    return client[verb](concrete(path)).send({});
  }

  it('finds the routes, each either guarded by a client certificate or explicitly public', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    // Sanity: the enumeration sees the routes we know of (and whatever was added since).
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /api/v1/dispatches',
        'GET /api/v1/inbox',
        'POST /api/v1/inbox/ack',
        'POST /api/v1/admin/agencies/:code/suspend',
      ]),
    );
    const unguarded = routes
      .filter((r) => r.requiredRoles === undefined)
      .map((r) => `${r.method} ${r.path}`)
      .filter((key) => !isPublic(key) && !isManagement(key));
    expect(unguarded).toEqual([]);
  });

  it('declares operator roles only on operator routes: admin changes, admin/auditor reads', () => {
    const violations = routes
      .filter((r) => /^\/api\/v1\/(admin|audit)(\/|$)/.test(r.path))
      .filter((r) => {
        const allowed =
          r.method === 'GET' ? [CallerRole.Admin, CallerRole.Auditor] : [CallerRole.Admin];
        return !r.requiredRoles || r.requiredRoles.some((role) => !allowed.includes(role));
      })
      .map((r) => `${r.method} ${r.path}: ${r.requiredRoles?.join(', ') ?? 'unguarded'}`);
    // The audit trail's own exports may be written by auditors: allow POST to audit for them.
    expect(violations.filter((v) => !/^POST \/api\/v1\/audit\/.*: auditor/.test(v))).toEqual([]);
  });

  it('admits exactly the roles each route declares, and refuses the others with ROLE_NOT_GRANTED', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const route of routes.filter((r) => r.requiredRoles !== undefined)) {
      for (const caller of callers()) {
        const response = await send(caller.client(), route.method, route.path);
        const code: string | undefined = response.body?.error?.code;
        const admitted = !ACCESS_CODES.has(code ?? '');
        const label = `${route.method} ${route.path} as ${caller.name}`;
        outcomes.push(`${label}: ${admitted ? 'admitted' : code}`);
        const mayPass = caller.roles.some((role) => route.requiredRoles!.includes(role));
        expected.push(
          `${label}: ${caller.refusedEverywhereWith ?? (mayPass ? 'admitted' : 'ROLE_NOT_GRANTED')}`,
        );
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('answers public routes without a certificate', async () => {
    for (const route of routes.filter((r) => r.requiredRoles === undefined && r.method === 'GET')) {
      if (!isPublic(`GET ${route.path}`) || /[:{*]/.test(route.path)) continue;
      const response = await request(axis.gatewayUrl)
        .get(route.path)
        .ca(axis.pki.server.caBundlePem);
      // Readiness may say 503 while a dependency warms up; what matters is no access refusal.
      const code: string | undefined = response.body?.error?.code;
      expect({ route: route.path, refused: ACCESS_CODES.has(code ?? '') }).toEqual({
        route: route.path,
        refused: false,
      });
    }
  });

  it('serves the management routes on the management listener only, 404 on the public port', async () => {
    const managementRoutes = routes.filter((r) => isManagement(`${r.method} ${r.path}`));
    expect(managementRoutes.length).toBeGreaterThanOrEqual(3);
    for (const route of managementRoutes) {
      const onPublic = await request(axis.gatewayUrl)
        .get(route.path)
        .ca(axis.pki.server.caBundlePem);
      const onManagement = await request(axis.gatewayManagementUrl).get(route.path);
      expect({
        route: route.path,
        public: `${onPublic.status} ${onPublic.body?.error?.code}`,
        management: onManagement.status === 404 ? 'not served' : 'served',
      }).toEqual({ route: route.path, public: '404 ROUTE_NOT_FOUND', management: 'served' });
    }
  });

  it("keeps every dispatch route to the dispatch's parties: a third agency sees nothing", async () => {
    const dispatchRoutes = routes.filter(
      (r) =>
        r.path.startsWith('/api/v1/dispatches/:id') &&
        r.requiredRoles?.includes(CallerRole.AgencySystem),
    );
    expect(dispatchRoutes.length).toBeGreaterThanOrEqual(4);
    // A third agency is refused, and exactly as if the dispatch did not exist: its answer on the
    // real dispatch equals its answer on an unknown id (nothing disclosed, not even existence).
    for (const route of dispatchRoutes) {
      const label = `${route.method} ${route.path}`;
      const stranger = await send(asAgency(axis, STRANGER), route.method, route.path);
      const unknownPath = route.path.replace(':id', randomUUID());
      const unknown = await send(asAgency(axis, STRANGER), route.method, unknownPath);
      const seen = (r: request.Response) => `${r.status} ${r.body?.error?.code}`;
      expect({ label, refused: stranger.status >= 400, answer: seen(stranger) }).toEqual({
        label,
        refused: true,
        answer: seen(unknown),
      });
    }
    // The parties themselves do read it.
    for (const party of [SENDER, RECIPIENT]) {
      expect((await asAgency(axis, party).get(`/dispatches/${params.dispatchId}`)).status).toBe(
        200,
      );
    }
  });
});
