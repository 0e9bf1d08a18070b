import { ipNetworkList } from '@docaxis/config/ip-network-list';

/** What `npm start` and the tests allow: their webhook receivers run on this machine. */
export const DEV_WEBHOOK_ALLOWED_PRIVATE_NETWORKS = '127.0.0.0/8,::1';

/**
 * Environment of the apps that judge webhook URLs (the gateway at registration, the notifier at
 * every POST): private networks webhooks may nevertheless reach. Empty in production; development
 * and the tests allow 127.0.0.0/8 and ::1 for their local receivers.
 */
export const webhookDestinationEnv = {
  WEBHOOK_ALLOWED_PRIVATE_NETWORKS: ipNetworkList(),
};
