import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DevAgenciesInvalidError } from './dev-pki.errors';

/** One agency of the development directory seed (`certs/dev-agencies.json`). */
export interface DevAgency {
  code: string;
  name: string;
  parentCode?: string;
  leader: { fullName: string; position: string };
}

/**
 * Loose shape check of an agency code (1-35 characters of A-Z, 0-9 and dots, level-1 group last).
 * The strict rules live in libs/edxml; a development seed only needs to be plausible.
 */
const AGENCY_CODE_SHAPE = /^(?=.{1,35}$)[A-Z0-9]+(\.[A-Z0-9]+)*\.[A-Z]\d{2}$/;

const nonBlank = z.string().trim().min(1);

const devAgencySchema = z
  .object({
    code: z.string().regex(AGENCY_CODE_SHAPE, 'not an agency code like 000.00.00.G22'),
    name: nonBlank,
    parentCode: z.string().regex(AGENCY_CODE_SHAPE).optional(),
    leader: z.object({ fullName: nonBlank, position: nonBlank }).strict(),
  })
  .strict();

/** Validates an agency list: shapes, unique codes, and parents that are in the list too. */
export function parseDevAgencies(input: unknown): DevAgency[] {
  const result = z.array(devAgencySchema).min(1).safeParse(input);
  if (!result.success) {
    throw new DevAgenciesInvalidError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const agencies: DevAgency[] = result.data;
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const agency of agencies) {
    if (codes.has(agency.code)) problems.push(`${agency.code}: listed twice`);
    codes.add(agency.code);
  }
  for (const agency of agencies) {
    if (agency.parentCode !== undefined && !codes.has(agency.parentCode)) {
      problems.push(`${agency.code}: parent ${agency.parentCode} is not in the list`);
    }
  }
  if (problems.length > 0) throw new DevAgenciesInvalidError(problems);
  return agencies;
}

/** Reads and validates a JSON agency list such as `certs/dev-agencies.json`. */
export function readDevAgenciesFile(path: string): DevAgency[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DevAgenciesInvalidError([`${path}: ${(error as Error).message}`]);
  }
  return parseDevAgencies(json);
}
