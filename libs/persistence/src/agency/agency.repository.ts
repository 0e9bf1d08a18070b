import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AgencyEntity, type AgencyStatus } from './agency.entity';

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

  async findByCode(code: string): Promise<AgencyEntity | null> {
    return this.dataSource.getRepository(AgencyEntity).findOneBy({ code });
  }

  async findByCodes(codes: readonly string[]): Promise<AgencyEntity[]> {
    if (codes.length === 0) return [];
    return this.dataSource.getRepository(AgencyEntity).findBy({ code: In([...codes]) });
  }

  async listActiveCodes(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(AgencyEntity)
      .find({ select: { code: true }, where: { status: 'active' }, order: { code: 'ASC' } });
    return rows.map((row) => row.code);
  }

  /**
   * Inserts or updates agencies, parents before children (a child's parent must exist first).
   * Used to seed the directory for development and tests.
   */
  async upsertMany(seeds: readonly AgencySeed[], manager?: EntityManager): Promise<void> {
    const run = async (em: EntityManager) => {
      const ordered = orderParentsFirst(seeds);
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

function orderParentsFirst(seeds: readonly AgencySeed[]): AgencySeed[] {
  const byCode = new Map(seeds.map((seed) => [seed.code, seed]));
  const depth = (seed: AgencySeed, guard = 0): number =>
    seed.parentCode && byCode.has(seed.parentCode) && guard < 10
      ? 1 + depth(byCode.get(seed.parentCode)!, guard + 1)
      : 0;
  return [...seeds].sort((a, b) => depth(a) - depth(b));
}
