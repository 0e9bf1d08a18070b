import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isDescendantOf, normalizeAgencyCode } from '@docaxis/edxml/agency-code/agency-code';
import { AgencyParentInvalidError } from './agency-parent-invalid.error';
import { AgencyEntity, type AgencyStatus } from './agency.entity';
import { unwrapRows } from '../database/update-returning-rows';

export interface AgencySeed {
  code: string;
  name: string;
  parentCode?: string | null;
  status?: AgencyStatus;
}

/** The agency directory (danh bạ cơ quan): lookups by code, and seeding. */
@Injectable()
export class AgencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByCode(
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AgencyEntity | null> {
    return manager.getRepository(AgencyEntity).findOneBy({ code });
  }

  /** The status of each of `codes` that is registered (plain SQL: every submission asks). */
  async statusesOf(codes: readonly string[]): Promise<Map<string, AgencyStatus>> {
    if (codes.length === 0) return new Map();
    const rows: { code: string; status: AgencyStatus }[] = await this.dataSource.query(
      `SELECT code, status FROM agencies WHERE code = ANY($1)`,
      [[...codes]],
    );
    return new Map(rows.map((row) => [row.code, row.status]));
  }

  /** The whole directory, by code (a few thousand agencies at most). */
  async listAll(): Promise<AgencyEntity[]> {
    return this.dataSource.getRepository(AgencyEntity).find({ order: { code: 'ASC' } });
  }

  /** Registers a new agency; null when the code is already taken. */
  async insert(
    seed: AgencySeed,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AgencyEntity | null> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO agencies (code, name, parent_code, status) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [seed.code, seed.name, seed.parentCode ?? null, seed.status ?? 'active'],
    );
    return rows.length === 0 ? null : this.findByCode(seed.code, manager);
  }

  /** Changes name and parent; null when the agency is unknown. */
  async update(
    code: string,
    changes: { name?: string; parentCode?: string | null },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AgencyEntity | null> {
    const rows = unwrapRows<unknown>(
      await manager.query(
        `UPDATE agencies SET name = COALESCE($2, name),
         parent_code = CASE WHEN $3::boolean THEN $4 ELSE parent_code END, updated_at = now()
       WHERE code = $1 RETURNING code`,
        [code, changes.name ?? null, changes.parentCode !== undefined, changes.parentCode ?? null],
      ),
    );
    return rows.length === 0 ? null : this.findByCode(code, manager);
  }

  /** Suspends or reactivates; null when the agency is unknown. */
  async setStatus(
    code: string,
    status: AgencyStatus,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AgencyEntity | null> {
    const rows = unwrapRows<unknown>(
      await manager.query(
        `UPDATE agencies SET status = $2, updated_at = now() WHERE code = $1 RETURNING code`,
        [code, status],
      ),
    );
    return rows.length === 0 ? null : this.findByCode(code, manager);
  }

  /** Every registered agency's code, suspended ones included. */
  async listCodes(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(AgencyEntity)
      .find({ select: { code: true }, order: { code: 'ASC' } });
    return rows.map((row) => row.code);
  }

  async listActiveCodes(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(AgencyEntity)
      .find({ select: { code: true }, where: { status: 'active' }, order: { code: 'ASC' } });
    return rows.map((row) => row.code);
  }

  /**
   * Active agencies registered below `code` (children, grandchildren, …), found by the code's
   * structure rather than `parent_code`, so units whose parent is not registered are found too.
   */
  async listActiveBelow(code: string): Promise<string[]> {
    const active = await this.listActiveCodes();
    return active.filter((candidate) => isDescendantOf(candidate, code));
  }

  /**
   * Inserts or updates agencies, parents before children (a child's parent must exist first).
   * Every code must be a well-formed agency code (`AGENCY_CODE_INVALID` otherwise) and a parent
   * must sit above its child in the code's own hierarchy (`AGENCY_PARENT_INVALID`); nothing is
   * written when one seed is refused. Used to seed the directory for development and tests.
   */
  async upsertMany(seeds: readonly AgencySeed[], manager?: EntityManager): Promise<void> {
    const checked = seeds.map(checkSeed);
    const run = async (em: EntityManager) => {
      const ordered = orderParentsFirst(checked);
      for (const seed of ordered) {
        await em.query(
          `INSERT INTO agencies (code, name, parent_code, status) VALUES ($1, $2, $3, $4)
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent_code = EXCLUDED.parent_code,
             status = EXCLUDED.status, updated_at = now()`,
          [seed.code, seed.name, seed.parentCode ?? null, seed.status ?? 'active'],
        );
      }
    };
    if (manager) return run(manager);
    return this.dataSource.transaction(run);
  }
}

function checkSeed(seed: AgencySeed): AgencySeed {
  const code = normalizeAgencyCode(seed.code);
  if (seed.parentCode === undefined || seed.parentCode === null) return { ...seed, code };
  const parentCode = normalizeAgencyCode(seed.parentCode);
  if (!isDescendantOf(code, parentCode)) throw new AgencyParentInvalidError(code, parentCode);
  return { ...seed, code, parentCode };
}

function orderParentsFirst(seeds: readonly AgencySeed[]): AgencySeed[] {
  const byCode = new Map(seeds.map((seed) => [seed.code, seed]));
  const depth = (seed: AgencySeed, guard = 0): number =>
    seed.parentCode && byCode.has(seed.parentCode) && guard < 10
      ? 1 + depth(byCode.get(seed.parentCode)!, guard + 1)
      : 0;
  return [...seeds].sort((a, b) => depth(a) - depth(b));
}
