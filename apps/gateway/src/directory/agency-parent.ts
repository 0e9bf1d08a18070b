import { parentOf } from '@docaxis/edxml/agency-code/agency-code';
import type { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { ParentAgencyMismatchError, ParentAgencyNotFoundError } from './directory.errors';

/**
 * The parent to record for `code`. The hierarchy is written in the code itself (its deepest used
 * level zeroed, QCVN 102:2016), so a requested parent must be exactly that one and registered.
 * When none is requested, the hierarchical parent is linked if the directory has it (a unit may
 * be registered before its ministry or province joins the axis).
 */
export async function resolveParent(
  code: string,
  requested: string | null | undefined,
  agencies: AgencyRepository,
): Promise<string | null> {
  const expected = parentOf(code);
  if (requested === null || requested === undefined) {
    if (requested === null || !expected) return null;
    return (await agencies.findByCode(expected)) ? expected : null;
  }
  if (requested !== expected) throw new ParentAgencyMismatchError(code, requested, expected);
  if (!(await agencies.findByCode(expected))) throw new ParentAgencyNotFoundError(expected);
  return expected;
}
