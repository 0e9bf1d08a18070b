import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadGatewayConfig } from '../config/gateway.config';
import { GatewayModule } from '../gateway.module';
import { applyGatewayApiPrefix } from '../http/api-prefix';
import { createGatewayOpenApiDocument } from './gateway-openapi';

/**
 * Builds the OpenAPI document without a database, broker or certificates: Nest's preview mode
 * resolves the module graph (controllers, routes, decorators) without instantiating providers.
 * Used by `npm run openapi` and the spec that checks every route is documented.
 */
export async function createOfflineGatewayOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(GatewayModule.forRoot(loadGatewayConfig({})), {
    preview: true,
    logger: false,
  });
  try {
    applyGatewayApiPrefix(app);
    return createGatewayOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
