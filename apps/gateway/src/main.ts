import { Logger } from '@nestjs/common';
import { prepareDatabase } from '@docaxis/persistence/database/prepare-database';
import { loadGatewayConfig } from './config/gateway.config';
import { createGatewayApp } from './gateway-app.factory';
import { publicAddressesLine } from './http/public-addresses';

async function bootstrap(): Promise<void> {
  const config = loadGatewayConfig();
  if (config.DATABASE_MIGRATE_ON_START) await prepareDatabase(config.DATABASE_URL, 'gateway');
  const app = await createGatewayApp(config);
  await app.listen(config.GATEWAY_PORT, config.HOST);
  new Logger('Gateway').log(publicAddressesLine(await app.getUrl()));
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
