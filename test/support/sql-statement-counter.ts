import { Client } from 'pg';

/** "INSERT outbox_messages", "SELECT DispatchEntity", "WITH processed_messages", … */
export function statementKind(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  const verb = text.split(' ')[0].toUpperCase();
  const target =
    /"(\w+Entity)"/.exec(text)?.[1] ??
    /(?:INTO|FROM|UPDATE)\s+"?([a-z_]+)"?/i.exec(text)?.[1] ??
    text.slice(0, 40);
  return `${verb} ${target}`;
}

/**
 * The outbox relays' claims (each deleting the previous batch) and their rare lone settlements:
 * run on the relay's own clock, not the request's or message's being measured.
 */
export const OUTBOX_RELAY_STATEMENTS = /^(WITH|UPDATE|DELETE) outbox_messages$/;

/**
 * Counts the SQL statements every pg client of this process sends while `counting`, per
 * application_name (`docaxis-<app>` for the apps) and statement kind. Install it before the
 * apps start in process; `uninstall` puts pg's own query back.
 */
export class SqlStatementCounter {
  /** application_name → statement kind → count. */
  readonly counts = new Map<string, Map<string, number>>();
  counting = false;
  private readonly query = Client.prototype.query;
  /**
   * Statement text → its kind: the texts repeat, and working the kind out anew on every query
   * (whitespace folded by a regex over a 2 KB text) made the counter a tenth of what the gateway
   * allocated per submission in bench:submission, measured as the gateway's.
   */
  private readonly kinds = new Map<string, string>();

  install(): this {
    const { query } = this;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const counter = this;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      if (counter.counting) {
        const [config] = args;
        const sql =
          typeof config === 'string' ? config : ((config as { text?: string }).text ?? '');
        const app =
          (this as unknown as { connectionParameters: { application_name?: string } })
            .connectionParameters.application_name ?? '?';
        const kinds = counter.counts.get(app) ?? new Map<string, number>();
        counter.counts.set(app, kinds);
        let kind = counter.kinds.get(sql);
        if (kind === undefined) {
          kind = statementKind(sql);
          counter.kinds.set(sql, kind);
        }
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    return this;
  }

  uninstall(): void {
    Client.prototype.query = this.query;
  }

  /** Statements of `app` (of a kind matching `kind`, and not matching `except`) in all. */
  total(app: string, kind?: RegExp, except?: RegExp): number {
    let total = 0;
    for (const [key, n] of this.counts.get(`docaxis-${app}`) ?? []) {
      if ((!kind || kind.test(key)) && !except?.test(key)) total += n;
    }
    return total;
  }

  /** Every count divided by `per`, one line per app and kind, sorted. */
  report(per: number): string {
    return [...this.counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([app, kinds]) =>
        [...kinds]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([kind, n]) => `${(n / per).toFixed(2).padStart(6)}  ${app} ${kind}`),
      )
      .join('\n');
  }

  reset(): void {
    this.counts.clear();
  }

  /** Counts afresh while `work` runs: the counts are then `work`'s alone. */
  async during(work: () => Promise<void>): Promise<void> {
    this.reset();
    this.counting = true;
    try {
      await work();
    } finally {
      this.counting = false;
    }
  }
}
