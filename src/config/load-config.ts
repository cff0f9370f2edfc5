import path from 'node:path';
import { z } from 'zod';
import { ConfigInvalidError } from '../errors/request-errors.ts';
import { zodIssues } from '../errors/zod-issues.ts';

const port = z.coerce.number().int().min(1).max(65535);
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** The environment Countersign reads; every variable is documented in docs/deployment.md "Configuration". */
export const EnvSchema = z.object({
  /** Folder for embedded PostgreSQL, the Temporal dev server's file, keys and tools. */
  COUNTERSIGN_DATA_DIR: z.string().default('.countersign'),
  /** Governance file; without it, countersign.yaml, then countersign.example.yaml. */
  COUNTERSIGN_POLICY: optionalText,
  /** PostgreSQL; without it `npm start` runs embedded PostgreSQL in the data folder. */
  DATABASE_URL: optionalText,
  EMBEDDED_PG_PORT: port.default(54329),
  /** Temporal frontend (host:port); without it `npm start` runs the Temporal dev server. */
  TEMPORAL_ADDRESS: optionalText,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('countersign'),
  /** Ports of the dev server that `npm start` runs when TEMPORAL_ADDRESS is not set. */
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  /** Where operators open the Temporal Web UI, for links the CLI and the demo print; defaults to the dev server's. */
  TEMPORAL_UI_URL: z.url({ error: 'expected a URL like https://temporal.example.com' }).optional(),
  /** Path to the `temporal` CLI; found on PATH or installed into the data folder otherwise. */
  TEMPORAL_CLI: optionalText,
  /** Countersign's HTTP server (health, metrics, approval pages). */
  COUNTERSIGN_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  COUNTERSIGN_HTTP_PORT: port.default(8787),
  /** The server's address as approvers reach it, for links in messages; defaults to http://localhost:<port>. */
  COUNTERSIGN_PUBLIC_URL: z.url({ error: 'expected a URL like https://countersign.example.com' }).optional(),
  /** Requests one agent key may make to the gateway per minute; past it, 429 with Retry-After. */
  COUNTERSIGN_GATEWAY_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  /** The worker's own health and metrics endpoint (`npm run worker`); 0 turns it off. */
  COUNTERSIGN_WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** SMTP server for approval mails (`smtp://user:password@mail.example.com:587`, `smtps://…:465`); unset, the worker has no email notifier. */
  SMTP_URL: optionalText.pipe(
    z.url({ protocol: /^smtps?$/, error: 'expected an SMTP URL like smtp://user:password@mail.example.com:587 or smtps://mail.example.com:465' }).optional(),
  ),
  /** The From of approval mails. */
  COUNTERSIGN_EMAIL_FROM: z.string().trim().min(3).default('Countersign <countersign@localhost>'),
  /** Slack app (slack-app/, docs/operators.md "Slack"): the bot token (`xoxb-…`); the worker posts approval messages with it. */
  SLACK_BOT_TOKEN: optionalText,
  /** Checks that HTTP requests come from Slack (app settings → Basic Information → Signing Secret). */
  SLACK_SIGNING_SECRET: optionalText,
  /** App-level token (`xapp-…`, scope connections:write): set, the app uses Socket Mode instead of HTTP. */
  SLACK_APP_TOKEN: optionalText,
  /** Slack's Web API base; tests point it at a loopback stand-in. */
  SLACK_API_URL: z.url({ error: 'expected a URL like https://slack.com/api/' }).optional(),
  /** Port of the Slack app's HTTP receiver (Request URL: https://<host>/slack/events). */
  COUNTERSIGN_SLACK_PORT: port.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  dataDir: string;
  policyPath: string | undefined;
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  temporal: {
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    devPort: number;
    uiPort: number;
    uiUrl: string;
    cli: string | undefined;
  };
  http: { host: string; port: number; publicUrl: string; workerPort: number };
  /** The agent gateway (/v1, /mcp) on the server. */
  gateway: { requestsPerMinute: number };
  /** Approval mails: sent by the worker when smtpUrl is set; links point at http.publicUrl. */
  email: { smtpUrl: string | undefined; from: string };
  /** The Slack app runs when botToken and a signing secret (HTTP) or an app token (Socket Mode) are set. */
  slack: { botToken: string | undefined; signingSecret: string | undefined; appToken: string | undefined; apiUrl: string | undefined; port: number };
  logLevel: Env['LOG_LEVEL'];
  /** The whole environment, for executors that reference variables (`${DEPLOY_TOKEN}`). */
  env: Readonly<Record<string, string | undefined>>;
}

/** Parses the environment once, at start-up; throws ConfigInvalidError naming each variable. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigInvalidError(zodIssues(parsed.error));
  const e = parsed.data;
  return Object.freeze({
    dataDir: path.resolve(cwd, e.COUNTERSIGN_DATA_DIR),
    policyPath: e.COUNTERSIGN_POLICY === undefined ? undefined : path.resolve(cwd, e.COUNTERSIGN_POLICY),
    databaseUrl: e.DATABASE_URL,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      devPort: e.TEMPORAL_DEV_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      uiUrl: (e.TEMPORAL_UI_URL ?? `http://localhost:${e.TEMPORAL_UI_PORT}`).replace(/\/+$/, ''),
      cli: e.TEMPORAL_CLI,
    },
    http: {
      host: e.COUNTERSIGN_HTTP_HOST,
      port: e.COUNTERSIGN_HTTP_PORT,
      publicUrl: (e.COUNTERSIGN_PUBLIC_URL ?? `http://localhost:${e.COUNTERSIGN_HTTP_PORT}`).replace(/\/+$/, ''),
      workerPort: e.COUNTERSIGN_WORKER_HTTP_PORT,
    },
    gateway: { requestsPerMinute: e.COUNTERSIGN_GATEWAY_REQUESTS_PER_MINUTE },
    email: { smtpUrl: e.SMTP_URL, from: e.COUNTERSIGN_EMAIL_FROM },
    slack: { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL, port: e.COUNTERSIGN_SLACK_PORT },
    logLevel: e.LOG_LEVEL,
    env: Object.freeze({ ...env }),
  });
}
