import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { z } from 'zod';
import { generateKeyPair, loadChannelKeys } from '../src/approvals/channel-keys.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { SEARCH_ATTRIBUTES } from '../src/temporal/search-attributes.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

// The parts of a Compose file this test reads; the rest is Compose's to check (`docker compose config`).
const ServiceSchema = z.object({
  image: z.string().optional(),
  build: z.string().optional(),
  entrypoint: z.array(z.string()).optional(),
  command: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  ports: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  restart: z.string().optional(),
  init: z.boolean().optional(),
  profiles: z.array(z.string()).optional(),
  networks: z.array(z.string()).optional(),
  depends_on: z
    .record(z.string(), z.object({ condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']) }))
    .optional(),
  healthcheck: z.object({ test: z.array(z.string()) }).optional(),
});
type Service = z.infer<typeof ServiceSchema>;
const NetworkSchema = z.object({ internal: z.boolean().optional(), name: z.string().optional() }).strict();
const ComposeSchema = z.object({ services: z.record(z.string(), ServiceSchema), networks: z.record(z.string(), NetworkSchema) });

const composeText = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const envExampleText = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
// Compose resolves YAML merge keys (`<<: *countersign`), so the test does too.
const compose = ComposeSchema.parse(parse(composeText, { merge: true }));
const services = compose.services;

function service(name: string): Service {
  const found = services[name];
  assert.ok(found, `docker-compose.yml has no service ${name}`);
  return found;
}

const LONG_RUNNING = ['postgres', 'temporal', 'temporal-ui', 'worker', 'server', 'slack'];
const ONE_SHOT = ['temporal-schema', 'temporal-namespace', 'migrate'];
/** Run by an operator on demand (`docker compose run --rm cli …`), never by `up`. */
const OPS = ['cli'];
const COUNTERSIGN = ['migrate', 'worker', 'server', 'slack', 'cli'];

/** The networks a service joins; each service names its own, so none lands on compose's default network. */
function networksOf(name: string): string[] {
  const joined = service(name).networks;
  assert.ok(joined?.length, `${name} names its networks`);
  return joined ?? [];
}

/** The services on a network. */
function members(network: string): string[] {
  return Object.keys(services)
    .filter((name) => networksOf(name).includes(network))
    .sort();
}

/** Every `${VAR…}` the file reads (`$${…}` is an escaped dollar for the container's shell). */
function variablesRead(text: string): Map<string, { required: boolean }> {
  const found = new Map<string, { required: boolean }>();
  for (const match of text.matchAll(/(?<!\$)\$\{([A-Z0-9_]+)(:?[-?])?/g)) {
    const name = match[1] ?? '';
    found.set(name, { required: (found.get(name)?.required ?? false) || (match[2] ?? '').endsWith('?') });
  }
  return found;
}

/** `VAR=value` lines of an env file; `# VAR=` lines count as documented with no value. */
function envFileEntries(text: string): Map<string, string | undefined> {
  const entries = new Map<string, string | undefined>();
  for (const line of text.split('\n')) {
    const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[2]) entries.set(match[2], match[1] ? undefined : (match[3] ?? ''));
  }
  return entries;
}

/** Compose's interpolation of one value: `${VAR}`, `${VAR:-default}`, `${VAR:?message}`, `$$`. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (match, name: string, op: string | undefined, arg: string | undefined) => {
    if (match === '$$') return '$';
    const set = env[name];
    if (op === '-') return set ? set : (arg ?? '');
    if (op === '?' && !set) throw new Error(`${name} is required: ${arg ?? ''}`);
    return set ?? '';
  });
}

/** An operator's .env as docs/deployment.md says to make it: .env.example, a password, four public keys. */
function operatorEnv(): Record<string, string> {
  const env: Record<string, string> = { POSTGRES_PASSWORD: 'b6f0c1d2e3a4958677aa0f1e2d3c4b5a' };
  for (const [name, value] of envFileEntries(envExampleText)) if (value) env[name] = value;
  for (const channel of ['SLACK', 'EMAIL', 'CLI', 'HTTP']) env[`COUNTERSIGN_${channel}_PUBLIC_KEY`] = generateKeyPair().publicKey;
  return env;
}

function containerEnv(name: string, env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(service(name).environment ?? {}).map(([key, value]) => [key, interpolate(value, env)]));
}

function script(name: string): string {
  const s = service(name);
  assert.deepEqual(s.entrypoint, ['/bin/sh', '-c'], `${name} runs a shell script`);
  assert.equal(s.command?.length, 1, `${name} has one script`);
  return s.command?.[0] ?? '';
}

describe('docker-compose.yml, the production-shaped stack', () => {
  it('runs every service from a pinned image, or Countersign from a build of this checkout', () => {
    assert.deepEqual(Object.keys(services).sort(), [...LONG_RUNNING, ...ONE_SHOT, ...OPS].sort());
    for (const [name, s] of Object.entries(services)) {
      if (COUNTERSIGN.includes(name)) {
        assert.equal(s.build, '.', `${name} is built from the Dockerfile here`);
        assert.equal(s.image, '${COUNTERSIGN_IMAGE:-countersign:local}', `${name} shares one image`);
      } else {
        assert.equal(s.build, undefined, `${name} uses an official image`);
        assert.match(s.image ?? '', /^[a-z0-9/._-]+:\d+(\.\d+)+$/, `${name} pins its image to a version`);
      }
    }
    assert.match(service('temporal').image ?? '', /^temporalio\/server:/, 'Temporal Server, not the auto-setup image');
    const admin = service('temporal').image?.replace('server', 'admin-tools');
    assert.equal(service('temporal-schema').image, admin, 'the schema job matches the server version');
    assert.equal(service('temporal-namespace').image, admin, 'the namespace job matches the server version');
    assert.match(service('temporal-ui').image ?? '', /^temporalio\/ui:2\.54\.\d+$/);
  });

  it("starts Countersign's services as its npm scripts do, the long-running ones as node itself", () => {
    assert.deepEqual(service('migrate').command, ['npm', 'run', 'migrate']);
    // npm would hand `docker compose stop`'s SIGTERM to a shell that drops it; node gets it and drains.
    const scripts = z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))).scripts;
    for (const name of ['worker', 'server', 'slack']) {
      const entry = /^tsx (\S+)$/.exec(scripts[name] ?? '')?.[1];
      assert.ok(entry, `npm run ${name} runs one file with tsx`);
      assert.deepEqual(service(name).command, ['node', '--import', 'tsx', entry], `${name} runs what npm run ${name} runs`);
      assert.equal(service(name).init, true, `${name} has an init process to pass signals on`);
    }
    for (const name of ['postgres', 'temporal', 'temporal-ui']) assert.equal(service(name).command, undefined, name);
  });

  it("sets up Temporal's two databases with temporal-sql-tool before the server starts", () => {
    const lines = script('temporal-schema')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('temporal-sql-tool'));
    assert.deepEqual(lines, [
      'temporal-sql-tool --database temporal create-database',
      'temporal-sql-tool --database temporal setup-schema -v 0.0',
      'temporal-sql-tool --database temporal update-schema -d "$$schema/temporal/versioned"',
      'temporal-sql-tool --database temporal_visibility create-database',
      'temporal-sql-tool --database temporal_visibility setup-schema -v 0.0',
      'temporal-sql-tool --database temporal_visibility update-schema -d "$$schema/visibility/versioned"',
    ]);
    assert.equal(service('temporal-schema').environment?.SQL_PLUGIN, 'postgres12');
    assert.equal(service('temporal').environment?.DB, 'postgres12');
    assert.equal(service('temporal').environment?.POSTGRES_SEEDS, 'postgres');
  });

  it('registers exactly the search attributes of src/temporal/search-attributes.ts, with their types', () => {
    const cliType: Record<string, string> = { KEYWORD: 'Keyword', INT: 'Int', TEXT: 'Text', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' };
    const expected = SEARCH_ATTRIBUTES.map((key) => `${key.name}=${cliType[key.type] ?? key.type}`).sort();
    const registered = (service('temporal-namespace').environment?.SEARCH_ATTRIBUTES ?? '').split(/\s+/).filter(Boolean).sort();
    assert.deepEqual(registered, expected);
    const text = script('temporal-namespace');
    assert.match(text, /for attribute in \$\$SEARCH_ATTRIBUTES; do/);
    assert.match(text, /temporal operator search-attribute create -n "\$\$NAMESPACE" --name "\$\$\{attribute%=\*\}" --type "\$\$\{attribute#\*=\}"/);
    assert.match(text, /temporal operator namespace create -n "\$\$NAMESPACE"/, 'the namespace the workers use is created');
    assert.equal(service('temporal-namespace').environment?.NAMESPACE, service('worker').environment?.TEMPORAL_NAMESPACE);
  });

  it('publishes only the server, the Slack app and the Web UI, on loopback; never PostgreSQL or Temporal; workers scale without host ports', () => {
    const published = Object.fromEntries(Object.entries(services).flatMap(([name, s]) => (s.ports ? [[name, s.ports]] : [])));
    assert.deepEqual(published, {
      'temporal-ui': ['127.0.0.1:8080:8080'],
      server: ['127.0.0.1:8787:8787'],
      slack: ['127.0.0.1:3000:3000'],
    });
    for (const name of ['postgres', 'temporal']) assert.equal(service(name).ports, undefined, `${name} has no port on the host`);
    assert.equal(service('worker').ports, undefined, '`--scale worker=3` needs no host port per worker');
  });

  it('keeps PostgreSQL and the Temporal frontend on an internal network that no agent-facing network shares', () => {
    assert.deepEqual(Object.keys(compose.networks).sort(), ['backend', 'edge', 'egress']);
    assert.equal(compose.networks.backend?.internal, true, 'backend has no route out and publishes nothing');
    for (const name of ['postgres', 'temporal', 'temporal-schema', 'temporal-namespace', 'migrate', 'cli']) {
      assert.deepEqual(networksOf(name), ['backend'], `${name} is on the internal network only`);
    }
    // The edge is what agents and the reverse proxy reach: the server and the Slack app, nothing else.
    assert.deepEqual(members('edge'), ['server', 'slack']);
    for (const [network, options] of Object.entries(compose.networks)) {
      if (options.internal === true) continue;
      for (const inside of ['postgres', 'temporal']) assert.ok(!members(network).includes(inside), `${inside} is on no network with a way in or out (${network})`);
    }
    // The server answers agents (edge) and reaches PostgreSQL and Temporal (backend); its port is published.
    assert.deepEqual(networksOf('server').sort(), ['backend', 'edge']);
    assert.ok(service('server').ports?.some((port) => port.endsWith(':8787')), 'the server publishes its port');
    // The worker calls executors, SMTP and Slack (egress) but is no service an agent reaches.
    assert.deepEqual(networksOf('worker').sort(), ['backend', 'egress']);
    assert.ok(!members('egress').includes('server') && !members('egress').includes('slack'), 'no agent-facing service is on egress');
  });

  it('runs the operator CLI inside the network, on demand, with the policy and the CLI key from the shell or .env', () => {
    const cli = service('cli');
    assert.deepEqual(cli.profiles, ['ops'], '`docker compose up` never starts it');
    assert.deepEqual(cli.entrypoint, ['node', 'bin/countersign.mjs'], '`docker compose run --rm cli actions list` runs `countersign actions list`');
    assert.equal(cli.restart, undefined);
    const env = containerEnv('cli', { ...operatorEnv(), COUNTERSIGN_OPERATOR: 'erin', COUNTERSIGN_CLI_PRIVATE_KEY: 'b'.repeat(64) });
    const config = loadConfig(env);
    assert.equal(config.policyPath, '/config/countersign.yaml');
    assert.equal(interpolate(cli.volumes?.[0] ?? '', {}).split(':')[1], config.policyPath);
    assert.equal(env.COUNTERSIGN_OPERATOR, 'erin');
    assert.equal(env.COUNTERSIGN_CLI_PRIVATE_KEY, 'b'.repeat(64));
    assert.equal(env.DATABASE_URL, containerEnv('worker', operatorEnv()).DATABASE_URL);
    assert.equal(env.TEMPORAL_ADDRESS, 'temporal:7233');
  });

  it('health-checks every long-running service, the worker and the server on their own /health', () => {
    for (const name of LONG_RUNNING) assert.ok(service(name).healthcheck?.test.length, `${name} has a health check`);
    const env = operatorEnv();
    const worker = loadConfig(containerEnv('worker', env));
    const server = loadConfig(containerEnv('server', env));
    assert.match(service('worker').healthcheck?.test.join(' ') ?? '', new RegExp(`fetch\\('http://127\\.0\\.0\\.1:${worker.http.workerPort}/health'\\)`));
    assert.match(service('server').healthcheck?.test.join(' ') ?? '', new RegExp(`fetch\\('http://127\\.0\\.0\\.1:${server.http.port}/health'\\)`));
    assert.equal(worker.http.host, '0.0.0.0', "the worker's endpoint answers outside its container");
    assert.equal(server.http.host, '0.0.0.0', 'the server answers outside its container');
    assert.equal(server.http.publicUrl, 'http://localhost:8787');
    const slack = loadConfig(containerEnv('slack', { ...env, COUNTERSIGN_SLACK_PRIVATE_KEY: 'a'.repeat(64) }));
    assert.match(service('slack').healthcheck?.test.join(' ') ?? '', new RegExp(`fetch\\('http://127\\.0\\.0\\.1:${slack.slack.port}/health'\\)`));
    assert.deepEqual(service('slack').profiles, ['slack'], 'the Slack app needs tokens, so it runs with --profile slack');
    for (const name of LONG_RUNNING) assert.equal(service(name).restart, 'unless-stopped', `${name} comes back after a crash`);
    for (const name of [...ONE_SHOT, ...OPS]) assert.equal(service(name).restart, undefined, `${name} runs once and exits`);
  });

  it('starts each service only when what it needs is healthy or done', () => {
    const healthy = { condition: 'service_healthy' } as const;
    const done = { condition: 'service_completed_successfully' } as const;
    const app = { postgres: healthy, temporal: healthy, migrate: done, 'temporal-namespace': done };
    const expected: Record<string, Service['depends_on']> = {
      postgres: undefined,
      'temporal-schema': { postgres: healthy },
      temporal: { postgres: healthy, 'temporal-schema': done },
      'temporal-namespace': { temporal: healthy },
      'temporal-ui': { temporal: healthy },
      migrate: { postgres: healthy },
      worker: app,
      server: app,
      slack: app,
      cli: { postgres: healthy, temporal: healthy },
    };
    for (const [name, dependsOn] of Object.entries(expected)) assert.deepEqual(service(name).depends_on, dependsOn, name);
  });

  it('applies the migrations with `npm run migrate` in the same image and database as the worker and the server', () => {
    const env = operatorEnv();
    const url = containerEnv('migrate', env).DATABASE_URL;
    assert.equal(url, `postgres://countersign:${env.POSTGRES_PASSWORD}@postgres:5432/countersign`);
    for (const name of ['worker', 'server']) {
      assert.equal(containerEnv(name, env).DATABASE_URL, url, name);
      assert.equal(service(name).image, service('migrate').image, name);
    }
  });

  it('gives the worker and the server the policy and the public key of every channel; the worker no private key', async () => {
    for (const name of ['worker', 'server']) {
      const env = containerEnv(name, operatorEnv());
      const config = loadConfig(env);
      assert.equal(config.policyPath, '/config/countersign.yaml', `${name} reads the mounted policy`);
      const [source, target] = interpolate(service(name).volumes?.[0] ?? '', {}).split(':');
      assert.equal(target, config.policyPath, name);
      assert.ok(existsSync(path.join(ROOT, source ?? '')), 'the default policy file exists');
      const keys = await loadChannelKeys({ env: config.env, keysDir: path.join(tmpdir(), 'countersign-no-keys-here'), generate: false });
      assert.deepEqual(Object.keys(keys.public).sort(), ['cli', 'email', 'http', 'slack'], name);
      assert.deepEqual(keys.private, {}, `${name} signs nothing unless .env gives it its own key`);
    }
    // The email pages sign with the email channel's key; its public key must be the one the workflows get.
    const email = generateKeyPair();
    const server = loadConfig(containerEnv('server', { ...operatorEnv(), COUNTERSIGN_EMAIL_PRIVATE_KEY: email.privateKey, COUNTERSIGN_EMAIL_PUBLIC_KEY: email.publicKey }));
    const keys = await loadChannelKeys({ env: server.env, keysDir: path.join(tmpdir(), 'countersign-no-keys-here'), generate: false });
    assert.deepEqual([keys.private.email, keys.public.email], [email.privateKey, email.publicKey]);
    assert.equal(loadConfig(containerEnv('server', operatorEnv())).gateway.requestsPerMinute, 1200);
  });

  it('takes every secret from the env file, never a literal', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        // The server signs the email pages' decisions, the Slack app Slack's and the operator's CLI its own; nothing else signs.
        const signer = { server: 'COUNTERSIGN_EMAIL_PRIVATE_KEY', slack: 'COUNTERSIGN_SLACK_PRIVATE_KEY', cli: 'COUNTERSIGN_CLI_PRIVATE_KEY' }[name];
        if (/PRIVATE_KEY/.test(key)) assert.equal(key, signer, `${name} holds no signing key but its own channel's`);
        if (/PASSWORD|PWD|SECRET|TOKEN|_KEY$/.test(key)) assert.match(value, /^\$\{[A-Z0-9_]+(:[-?][^}]*)?\}$/, `${name}.${key} comes from .env`);
        const credentials = /^[a-z]+:\/\/[^:/@]+:([^@]*)@/.exec(value);
        if (credentials) assert.match(credentials[1] ?? '', /^\$\{[A-Z0-9_]+(:[-?][^}]*)?\}$/, `${name}.${key}'s password comes from .env`);
      }
    }
    assert.doesNotMatch(composeText, /\b[0-9a-f]{64}\b/, 'no key is written into the file');
  });

  it('documents every variable it reads in .env.example, and leaves the secrets there empty', () => {
    const documented = envFileEntries(envExampleText);
    for (const [name, { required }] of variablesRead(composeText)) {
      assert.ok(documented.has(name), `${name} is documented in .env.example`);
      if (required) assert.ok(!documented.get(name), `${name} has no usable example value, so compose refuses to start without it`);
    }
  });

  it("builds Countersign's image on Debian's node 20 with production dependencies, as a non-root user", () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /^FROM node:20[\d.]*-bookworm-slim$/m, 'glibc for the Temporal core-bridge binaries');
    assert.match(dockerfile, /^RUN npm ci --omit=dev\b/m);
    assert.match(dockerfile, /^USER node$/m);
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.env', 'node_modules', '.countersign']) assert.ok(ignored.includes(entry), `.dockerignore keeps ${entry} out of the build`);
  });

  it('passes `docker compose config` where the compose plugin is installed', async (t) => {
    const version = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (version.status !== 0) {
      const reason = (version.error?.message ?? version.stderr).trim().split('\n')[0];
      t.diagnostic(`docker compose config not run: \`docker compose version\` failed here (${reason ?? 'no output'})`);
      return;
    }
    const dir = await mkdtemp(path.join(tmpdir(), 'countersign-compose-'));
    try {
      const envFile = path.join(dir, '.env');
      const env = operatorEnv();
      await writeFile(envFile, Object.entries(env).map(([key, value]) => `${key}=${value}\n`).join(''));
      const result = spawnSync('docker', ['compose', '--env-file', envFile, '-f', 'docker-compose.yml', 'config', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(result.status, 0, `docker compose config failed:\n${result.stderr}`);
      t.diagnostic(`docker compose config passed (${version.stdout.trim()})`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
