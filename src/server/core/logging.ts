import { DrizzleQueryError } from 'drizzle-orm';
import { stdSerializers, type DestinationStream, type LoggerOptions, type SerializedError } from 'pino';

const SECRET_KEYS = ['password', 'newPassword', 'currentPassword', 'passwordHash', 'hash', 'token', 'tokenHash', 'secret', 'cookie', 'authorization'];

/** Log fields that never reach a log line, at the top level and one level down ("*.password"). */
export const REDACTED_PATHS = [
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`]),
  'req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.headers.cookie', '*.headers.authorization',
  // PostgreSQL quotes the refused row in `detail` ("Failing row contains (…)"): it may hold a password's hash.
  'err.detail', 'err.cause.detail',
];

/** A failed query's error without its parameters, which Drizzle puts in the message (a new user's password hash). */
function withoutValues(err: Error): Error {
  if (!(err instanceof DrizzleQueryError)) return err;
  const safe = new Error(`Failed query: ${err.query}`, { cause: err.cause instanceof Error ? withoutValues(err.cause) : err.cause });
  safe.name = err.name;
  safe.stack = [`${safe.name}: ${safe.message}`, ...(err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))].join('\n');
  return safe;
}

export const serializeError = (err: Error): SerializedError => stdSerializers.err(withoutValues(err));

/** Pino options as Fastify takes them: a destination stream besides (a test's, to read the lines). */
export type LogOptions = LoggerOptions & { stream?: DestinationStream };

/** The server's pino options: the level, plus redaction that no caller can leave out. */
export function loggerOptions(level: string, extra: LogOptions = {}): LogOptions {
  return { level, ...extra, redact: { paths: REDACTED_PATHS, censor: '[Redacted]' }, serializers: { ...extra.serializers, err: serializeError } };
}
