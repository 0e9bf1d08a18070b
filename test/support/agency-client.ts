import request from 'supertest';
import type { DevPkiCredential } from '@docaxis/signature/pki/dev-pki-loader';
import type { RunningAxis } from './running-axis';

export interface AgencyClient {
  get(path: string): request.Test;
  post(path: string): request.Test;
  put(path: string): request.Test;
  patch(path: string): request.Test;
  delete(path: string): request.Test;
}

/** HTTPS requests to the gateway presenting `credential` (none when undefined), trusting the TEST CA. */
export function withCredential(
  axis: RunningAxis,
  credential: DevPkiCredential | undefined,
): AgencyClient {
  const ca = axis.pki.server.caBundlePem;
  const prepare = (test: request.Test) =>
    credential ? test.ca(ca).key(credential.keyPem).cert(credential.certPem) : test.ca(ca);
  const agent = request(axis.gatewayUrl);
  return {
    get: (path) => prepare(agent.get(`/api/v1${path}`)),
    post: (path) => prepare(agent.post(`/api/v1${path}`)),
    put: (path) => prepare(agent.put(`/api/v1${path}`)),
    patch: (path) => prepare(agent.patch(`/api/v1${path}`)),
    delete: (path) => prepare(agent.delete(`/api/v1${path}`)),
  };
}

/**
 * Requests as an agency's document system (role agency-system): presents that agency's TLS client
 * certificate, or the credential given (e.g. an expired or foreign one).
 */
export function asAgency(
  axis: RunningAxis,
  agencyCode: string,
  credential?: DevPkiCredential,
): AgencyClient {
  return withCredential(axis, credential ?? axis.pki.agency(agencyCode).client);
}

/** Requests as the agency's clerk (văn thư, role clerk). */
export function asClerk(axis: RunningAxis, agencyCode: string): AgencyClient {
  return withCredential(axis, axis.pki.agency(agencyCode).clerk);
}

/** Requests as the axis operator's auditor (role auditor). */
export function asAuditor(axis: RunningAxis): AgencyClient {
  return withCredential(axis, axis.pki.operator('auditor'));
}

/** Requests as the axis operator's administrator (role admin). */
export function asAdmin(axis: RunningAxis): AgencyClient {
  return withCredential(axis, axis.pki.operator('admin'));
}

/** Requests without any client certificate. */
export function anonymous(axis: RunningAxis): AgencyClient {
  return withCredential(axis, undefined);
}
