import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** A prefix, queue name or binding that would make an unsafe or ambiguous broker name. */
export class TopologyNameInvalidError extends InvalidInputError {
  constructor(what: string, value: string, rule: string) {
    super('MESSAGING_NAME_INVALID', `Invalid ${what} "${value}": ${rule}`, { what, value });
  }
}
