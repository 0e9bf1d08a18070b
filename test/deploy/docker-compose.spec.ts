import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WebhookAddressPolicy } from '@docaxis/webhooks/destination/webhook-address-policy';

// No Docker engine (nor the compose plugin) on the CI machines: `docker compose config` cannot
// run there, so this checks the file's structure the way compose reads it, merge keys included.
// js-yaml ships with the toolchain (ESLint's config loader).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

type Node = Record<string, unknown>;
const ROOT = resolve(__dirname, '../..');

/** Applies YAML merge keys (`<<: *anchor`) as compose does: own keys win over merged ones. */
function resolveMerges(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveMerges);
  if (value === null || typeof value !== 'object') return value;
  const own = value as Node;
  const merged: Node = {};
  const sources = own['<<'] === undefined ? [] : [own['<<']].flat();
  for (const source of sources) Object.assign(merged, resolveMerges(source) as Node);
  for (const [key, child] of Object.entries(own)) {
    if (key !== '<<') merged[key] = resolveMerges(child);
  }
  return merged;
}

describe('docker-compose.yml', () => {
  const compose = resolveMerges(
    yaml.load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')),
  ) as { services: Record<string, Node>; volumes: Node; networks: Record<string, Node> };
  const services = compose.services;
  const clusterServices = Object.keys(services).filter((name) =>
    (services[name].profiles as string[] | undefined)?.includes('cluster'),
  );

  it('keeps the default stack free of profiles, so `docker compose up` starts it', () => {
    for (const name of ['postgres', 'rabbitmq', 'init', 'gateway', 'router', 'verifier', 'audit']) {
      expect({ name, profiles: services[name].profiles }).toEqual({ name, profiles: undefined });
    }
  });

  it('has a cluster profile: three RabbitMQ nodes, one cookie, peer discovery naming all three', () => {
    const nodes = ['rabbitmq-1', 'rabbitmq-2', 'rabbitmq-3'];
    expect(clusterServices).toEqual(expect.arrayContaining([...nodes, 'rabbitmq-lb']));
    const cookies = nodes.map(
      (n) => (services[n].environment as Node).RABBITMQ_ERLANG_COOKIE as string,
    );
    expect(new Set(cookies).size).toBe(1);
    expect(nodes.map((n) => services[n].hostname)).toEqual(nodes);
    const conf = readFileSync(join(ROOT, 'deploy/rabbitmq/cluster.conf'), 'utf8');
    for (const node of nodes) expect(conf).toContain(`rabbit@${node}`);
    const haproxy = readFileSync(join(ROOT, 'deploy/haproxy/cluster.cfg'), 'utf8');
    for (const node of nodes) expect(haproxy).toContain(`server ${node} ${node}:5672`);
  });

  it('scales every app to two instances on the cluster, each with a readiness health check', () => {
    for (const app of ['gateway', 'router', 'verifier', 'audit']) {
      const service = services[`${app}-cluster`];
      expect({ app, profiles: service.profiles }).toEqual({ app, profiles: ['cluster'] });
      expect((service.deploy as { replicas: number }).replicas).toBeGreaterThanOrEqual(2);
      expect((service.environment as Node).AMQP_URL).toBe('amqp://guest:guest@rabbitmq-lb:5672');
      expect(service.command).toEqual(['node', `dist/apps/${app}/src/main.js`]);
      expect(JSON.stringify((service.healthcheck as Node).test)).toContain('/health/ready');
    }
  });

  it('probes each app on its management port, which no service publishes', () => {
    const managementPorts = { gateway: 9100, router: 9101, verifier: 9102, audit: 9103 };
    for (const [app, port] of Object.entries(managementPorts)) {
      const test = (services[`${app}-cluster`].healthcheck as Node).test as string[];
      // Plain HTTP on the container's loopback: the gateway's API port no longer answers probes.
      expect({ app, probe: test.join(' ') }).toEqual({
        app,
        probe: expect.stringMatching(
          new RegExp(`http://127\\.0\\.0\\.1:.*/health/ready.* ${port}$`),
        ),
      });
    }
    for (const [name, service] of Object.entries(services)) {
      const published = ((service.ports as string[] | undefined) ?? []).join(',');
      expect({ name, published }).toEqual({ name, published: expect.not.stringMatching(/91\d\d/) });
    }
  });

  it('has HAProxy route to gateways that are ready, checked over HTTP on their management port', () => {
    const haproxy = readFileSync(join(ROOT, 'deploy/haproxy/cluster.cfg'), 'utf8');
    const backend = haproxy.slice(haproxy.indexOf('\nbackend gateways'));
    const directives = backend
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(directives).toEqual(
      expect.arrayContaining([
        'option httpchk',
        expect.stringMatching(/^http-check send meth GET uri \/health\/ready\b/),
        'http-check expect status 200',
        expect.stringMatching(/^server-template gateway \d+ gateway-cluster:8443 check port 9100 /),
      ]),
    );
    // …which HAProxy reaches only if the gateways' management listener leaves loopback.
    const environment = (app: string) => services[`${app}-cluster`].environment as Node;
    expect(environment('gateway').MANAGEMENT_HOST).toBe('0.0.0.0');
    expect(environment('gateway').GATEWAY_MANAGEMENT_PORT ?? '9100').toBe('9100');
    for (const app of ['router', 'verifier', 'audit']) {
      expect({ app, host: environment(app).MANAGEMENT_HOST }).toEqual({ app, host: undefined });
    }
  });

  it('lets webhooks reach one private network, the receivers’ own, which only gateway and notifier join', () => {
    const subnet = (
      compose.networks['webhook-receivers'].ipam as { config: { subnet: string }[] }
    ).config.map((c) => c.subnet);
    expect(subnet).toEqual(['${DOCAXIS_WEBHOOK_RECEIVERS_SUBNET:-10.250.0.0/24}']);
    const attached = Object.keys(services).filter((name) =>
      ((services[name].networks as string[] | undefined) ?? []).includes('webhook-receivers'),
    );
    expect(attached.sort()).toEqual(['gateway', 'notifier']);
    for (const name of attached) {
      const service = services[name];
      expect({ name, networks: service.networks }).toEqual({
        name,
        networks: ['default', 'webhook-receivers'],
      });
      const environment = service.environment as Node;
      // Same interpolation as the network: one knob moves both.
      expect({ name, allowed: environment.WEBHOOK_ALLOWED_PRIVATE_NETWORKS }).toEqual({
        name,
        allowed: subnet[0],
      });
      expect(environment.AMQP_URL).toBe('amqp://guest:guest@rabbitmq:5672');
    }
    // The default subnet is private (the guard would refuse it) and the allow-list admits it.
    const fallback = /:-([^}]+)\}$/.exec(subnet[0])![1];
    expect(new WebhookAddressPolicy().permits('10.250.0.7')).toBe(false);
    expect(new WebhookAddressPolicy([fallback]).permits('10.250.0.7')).toBe(true);
    expect(new WebhookAddressPolicy([fallback]).permits('10.250.1.7')).toBe(false);
    for (const name of ['router', 'verifier', 'audit', 'gateway-cluster']) {
      const environment = services[name].environment as Node;
      expect({ name, allowed: environment.WEBHOOK_ALLOWED_PRIVATE_NETWORKS }).toEqual({
        name,
        allowed: undefined,
      });
    }
  });

  it('mounts the blob store where the image has a folder the apps’ user owns (a fresh volume copies it)', () => {
    for (const app of ['gateway', 'verifier']) {
      expect({ app, volumes: services[app].volumes }).toEqual({
        app,
        volumes: expect.arrayContaining(['blobs:/app/var/blobs']),
      });
    }
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtimeStage).toContain('WORKDIR /app');
    const prepared = runtimeStage.indexOf('RUN mkdir -p var/blobs && chown node:node var/blobs');
    expect(prepared).toBeGreaterThan(0);
    expect(runtimeStage.indexOf('USER node')).toBeGreaterThan(prepared);
  });

  it('refers only to services, volumes and files that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys((service.depends_on as Node | undefined) ?? {})) {
        expect({ name, dependency, exists: dependency in services }).toEqual({
          name,
          dependency,
          exists: true,
        });
      }
      for (const volume of (service.volumes as string[] | undefined) ?? []) {
        const source = volume.split(':')[0];
        const exists = source.startsWith('./')
          ? existsSync(join(ROOT, source))
          : source in compose.volumes;
        expect({ name, volume, exists }).toEqual({ name, volume, exists: true });
      }
    }
  });
});
