import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis, RedisOptions } from 'ioredis';
import { say, TooMany, tryAgainIn } from './errors.ts';

// Live events (server-sent events) and counters shared by every app instance.
//
// A LiveBus carries messages on named channels: in one process by an EventEmitter, or, when
// REDIS_URL is set, through Redis pub/sub so that a stream opened on one instance hears what was
// published on another. Streams hold no database connection while open: they replay what a
// reconnect missed with one query, then only listen on the bus.
// Counters (rate limits, viewer counts) live in the same place: in memory, or in Redis.

export interface LiveMessage { event: string; id?: string | number; data: unknown }
type Listener = (m: LiveMessage) => void;

export interface LiveBus {
  publish(channel: string, m: LiveMessage): Promise<void>;
  /** Listens on a channel; the returned function stops listening. */
  subscribe(channel: string, fn: Listener): () => void;
  /** Counts one more in a window of `ttlMs` that starts at the first; answers the count and the window's time left. */
  count(key: string, ttlMs: number): Promise<{ value: number; ttlMs: number }>;
  /** Adds `delta` to a gauge (viewers of a stream); answers its value. */
  gauge(key: string, delta: number): Promise<number>;
  /** Open streams, each by the function that ends it (the app ends them before it closes). */
  readonly streams: Set<() => void>;
  close(): Promise<void>;
}

/** Ends every open stream (before the server closes: it waits for open connections). */
export function endStreams(bus: LiveBus) { for (const end of [...bus.streams]) end(); }

/** One process: an EventEmitter and a map of counters. */
export class MemoryBus implements LiveBus {
  readonly streams = new Set<() => void>();
  private emitter = new EventEmitter().setMaxListeners(0);
  private counters = new Map<string, { value: number; until: number }>();
  private sweepAt = 10_000;
  private gauges = new Map<string, number>();
  async publish(channel: string, m: LiveMessage) { this.emitter.emit(channel, m); }
  subscribe(channel: string, fn: Listener) {
    this.emitter.on(channel, fn);
    return () => { this.emitter.off(channel, fn); };
  }
  async count(key: string, ttlMs: number) {
    const now = Date.now();
    // Expired counters are swept when the map has doubled since the last sweep: each count costs O(1)
    // on the average even while more than 10,000 keys (addresses) are live at once.
    if (this.counters.size > this.sweepAt) {
      for (const [k, c] of this.counters) if (c.until <= now) this.counters.delete(k);
      this.sweepAt = Math.max(10_000, 2 * this.counters.size);
    }
    const c = this.counters.get(key);
    const live = c && c.until > now ? c : { value: 0, until: now + ttlMs };
    live.value += 1;
    this.counters.set(key, live);
    return { value: live.value, ttlMs: live.until - now };
  }
  async gauge(key: string, delta: number) {
    const value = (this.gauges.get(key) ?? 0) + delta;
    if (value > 0) this.gauges.set(key, value); else this.gauges.delete(key);
    return Math.max(0, value);
  }
  async close() { this.emitter.removeAllListeners(); }
}

/** Every instance on one Redis: one connection publishes and counts, one listens. */
export class RedisBus implements LiveBus {
  readonly streams = new Set<() => void>();
  private pub: Redis;
  private sub: Redis;
  private local = new MemoryBus();
  private channels = new Map<string, number>();
  /** `connect` makes one connection (ioredis's constructor: the module loads only when REDIS_URL is set). */
  constructor(connect: (opts: RedisOptions) => Redis, private log?: FastifyBaseLogger) {
    const opts = { maxRetriesPerRequest: 2, connectTimeout: 5000, lazyConnect: false };
    this.pub = connect(opts);
    this.sub = connect(opts);
    for (const r of [this.pub, this.sub]) r.on('error', (err) => this.log?.warn({ err }, 'redis'));
    this.sub.on('message', (channel: string, raw: string) => {
      try { void this.local.publish(channel, JSON.parse(raw) as LiveMessage); } catch { /* not ours */ }
    });
  }
  /** The connection rate limits share (@fastify/rate-limit takes an ioredis client). */
  get client() { return this.pub; }
  async publish(channel: string, m: LiveMessage) { await this.pub.publish(channel, JSON.stringify(m)); }
  /** Resolves once Redis confirms the subscription (a stream's first replay comes after it). */
  ready(channel: string) { return this.sub.subscribe(channel).then(() => undefined); }
  subscribe(channel: string, fn: Listener) {
    const n = this.channels.get(channel) ?? 0;
    this.channels.set(channel, n + 1);
    if (!n) void this.sub.subscribe(channel).catch((err) => this.log?.warn({ err, channel }, 'redis subscribe failed'));
    const off = this.local.subscribe(channel, fn);
    return () => {
      off();
      const left = (this.channels.get(channel) ?? 1) - 1;
      if (left) this.channels.set(channel, left);
      else { this.channels.delete(channel); void this.sub.unsubscribe(channel).catch(() => undefined); }
    };
  }
  async count(key: string, ttlMs: number) {
    const k = `tongxin:${key}`;
    const [[, value], [, ttl]] = (await this.pub.multi().incr(k).pttl(k).exec())! as [[unknown, number], [unknown, number]];
    if (ttl < 0) { await this.pub.pexpire(k, ttlMs); return { value, ttlMs }; }
    return { value, ttlMs: ttl };
  }
  async gauge(key: string, delta: number) {
    const k = `tongxin:${key}`;
    const [[, value]] = (await this.pub.multi().incrby(k, delta).pexpire(k, 86_400_000).exec())! as [[unknown, number]];
    return Math.max(0, value);
  }
  async close() {
    await this.local.close();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}

export async function openBus(redisUrl: string | undefined, log?: FastifyBaseLogger): Promise<LiveBus> {
  if (!redisUrl) return new MemoryBus();
  const { Redis } = await import('ioredis');
  return new RedisBus((opts) => new Redis(redisUrl, opts), log);
}

/**
 * A fixed-window limit of `max` hits per `windowMs` under `key`, shared by every instance on the bus:
 * over it, a 429 problem saying how long to wait (its Retry-After header set by `limitHeaders`).
 */
export async function hitLimit(bus: LiveBus, key: string, max: number, windowMs: number, what: { zh: string; en: string }, log?: FastifyBaseLogger) {
  // Where the shared counter cannot be reached, the request goes on (as @fastify/rate-limit's skipOnError).
  const counted = await bus.count(`limit:${key}`, windowMs).catch((err: unknown) => { log?.warn({ err }, 'rate limit counter unavailable'); return null; });
  if (!counted) return;
  const { value, ttlMs } = counted;
  if (value <= max) return;
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  const wait = tryAgainIn(seconds);
  throw new TooMany(seconds, say(`${what.zh}过于频繁，请 ${wait.zh}后再试`, `Too many ${what.en}: try again in ${wait.en}`));
}

const HEARTBEAT_MS = 15_000;

/** A message as an SSE frame, serialised once however many streams it goes to (the bus hands each listener the same object). */
const frames = new WeakMap<LiveMessage, string>();
function frameOf(m: LiveMessage): string {
  let f = frames.get(m);
  if (f === undefined) frames.set(m, f = `${m.id !== undefined ? `id: ${m.id}\n` : ''}event: ${m.event}\ndata: ${JSON.stringify(m.data)}\n\n`);
  return f;
}

/**
 * Serves a text/event-stream: `replay` first (what a reconnect missed), then every message on
 * `channel`, a heartbeat comment every 15 s; ends and unsubscribes when the client goes.
 * Messages that arrive while the replay is read are held and sent after it, without repeats.
 * `live: false` ends the stream after the replay.
 */
export async function serveStream(req: FastifyRequest, reply: FastifyReply, bus: LiveBus, channel: string,
  replay: () => Promise<LiveMessage[]>, opts: { live?: boolean; onOpen?: () => void | Promise<void>; onClose?: () => void | Promise<void> } = {}) {
  const raw = reply.raw;
  let held: LiveMessage[] | null = [];
  const sent = new Set<string>();
  const write = (m: LiveMessage) => {
    if (m.id !== undefined) {
      const key = String(m.id);
      if (sent.has(key)) return;
      sent.add(key);
      if (sent.size > 5000) sent.delete(sent.values().next().value!);
    }
    raw.write(frameOf(m));
  };
  const off = bus.subscribe(channel, (m) => { if (held) held.push(m); else write(m); });
  if (bus instanceof RedisBus) await bus.ready(channel).catch(() => undefined);
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no', 'x-request-id': req.id,
  });
  raw.write('retry: 3000\n\n');
  let closed = false, opened = false;
  const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    off();
    if (opened) void opts.onClose?.();
  };
  req.raw.on('close', close);
  raw.on('close', close);
  const end = () => { close(); raw.end(); };
  bus.streams.add(end);
  raw.on('close', () => bus.streams.delete(end));
  try {
    for (const m of await replay()) write(m);
  } catch (err) {
    req.log.warn({ err }, 'stream replay failed');
  }
  const pending = held;
  held = null;
  for (const m of pending) write(m);
  if (opts.live === false) { close(); raw.end(); return; }
  if (!closed) { opened = true; await opts.onOpen?.(); }
}

