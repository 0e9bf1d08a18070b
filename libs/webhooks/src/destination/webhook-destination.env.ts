import { z } from 'zod';
import { parseNetwork } from './webhook-address-policy';

function isNetwork(value: string): boolean {
  try {
    parseNetwork(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Environment of the apps that judge webhook URLs (the gateway at registration, the notifier at
 * every POST): private networks webhooks may nevertheless reach. Empty in production; development
 * and the tests allow 127.0.0.0/8 and ::1 for their local receivers.
 */
export const webhookDestinationEnv = {
  WEBHOOK_ALLOWED_PRIVATE_NETWORKS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((network) => network.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isNetwork, 'must be IP addresses or CIDR blocks'))),
};
