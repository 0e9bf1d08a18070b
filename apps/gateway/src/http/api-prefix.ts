import { type INestApplication, RequestMethod } from '@nestjs/common';

/** Every API route lives under this prefix; operational routes (health, metrics) do not. */
export const GATEWAY_API_PREFIX = 'api/v1';

/** Mounts the API under its prefix; the same call serves the app and the offline OpenAPI build. */
export function applyGatewayApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(GATEWAY_API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
}
