import { type INestApplication, RequestMethod } from '@nestjs/common';
import { MANAGEMENT_PATHS } from '../management/management-routes';

/** Every API route lives under this prefix; the management routes (health, metrics) do not. */
export const GATEWAY_API_PREFIX = 'api/v1';

/** Mounts the API under its prefix; the same call serves the app and the offline OpenAPI build. */
export function applyGatewayApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(GATEWAY_API_PREFIX, {
    exclude: MANAGEMENT_PATHS.map((path) => ({ path, method: RequestMethod.GET })),
  });
}
