import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { dataSourceOptions } from './data-source-options';
import { PreparingPgClient } from './prepared-statements';

/**
 * A connection the server ends (pg_terminate_backend here; a restart or failover in production)
 * must fail the statements that use it, never the process.
 */
describe('a database connection ended by the server (real PostgreSQL)', () => {
  let url: string;
  let admin: Client;

  beforeAll(async () => {
    url = await createTestDatabase('terminated');
    admin = new Client({ connectionString: url });
    await admin.connect();
  });

  afterAll(async () => {
    await admin.end();
  });

  const terminate = (pid: number) => admin.query('SELECT pg_terminate_backend($1)', [pid]);

  it('does not throw from the client when nothing else listens for its errors (a checked-out pool client)', async () => {
    const client = new PreparingPgClient({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const ended = new Promise((resolve) => client.once('end', resolve));
    await terminate(rows[0].pid);
    await ended;
    await expect(client.query('SELECT 1')).rejects.toThrow();
  });

  it('lets the pool replace a connection ended while idle', async () => {
    const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1 }));
    await dataSource.initialize();
    try {
      const [{ pid }] = await dataSource.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
      await terminate(pid);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [{ pid: next }] = await dataSource.query<{ pid: number }[]>(
        'SELECT pg_backend_pid() AS pid',
      );
      expect(next).not.toBe(pid);
    } finally {
      await dataSource.destroy();
    }
  });
});
