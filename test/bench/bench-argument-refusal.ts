import { BenchArgumentError } from '../../bench/support/bench-argument-error';

/** The message with which `parse` refuses `argv` as a BenchArgumentError; fails if it accepts. */
export function benchArgumentRefusal(
  parse: (argv: readonly string[]) => unknown,
  argv: readonly string[],
): string {
  try {
    parse(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(BenchArgumentError);
    expect(error).toMatchObject({ code: 'BENCH_ARGUMENT_INVALID' });
    return (error as Error).message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}
