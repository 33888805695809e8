import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

// A text/event-stream read with fetch as a browser would (test/comment-stream.test.ts,
// test/committee-isolation.test.ts).

export interface Event { event: string; id?: string; data: unknown }

/** An open stream: its events as they come, read on demand. */
export async function openStream(base: string, path: string, headers: Record<string, string> = {}) {
  const ctrl = new AbortController();
  const res = await fetch(`${base}${path}`, { headers, signal: ctrl.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queue: Event[] = [];
  const parse = () => {
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const e: Partial<Event> & { raw?: string } = {};
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) e.event = line.slice(7);
        else if (line.startsWith('id: ')) e.id = line.slice(4);
        else if (line.startsWith('data: ')) e.data = JSON.parse(line.slice(6));
      }
      if (e.event) queue.push(e as Event);
    }
  };
  return {
    res,
    /** The next event named `name` (others are skipped), waiting for it. */
    async next(name = 'comment'): Promise<Event> {
      for (;;) {
        const i = queue.findIndex((e) => e.event === name);
        if (i >= 0) return queue.splice(i, 1)[0]!;
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
        parse();
      }
    },
    /** The events of `name` received so far, without waiting. */
    pending: (name = 'comment') => queue.filter((e) => e.event === name),
    close() { ctrl.abort(); },
  };
}

export async function listen(app: FastifyInstance) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}
