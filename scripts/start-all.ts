/**
 * `npm start`: prepares the environment (TEST PKI, database, development directory), then runs
 * every app (gateway, router, verifier, audit, notifier) with prefixed output. Production runs each app
 * on its own (`node dist/apps/<app>/src/main.js`), as several instances where needed.
 */
import concurrently from 'concurrently';
import { DEV_WEBHOOK_ALLOWED_PRIVATE_NETWORKS } from '@docaxis/webhooks/destination/webhook-destination.env';
import { AXIS_APP_NODE_FLAGS, AXIS_APPS, axisAppEntry } from './axis-app-launch';
import { databaseUrlFromEnv, initEnvironment, repositoryRoot } from './init-environment';

async function main(): Promise<void> {
  await initEnvironment(databaseUrlFromEnv());
  const { result } = concurrently(
    AXIS_APPS.map((name) => ({
      name,
      command: ['node', ...AXIS_APP_NODE_FLAGS, axisAppEntry(name)].join(' '),
      // Migrations already ran above. Development webhook receivers run on this machine.
      env: {
        DATABASE_MIGRATE_ON_START: 'false',
        WEBHOOK_ALLOWED_PRIVATE_NETWORKS:
          process.env.WEBHOOK_ALLOWED_PRIVATE_NETWORKS ?? DEV_WEBHOOK_ALLOWED_PRIVATE_NETWORKS,
      },
    })),
    { prefix: 'name', killOthersOn: ['failure'], cwd: repositoryRoot },
  );
  await result;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
