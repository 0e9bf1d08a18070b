import { BenchArgumentError } from '../support/bench-argument-error';
import { integerOfAtLeast, readNumberArgument } from '../support/bench-argument-values';

export interface AuditBenchArguments {
  /** Events in the seeded chain: 1,000,000 by default, 20,000 with `--quick`. */
  events: number;
  /** Keeps the bench's database (and reuses a kept one that is large enough). */
  keep: boolean;
}

/** `npm run bench:audit [-- --events N | --quick] [--keep]`. */
export function parseAuditBenchArguments(argv: readonly string[]): AuditBenchArguments {
  let events = 1_000_000;
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--quick') events = 20_000;
    else if (argument === '--keep') keep = true;
    else if (argument === '--events') {
      events = readNumberArgument(argument, argv[++i], integerOfAtLeast(100));
    } else
      throw new BenchArgumentError(`unknown argument ${argument} (--events N, --quick, --keep)`);
  }
  return { events, keep };
}
