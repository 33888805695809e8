import crypto from 'node:crypto';
import { eq, inArray, lt, sql } from 'drizzle-orm';
import ipaddr from 'ipaddr.js';
import type { Config } from '../config.ts';
import type { Db, Tx } from '../db/client.ts';
import { Problem, say, tryAgainIn } from '../errors.ts';
import { loginThrottle } from '../schema.ts';
import type { TokenKeys } from './tokens.ts';

// Login throttling instead of a lock-out. Failed logins are counted under three keys:
//  - the username and the address (an IPv6 client's /64) together: after LOGIN_MAX_FAILURES failures each further
//    attempt waits 1 s, 2 s, 4 s, … up to LOGIN_LOCK_MINUTES, so one address guesses slowly;
//  - the username from any address: the same start, capped at one minute, so that rotating
//    addresses guess at most about once a minute. An attacker hammering it would still win every
//    free slot from the real user, so a browser that has logged in as this username before (it
//    holds a device cookie for it, see deviceCookie) is counted under its own key instead: the
//    real user's usual browser is never held up by other people's failures, and a new browser at
//    most a minute at a time;
//  - the address for any username (four times the allowance, for offices behind one address):
//    one address spraying a password across many usernames.
// Keys are what was typed, not the user row, so an unknown username is counted, delayed and
// answered exactly like a known one. An attempt is counted before its password is checked (rows
// locked), so parallel attempts cannot slip past together; a right password then clears its own
// counts and returns its share of the address's. Attempts refused for waiting count for nothing
// and extend nothing. Counts are forgotten a day after their last failure.

const FIRST_DELAY_MS = 1000;
const ACCOUNT_MAX_DELAY_MS = 60_000;
const FORGET_MS = 24 * 3600_000;
export const DEVICE_COOKIE = 'tx_device';

type Limits = Pick<Config, 'LOGIN_MAX_FAILURES' | 'LOGIN_LOCK_MINUTES'>;
interface Rule { free: number; maxDelayMs: number }
interface Key { key: string; account: string | null; rule: Rule }
export interface LoginAttempt { own: string[]; address: string }
interface Deps { db: Db; keys: TokenKeys; config: Limits }

/** The wait left for a key with `failures` counted, the last at `lastAt`. */
export function waitMs(rule: Rule, failures: number, lastAt: number, now: number): number {
  if (failures < rule.free) return 0;
  const delay = Math.min(rule.maxDelayMs, FIRST_DELAY_MS * 2 ** Math.min(failures - rule.free, 30));
  return Math.max(0, lastAt + delay - now);
}

/** Rows are locked in the order of their keys' bytes, as JavaScript sorts them (one order, no deadlock). */
const byKey = sql`${loginThrottle.key} collate "C"`;
const accountKey = (keys: TokenKeys, username: string) => keys.digest(`login-user\n${username}`);
const deviceMac = (keys: TokenKeys, username: string, nonce: string) => keys.digest(`login-device\n${username}\n${nonce}`);

/** The device cookie's value for a browser that just logged in as `username` (kept when it had one). */
export function deviceCookie(keys: TokenKeys, username: string, current: string | undefined): string {
  if (current && knownDevice(keys, username, current)) return current;
  const nonce = crypto.randomBytes(16).toString('base64url');
  return `${nonce}.${deviceMac(keys, username, nonce)}`;
}

/** The nonce of a device cookie issued for this username, or null. */
function knownDevice(keys: TokenKeys, username: string, cookie: string | undefined): string | null {
  const [nonce, mac] = cookie?.split('.') ?? [];
  if (!nonce || !mac) return null;
  const want = Buffer.from(deviceMac(keys, username, nonce)), got = Buffer.from(mac);
  return want.length === got.length && crypto.timingSafeEqual(want, got) ? nonce : null;
}

/**
 * The client as the throttle counts it: an IPv4 address, or an IPv6 address's /64 (one household or
 * server gets a whole /64, so its addresses are one client).
 */
export function clientOf(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const ip = ipaddr.process(address); // ::ffff:a.b.c.d is a.b.c.d
  return ip.kind() === 'ipv4' ? ip.toString() : `${(ip as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16)).join(':')}::/64`;
}

function keysOf({ keys, config }: Deps, username: string, ip: string, device: string | undefined) {
  const address = clientOf(ip);
  const free = config.LOGIN_MAX_FAILURES, maxDelayMs = config.LOGIN_LOCK_MINUTES * 60_000;
  const account = accountKey(keys, username), nonce = knownDevice(keys, username, device);
  const pair: Key = { key: keys.digest(`login-pair\n${username}\n${address}`), account, rule: { free, maxDelayMs } };
  const user: Key = nonce
    ? { key: keys.digest(`login-device\n${nonce}`), account, rule: { free, maxDelayMs } }
    : { key: account, account, rule: { free, maxDelayMs: Math.min(maxDelayMs, ACCOUNT_MAX_DELAY_MS) } };
  const addr: Key = { key: keys.digest(`login-addr\n${address}`), account: null, rule: { free: 4 * free, maxDelayMs } };
  return { pair, user, addr };
}

const waitFor = (seconds: number) => {
  const wait = tryAgainIn(seconds);
  return say(`尝试次数过多，请 ${wait.zh}后再试`, `Too many failed attempts: try again in ${wait.en}`);
};

/** 429 with the seconds to wait, said as long as it lasts: the same answer whether or not the username exists. */
export class Throttled extends Problem {
  constructor(readonly seconds: number) {
    super(429, say('请稍后再试', 'Try again later'), waitFor(seconds));
  }
}

/** Counts a login attempt as failed until it succeeds; throws Throttled when it must wait instead. */
export async function beginLoginAttempt(deps: Deps, username: string, address: string, device?: string): Promise<LoginAttempt> {
  const { pair, user, addr } = keysOf(deps, username, address, device);
  const keys = [pair, user, addr].sort((a, b) => (a.key < b.key ? -1 : 1)); // one lock order for every attempt
  const names = keys.map((k) => k.key);
  const now = Date.now();
  // (skipping rows that an attempt holds: a clean-up never waits, so it never deadlocks with one)
  const stale = deps.db.select({ key: loginThrottle.key }).from(loginThrottle).where(lt(loginThrottle.lastAt, new Date(now - FORGET_MS))).for('update', { skipLocked: true });
  await deps.db.delete(loginThrottle).where(inArray(loginThrottle.key, stale));
  const wait = await deps.db.transaction(async (tx) => {
    await tx.insert(loginThrottle).values(keys.map(({ key, account }) => ({ key, account, failures: 0, lastAt: new Date(now) }))).onConflictDoNothing();
    const rows = await tx.select().from(loginThrottle).where(inArray(loginThrottle.key, names))
      .orderBy(byKey).for('update');
    const left = Math.max(...keys.map((k) => {
      const row = rows.find((r) => r.key === k.key)!;
      return waitMs(k.rule, row.failures, row.lastAt.getTime(), now);
    }));
    if (!left) await tx.update(loginThrottle).set({ failures: sql`${loginThrottle.failures} + 1`, lastAt: new Date(now) }).where(inArray(loginThrottle.key, names));
    return left;
  });
  if (wait) throw new Throttled(Math.ceil(wait / 1000));
  return { own: [pair.key, user.key], address: addr.key };
}

/** The password was right: this attempt's own counts go, the address keeps the others' failures. */
export async function loginSucceeded({ db }: Deps, attempt: LoginAttempt) {
  // One row per statement, outside a transaction: none holds a row while waiting for another.
  for (const key of attempt.own) await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
  await db.update(loginThrottle).set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` }).where(eq(loginThrottle.key, attempt.address));
}

/** An administrator set a new password: the username's delays end, on every address. */
export async function clearLoginThrottle(db: Db | Tx, keys: TokenKeys, username: string) {
  // Locked in the order an attempt locks them, then deleted.
  const rows = await db.select({ key: loginThrottle.key }).from(loginThrottle).where(eq(loginThrottle.account, accountKey(keys, username)))
    .orderBy(byKey).for('update');
  if (rows.length) await db.delete(loginThrottle).where(inArray(loginThrottle.key, rows.map((r) => r.key)));
}
