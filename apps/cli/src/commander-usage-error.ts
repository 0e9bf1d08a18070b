/**
 * A usage error commander printed, read back from its English text into what it names, so the
 * CLI can word it in its own language. Commander hands its output hook only the finished text
 * (no code, no parts): recognising its sentences is the one supported way to reword them. A
 * sentence not listed here is printed as commander wrote it; cli-help.spec.ts fails if a
 * commander upgrade rewords one that is.
 */
export type CommanderUsageError =
  | { kind: 'unknownOption'; flag: string; suggestions: string[] }
  | { kind: 'unknownCommand'; name: string; suggestions: string[] }
  | { kind: 'missingArgument'; name: string }
  | { kind: 'optionMissingArgument'; flags: string }
  | { kind: 'missingMandatoryOption'; flags: string }
  | { kind: 'invalidOptionArgument'; flags: string; value: string; reason: InvalidValueReason }
  | { kind: 'excessArguments'; command: string | null; expected: number; received: number }
  | { kind: 'conflictingOption'; option: ConflictingSource; conflictsWith: ConflictingSource };

/** Why a value was refused: not among an option's choices, or the parser's own sentence. */
export type InvalidValueReason =
  { kind: 'choices'; choices: string[] } | { kind: 'parser'; message: string };

/** What set an option that conflicts with another: the command line or an environment variable. */
export interface ConflictingSource {
  source: 'option' | 'env';
  name: string;
}

const SUGGESTION = /\n\(Did you mean (one of )?(.+)\?\)$/s;

/** The usage error `text` (one message, its final newline left off) names, or null. */
export function readCommanderUsageError(text: string): CommanderUsageError | null {
  const suggested = SUGGESTION.exec(text);
  const message = suggested ? text.slice(0, suggested.index) : text;
  const suggestions = suggested ? suggested[2].split(', ') : [];
  let match: RegExpExecArray | null;
  if ((match = /^error: unknown option '(.*)'$/s.exec(message))) {
    return { kind: 'unknownOption', flag: match[1], suggestions };
  }
  if ((match = /^error: unknown command '(.*)'$/s.exec(message))) {
    return { kind: 'unknownCommand', name: match[1], suggestions };
  }
  if ((match = /^error: missing required argument '(.*)'$/s.exec(message))) {
    return { kind: 'missingArgument', name: match[1] };
  }
  if ((match = /^error: option '(.*)' argument missing$/s.exec(message))) {
    return { kind: 'optionMissingArgument', flags: match[1] };
  }
  if ((match = /^error: required option '(.*)' not specified$/s.exec(message))) {
    return { kind: 'missingMandatoryOption', flags: match[1] };
  }
  if ((match = /^error: option '(.*?)' argument '(.*)' is invalid\. (.*)$/s.exec(message))) {
    return {
      kind: 'invalidOptionArgument',
      flags: match[1],
      value: match[2],
      reason: invalidValueReason(match[3]),
    };
  }
  if (
    (match =
      /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/s.exec(
        message,
      ))
  ) {
    return {
      kind: 'excessArguments',
      command: match[1] ?? null,
      expected: Number(match[2]),
      received: Number(match[3]),
    };
  }
  if ((match = /^error: (.+) cannot be used with (.+)$/s.exec(message))) {
    const option = conflictingSource(match[1]);
    const conflictsWith = conflictingSource(match[2]);
    if (option && conflictsWith) return { kind: 'conflictingOption', option, conflictsWith };
  }
  return null;
}

function invalidValueReason(message: string): InvalidValueReason {
  const choices = /^Allowed choices are (.*)\.$/s.exec(message);
  return choices
    ? { kind: 'choices', choices: choices[1].split(', ') }
    : { kind: 'parser', message };
}

function conflictingSource(text: string): ConflictingSource | null {
  const match = /^(option|environment variable) '(.*)'$/s.exec(text);
  if (!match) return null;
  return { source: match[1] === 'option' ? 'option' : 'env', name: match[2] };
}
