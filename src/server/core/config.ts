import { Type, type Static } from 'typebox';
import { Default, Errors, Pointer } from 'typebox/value';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Everything the server reads from the environment, validated once at start.

/** The web app built beside the server (src/server/core and dist/server/core are equally deep), wherever tongxin is started from. */
const BUILT_WEB_APP = fileURLToPath(new URL('../../../dist/web', import.meta.url));
const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  TONGXIN_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8, maxLength: 200 })),
  TONGXIN_ORG_NAME: Type.String({ minLength: 1, maxLength: 100, default: '政协委员会' }),
  SESSION_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  SESSION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 90, default: 24 * 7 }),
  COOKIE_SECURE: Type.Boolean({ default: false }),
  TRUST_PROXY: Type.Optional(Type.String({ minLength: 1 })),
  LOGIN_MAX_FAILURES: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  LOGIN_LOCK_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 15 }),
  RATE_LIMIT_LOGIN_PER_MINUTE: Type.Integer({ minimum: 1, default: 20 }),
  RATE_LIMIT_PUBLIC_PER_MINUTE: Type.Integer({ minimum: 1, default: 1200 }),
  /** Online comments (网络议政) per account, and per address (an office or a campus behind one address), a minute. */
  COMMENTS_PER_MINUTE_ACCOUNT: Type.Integer({ minimum: 1, default: 6 }),
  COMMENTS_PER_MINUTE_ADDRESS: Type.Integer({ minimum: 60, default: 120 }),
  /** Themes of a consultation's comments are grouped again (off the request path) after this many new comments, or this long after one. */
  THEMES_REFRESH_COMMENTS: Type.Integer({ minimum: 1, maximum: 10_000, default: 20 }),
  THEMES_REFRESH_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 60 }),
  /** Redis shared by the app instances: live events (comment streams) and rate limits. Unset: one process. */
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  LOG_LEVEL: Type.Union([Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'),
    Type.Literal('debug'), Type.Literal('trace'), Type.Literal('silent')], { default: 'info' }),
  WEB_DIR: Type.String({ default: BUILT_WEB_APP }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ default: 'tongxin@localhost' }),
  JOBS_INTERVAL_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 60 }),
  /** 文库: where document files are kept (default DATA_DIR/library), the largest upload, pages an outsider previews. */
  LIBRARY_DIR: Type.Optional(Type.String({ minLength: 1 })),
  LIBRARY_MAX_UPLOAD_MB: Type.Integer({ minimum: 1, maximum: 2048, default: 50 }),
  LIBRARY_PREVIEW_PAGES: Type.Integer({ minimum: 0, maximum: 1000, default: 3 }),
  /** Processing a document: the time it may take in all, the attempts, the documents processed at once. */
  LIBRARY_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 120 }),
  LIBRARY_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 5, default: 2 }),
  LIBRARY_WORKERS: Type.Integer({ minimum: 1, maximum: 16, default: 1 }),
  /** auto: page images where LibreOffice (soffice) and poppler (pdftoppm) are installed; text: text previews only. */
  LIBRARY_RENDER: Type.Union([Type.Literal('auto'), Type.Literal('text')], { default: 'auto' }),
  /** folder: the files under LIBRARY_DIR; s3: in an S3-compatible bucket (LIBRARY_S3_*), LIBRARY_DIR keeping only temporary files. */
  LIBRARY_STORAGE: Type.Union([Type.Literal('folder'), Type.Literal('s3')], { default: 'folder' }),
  /** The bucket's service: unset for AWS S3 itself, else its URL (MinIO, Ceph, a cloud's object storage). */
  LIBRARY_S3_ENDPOINT: Type.Optional(Type.String({ pattern: '^https?://[^\\s/]+' })),
  LIBRARY_S3_BUCKET: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' })),
  LIBRARY_S3_REGION: Type.String({ minLength: 1, maxLength: 50, default: 'us-east-1' }),
  /** Keys under this folder of the bucket (a bucket shared with other data). */
  LIBRARY_S3_PREFIX: Type.Optional(Type.String({ pattern: '^[\\w.-]+(/[\\w.-]+)*/?$', maxLength: 200 })),
  /** Unset: the SDK's usual sources (AWS_ACCESS_KEY_ID…, an instance role). */
  LIBRARY_S3_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
  LIBRARY_S3_SECRET_ACCESS_KEY: Type.Optional(Type.String({ minLength: 1 })),
  /** Path-style addressing (endpoint/bucket/key), which MinIO and most self-hosted services want. */
  LIBRARY_S3_FORCE_PATH_STYLE: Type.Boolean({ default: false }),
});

export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {}

const numeric = new Set(['PORT', 'SESSION_TTL_HOURS', 'LOGIN_MAX_FAILURES', 'LOGIN_LOCK_MINUTES',
  'RATE_LIMIT_LOGIN_PER_MINUTE', 'RATE_LIMIT_PUBLIC_PER_MINUTE', 'COMMENTS_PER_MINUTE_ACCOUNT', 'COMMENTS_PER_MINUTE_ADDRESS', 'THEMES_REFRESH_COMMENTS', 'THEMES_REFRESH_SECONDS', 'JOBS_INTERVAL_SECONDS',
  'LIBRARY_MAX_UPLOAD_MB', 'LIBRARY_PREVIEW_PAGES', 'LIBRARY_TIMEOUT_SECONDS', 'LIBRARY_ATTEMPTS', 'LIBRARY_WORKERS']);
const booleans = new Set(['COOKIE_SECURE', 'LIBRARY_S3_FORCE_PATH_STYLE']);

/** A rejected value as the error message shows it: secrets are not echoed to the console or logs. */
function shown(key: string, value: unknown): string {
  if (key === 'SESSION_SECRET' || key === 'TONGXIN_ADMIN_PASSWORD' || key === 'LIBRARY_S3_SECRET_ACCESS_KEY') return `(hidden, ${String(value).length} characters)`;
  if ((key === 'DATABASE_URL' || key === 'REDIS_URL') && typeof value === 'string') return JSON.stringify(value.replace(/^([a-z][\w+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:***@'));
  return JSON.stringify(value);
}

/** Reads the config from an environment-like record; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const v = env[key];
    if (v === undefined || v === '') continue;
    if (numeric.has(key)) raw[key] = /^-?\d+$/.test(v.trim()) ? Number(v) : v;
    else if (booleans.has(key)) raw[key] = v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v;
    else raw[key] = v;
  }
  Object.assign(raw, overrides);
  const withDefaults = Default(ConfigSchema, raw);
  const errors = [...Errors(ConfigSchema, withDefaults)];
  if (errors.length) {
    const lines = errors.map((e) => `  ${e.instancePath.slice(1)}=${shown(e.instancePath.slice(1), Pointer.Get(withDefaults, e.instancePath))}: ${e.message}`);
    throw new ConfigError(`Invalid configuration:\n${[...new Set(lines)].join('\n')}`);
  }
  const cfg = withDefaults as Config;
  const proxyProblem = cfg.TRUST_PROXY === undefined ? undefined : trustProxyProblem(cfg.TRUST_PROXY);
  if (proxyProblem) throw new ConfigError(`Invalid configuration:\n  TRUST_PROXY=${JSON.stringify(cfg.TRUST_PROXY)}: ${proxyProblem}`);
  if (cfg.LIBRARY_STORAGE === 's3' && !cfg.LIBRARY_S3_BUCKET) throw new ConfigError('Invalid configuration:\n  LIBRARY_S3_BUCKET: LIBRARY_STORAGE=s3 needs the bucket\'s name');
  if (!cfg.LIBRARY_S3_ACCESS_KEY_ID !== !cfg.LIBRARY_S3_SECRET_ACCESS_KEY) throw new ConfigError('Invalid configuration:\n  LIBRARY_S3_ACCESS_KEY_ID, LIBRARY_S3_SECRET_ACCESS_KEY: set both or neither');
  cfg.DATA_DIR = path.resolve(cfg.DATA_DIR);
  cfg.LIBRARY_DIR = path.resolve(cfg.LIBRARY_DIR ?? path.join(cfg.DATA_DIR, 'library'));
  return cfg;
}

// Names proxy-addr (Fastify's trustProxy) knows for address ranges. (A hop count is not offered:
// Fastify 5 ignores one, since it cannot tell a proxy from a client that reaches the server directly.)
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Why a TRUST_PROXY value is unusable: it lists addresses, CIDR ranges and range names, separated by commas. */
function trustProxyProblem(value: string): string | undefined {
  for (const item of value.split(',').map((s) => s.trim())) {
    const [address = '', prefix, ...rest] = item.split('/');
    const family = net.isIP(address);
    const okPrefix = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (PROXY_RANGES.has(item) || (family && okPrefix && !rest.length)) continue;
    return `${JSON.stringify(item)} is neither an IP address, a CIDR range nor one of ${[...PROXY_RANGES].join(', ')}`;
  }
  return undefined;
}
