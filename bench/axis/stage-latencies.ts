import type { DataSource } from 'typeorm';

export interface StageLatency {
  stage: string;
  p50Ms: number;
  p95Ms: number;
}

/**
 * Where a dispatch's time goes, from the timestamps the axis itself records (one clock: the
 * database's): accepted → verified (verifier), → queued per recipient (router fan-out), → in the
 * inbox (router delivery), → acknowledged (the recipient's polling and its ack).
 */
export async function stageLatencies(db: DataSource, since: Date): Promise<StageLatency[]> {
  const stages: [string, string][] = [
    ['accepted → verified', 'd.verified_at - d.created_at'],
    ['verified → queued', 'r.queued_at - d.verified_at'],
    ['queued → in inbox', 'r.delivered_at - r.queued_at'],
    ['in inbox → acknowledged', 'r.acknowledged_at - r.delivered_at'],
  ];
  const columns = stages
    .map(
      ([, interval], i) =>
        `percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${interval})) * 1000 AS p50_${i},
         percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM ${interval})) * 1000 AS p95_${i}`,
    )
    .join(',\n');
  const [row] = await db.query<Record<string, number | null>[]>(
    `SELECT ${columns}
       FROM dispatches d JOIN dispatch_recipients r ON r.dispatch_id = d.id
      WHERE d.created_at >= $1 AND r.acknowledged_at IS NOT NULL`,
    [since],
  );
  return stages.map(([stage], i) => ({
    stage,
    p50Ms: Number(row[`p50_${i}`] ?? 0),
    p95Ms: Number(row[`p95_${i}`] ?? 0),
  }));
}
