// Load generation and small HTTP helpers for the benchmark. Loopback only.
import http from 'node:http';
import autocannon from 'autocannon';

export interface LoadOptions {
  /** Seconds of measured load. */
  duration: number;
  /** Seconds of unmeasured load first (JIT, caches, connection pools). */
  warmup: number;
  connections: number;
}

export interface Measurement {
  /** Mean of autocannon's per-second request counts over the measured window. */
  rps: number;
  /** Latency in ms. */
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU time (user + system) the server process spent per request it answered in the measured window, µs. */
  cpuUsPerReq?: number;
}

function assertLoopback(url: string) {
  const host = new URL(url).hostname;
  if (!/^127\.\d+\.\d+\.\d+$/.test(host) && host !== 'localhost' && host !== '[::1]') throw new Error(`benchmark target must be on loopback, got ${host}`);
}

async function cannon(url: string, seconds: number, connections: number, headers: Record<string, string>) {
  return autocannon({ url, duration: seconds, connections, pipelining: 1, headers, timeout: 10 });
}

/**
 * Warms up, then measures one window against `url` (GET). `serverCpu`, if given, reads the server
 * process's CPU time (µs) and the number of requests it has answered, before and after the window.
 */
export async function measure(
  url: string, opts: LoadOptions, headers: Record<string, string> = {},
  serverCpu?: () => Promise<{ cpuUs: number; handled: number }>,
): Promise<Measurement> {
  assertLoopback(url);
  if (opts.warmup > 0) await cannon(url, opts.warmup, opts.connections, headers);
  const cpu0 = await serverCpu?.();
  const r = await cannon(url, opts.duration, opts.connections, headers);
  const cpu1 = await serverCpu?.();
  return {
    ...(cpu0 && cpu1 && cpu1.handled > cpu0.handled ? { cpuUsPerReq: Math.round((cpu1.cpuUs - cpu0.cpuUs) / (cpu1.handled - cpu0.handled)) } : {}),
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

export { freePort } from '../src/server/core/db/embedded.ts';

/** One GET; resolves with the status code, or null if nothing answered (refused, reset, timeout). */
export function probe(url: string, timeoutMs = 1000): Promise<number | null> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? null));
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
