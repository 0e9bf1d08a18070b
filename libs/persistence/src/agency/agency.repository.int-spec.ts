import { DataSource } from 'typeorm';
import { AgencyCodeInvalidError } from '@docaxis/edxml/agency-code/agency-code-invalid.error';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { dataSourceOptions } from '../database/data-source-options';
import { AgencyParentInvalidError } from './agency-parent-invalid.error';
import { AgencyRepository } from './agency.repository';

describe('AgencyRepository: the directory (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let agencies: AgencyRepository;

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions({ url: await createTestDatabase('agencies') }));
    await dataSource.initialize();
    agencies = new AgencyRepository(dataSource);
    await agencies.upsertMany([
      { code: '000.00.00.H20', name: 'UBND tỉnh Đồng Tháp' },
      { code: '000.00.14.H20', name: 'Sở TT&TT Đồng Tháp', parentCode: '000.00.00.H20' },
      { code: '000.02.14.H20', name: 'Trung tâm CNTT', parentCode: '000.00.14.H20' },
      { code: '000.00.07.H20', name: 'Sở đang tạm dừng', status: 'suspended' },
      // A unit whose parent (000.00.00.H08) has no system of its own on the axis.
      { code: '000.00.01.H08', name: 'Sở Nội vụ' },
      { code: '000.00.02.H08', name: 'Sở Tài chính' },
    ]);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  async function codes(): Promise<string[]> {
    const rows: { code: string }[] = await dataSource.query(
      `SELECT code FROM agencies ORDER BY code`,
    );
    return rows.map((row) => row.code);
  }

  it.each([
    ['lower case', '000.00.00.h41', 'LOWER_CASE'],
    ['a Cyrillic look-alike', '000.00.00.Н41', 'NON_ASCII_CHARACTER'],
    ['no level-1 group', '000.00.00.041', 'LEVEL_ONE_GROUP_INVALID'],
    ['a level below an unused one', '000.14.00.H20', 'LEVEL_GAP'],
  ])('refuses a malformed code (%s) and writes nothing of the batch', async (_, code, problem) => {
    const before = await codes();
    const refusal = agencies.upsertMany([
      { code: '000.00.00.H14', name: 'UBND tỉnh Cao Bằng' },
      { code, name: 'bad' },
    ]);
    await expect(refusal).rejects.toBeInstanceOf(AgencyCodeInvalidError);
    await expect(refusal).rejects.toMatchObject({
      code: 'AGENCY_CODE_INVALID',
      details: { problem },
    });
    expect(await codes()).toEqual(before);
  });

  it('refuses a parent that does not sit above the child in the code', async () => {
    await expect(
      agencies.upsertMany([
        { code: '000.00.14.H41', name: 'Sở of another province', parentCode: '000.00.00.H20' },
      ]),
    ).rejects.toBeInstanceOf(AgencyParentInvalidError);
    await expect(
      agencies.upsertMany([{ code: '000.00.00.H41', name: 'x', parentCode: '000.00.14.H41' }]),
    ).rejects.toMatchObject({ code: 'AGENCY_PARENT_INVALID' });
  });

  it('refuses a malformed code in the database itself, whatever writes it', async () => {
    await expect(
      dataSource.query(`INSERT INTO agencies (code, name) VALUES ('g22', 'x')`),
    ).rejects.toThrow(/ck_agencies_code_shape/);
    await expect(
      dataSource.query(
        `INSERT INTO agencies (code, name, parent_code) VALUES ('000.00.09.H20', 'x', '000.00.00.h20')`,
      ),
    ).rejects.toThrow(/ck_agencies_parent_code_shape/);
  });

  it('lists the active agencies registered below a code, at every depth', async () => {
    expect(await agencies.listActiveBelow('000.00.00.H20')).toEqual([
      '000.00.14.H20',
      '000.02.14.H20',
    ]);
    expect(await agencies.listActiveBelow('000.00.00.H08')).toEqual([
      '000.00.01.H08',
      '000.00.02.H08',
    ]);
    expect(await agencies.listActiveBelow('000.02.14.H20')).toEqual([]);
  });
});
