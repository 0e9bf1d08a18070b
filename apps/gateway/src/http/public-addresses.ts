import { CONSOLE_PREFIX } from '../console/console-static';
import { OPENAPI_DOCS_PATH } from '../openapi/gateway-openapi';
import { GATEWAY_API_PREFIX } from './api-prefix';

/**
 * Where the gateway answers, logged once it listens (`origin`: Nest's `app.getUrl()`): `npm start`
 * otherwise names only the management port, and a newcomer has to guess the API's and the
 * console's address.
 */
export function publicAddressesLine(origin: string): string {
  const base = origin.replace(/\/+$/, '');
  return (
    `API (mutual TLS) on ${base}/${GATEWAY_API_PREFIX}, web console on ${base}${CONSOLE_PREFIX}/, ` +
    `OpenAPI on ${base}/${OPENAPI_DOCS_PATH}`
  );
}
