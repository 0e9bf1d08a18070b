import request from 'supertest';
import type { DevPkiCredential } from '@docaxis/signature/pki/dev-pki-loader';
import type { RunningAxis } from './running-axis';

export interface AgencyClient {
  get(path: string): request.Test;
  post(path: string): request.Test;
}

/**
 * HTTPS requests to the gateway as an agency's document system: presents that agency's TLS client
 * certificate (or the credential given, e.g. an expired or foreign one), trusts the TEST CA.
 */
export function asAgency(
  axis: RunningAxis,
  agencyCode: string,
  credential?: DevPkiCredential,
): AgencyClient {
  const client = credential ?? axis.pki.agency(agencyCode).client;
  const ca = axis.pki.server.caBundlePem;
  const prepare = (test: request.Test) => test.ca(ca).key(client.keyPem).cert(client.certPem);
  return {
    get: (path) => prepare(request(axis.gatewayUrl).get(`/api/v1${path}`)),
    post: (path) => prepare(request(axis.gatewayUrl).post(`/api/v1${path}`)),
  };
}

/** Requests without any client certificate. */
export function anonymous(axis: RunningAxis): AgencyClient {
  const ca = axis.pki.server.caBundlePem;
  return {
    get: (path) => request(axis.gatewayUrl).get(`/api/v1${path}`).ca(ca),
    post: (path) => request(axis.gatewayUrl).post(`/api/v1${path}`).ca(ca),
  };
}
