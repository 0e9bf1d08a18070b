import { spawnApp, type AppProcess } from './app-process';
import { deliveryProgress, seedVerifiedDispatches, waitForEmptyOutbox } from './fault-load';
import type { RunningAxis } from './running-axis';

/**
 * Seeds the fault load while no router consumes, so all of it waits in the router's queue and a
 * router started afterwards still has work when the test's fault comes, however fast it runs
 * against the test's polling. A first router declares the router's queues (an event published
 * before they exist would reach only the audit's) and stops gracefully; then the dispatches'
 * events are published. The router must run out of process (startAxis' `outOfProcess`); every
 * router spawned here is pushed onto `routers`, for the test to kill in its clean-up.
 */
export async function queueLoadForRouter(
  axis: RunningAxis,
  routers: AppProcess[],
  count?: number,
): Promise<string[]> {
  const declaring = await spawnApp('router', axis.env, { label: 'declaring' });
  routers.push(declaring);
  const ended = await declaring.stop();
  if (ended !== 'SIGTERM')
    throw new Error(`the declaring router did not stop gracefully: ${ended}`);
  const dispatchIds = await seedVerifiedDispatches(axis.db, count);
  await waitForEmptyOutbox(axis.db);
  const { delivered } = await deliveryProgress(axis.db);
  if (delivered !== 0) throw new Error(`${delivered} deliveries done while no router ran`);
  return dispatchIds;
}
