import { loadNotifierConfig } from './notifier.config';

describe('notifier configuration', () => {
  it('has defaults that work locally', () => {
    const config = loadNotifierConfig({});
    expect(config).toMatchObject({
      WEBHOOK_RETRY_BASE_MS: 5000,
      WEBHOOK_RETRY_MAX_MS: 3_600_000,
      WEBHOOK_LEASE_MS: 60_000,
      WEBHOOK_TIMEOUT_MS: 10_000,
    });
    expect(config.WEBHOOK_CA_FILE).toBeUndefined();
    // Webhooks reach public addresses only unless a deployment allows more.
    expect(config.WEBHOOK_ALLOWED_PRIVATE_NETWORKS).toEqual([]);
  });

  it('reads the private networks webhooks may reach, refusing what is not a CIDR block', () => {
    expect(
      loadNotifierConfig({ WEBHOOK_ALLOWED_PRIVATE_NETWORKS: ' 127.0.0.0/8, ::1 ' })
        .WEBHOOK_ALLOWED_PRIVATE_NETWORKS,
    ).toEqual(['127.0.0.0/8', '::1']);
    expect(() =>
      loadNotifierConfig({ WEBHOOK_ALLOWED_PRIVATE_NETWORKS: '10.0.0.0/33,localhost' }),
    ).toThrow(/WEBHOOK_ALLOWED_PRIVATE_NETWORKS/);
  });

  it('refuses a lease shorter than two time-outs and a cap below the base', () => {
    expect(() =>
      loadNotifierConfig({ WEBHOOK_LEASE_MS: '5000', WEBHOOK_TIMEOUT_MS: '5000' }),
    ).toThrow(/WEBHOOK_LEASE_MS/);
    expect(() =>
      loadNotifierConfig({ WEBHOOK_RETRY_BASE_MS: '5000', WEBHOOK_RETRY_MAX_MS: '1000' }),
    ).toThrow(/WEBHOOK_RETRY_MAX_MS/);
  });

  it('deactivates a webhook failing for 72 h by default; 0 never does; refuses a negative limit', () => {
    expect(loadNotifierConfig({}).WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS).toBe(72);
    expect(
      loadNotifierConfig({ WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS: '0' })
        .WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS,
    ).toBe(0);
    expect(
      loadNotifierConfig({ WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS: '1.5' })
        .WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS,
    ).toBe(1.5);
    for (const bad of ['-1', 'three days', '9000']) {
      expect(() => loadNotifierConfig({ WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS: bad })).toThrow(
        /WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS/,
      );
    }
  });

  it('refuses a CA file that cannot be read at start-up', () => {
    expect(() => loadNotifierConfig({ WEBHOOK_CA_FILE: '/nonexistent/ca.pem' })).toThrow();
  });

  it('binds its health and metrics server to MANAGEMENT_HOST, loopback by default', () => {
    // HOST (the gateway's API interface) no longer opens the workers' operational port.
    expect(loadNotifierConfig({ HOST: '0.0.0.0' }).MANAGEMENT_HOST).toBe('127.0.0.1');
    expect(loadNotifierConfig({ MANAGEMENT_HOST: '0.0.0.0' }).MANAGEMENT_HOST).toBe('0.0.0.0');
  });
});
