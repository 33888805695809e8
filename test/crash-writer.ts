// Child process for the crash-safety and data-folder-lock tests; run with `node --import tsx`.
//
//   crash-writer.ts write <target> <orgId> <prefix> [concurrency]
//     Opens the database, builds the app, logs in as the fixture's `staff` and creates sectors through
//     POST /api/v1/sectors (the app's own command path) as fast as it can, `concurrency` at a time.
//     Prints "ready" once, then "ack <id> <name>" for each write the API acknowledged (201), after the
//     response arrived, i.e. after the commit. Never exits by itself: the parent kills it.
//
//   crash-writer.ts hold <target>
//     Opens the database, prints "ready <pid>", and holds it until killed.
//
// <target> is a PostgreSQL URL or a data folder (PGlite). The fixture password comes from FIXTURE_PASSWORD.
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/core/config.ts';
import { openDatabase } from '../src/server/core/db/client.ts';

const [mode, target, orgId, prefix, concurrency = '4'] = process.argv.slice(2);
if (!mode || !target) throw new Error('usage: crash-writer.ts write|hold <target> …');

// Lines go straight to the pipe (synchronous for pipes on Linux), so a printed ack is never lost
// in a buffer of ours when we are killed.
const say = (line: string) => process.stdout.write(`${line}\n`);

const database = await openDatabase(/^postgres(ql)?:\/\//.test(target) ? { url: target } : { dataDir: target });

if (mode === 'hold') {
  say(`ready ${process.pid}`);
  setInterval(() => {}, 1 << 30);
} else if (mode === 'write') {
  const app = await buildApp({
    config: loadConfig({}, { LOG_LEVEL: 'silent', RATE_LIMIT_LOGIN_PER_MINUTE: 1000 }),
    database, logger: false,
  });
  await app.ready();
  const login = await app.inject({
    method: 'POST', url: '/api/v1/auth/login',
    payload: { username: 'staff', password: process.env.FIXTURE_PASSWORD, org: orgId },
  });
  if (login.statusCode !== 200) { console.error(`login failed: ${login.statusCode} ${login.body}`); process.exit(2); }
  const cookie = login.cookies.find((c) => c.name === 'tx_session')!;
  const headers = { cookie: `tx_session=${cookie.value}` };
  say('ready');
  let n = 0;
  const worker = async () => {
    for (;;) {
      const name = `${prefix}-${n++}`;
      const res = await app.inject({ method: 'POST', url: '/api/v1/sectors', headers, payload: { name } });
      if (res.statusCode !== 201) { console.error(`write ${name} failed: ${res.statusCode} ${res.body}`); process.exit(3); }
      say(`ack ${res.json().id} ${name}`);
    }
  };
  await Promise.all(Array.from({ length: Number(concurrency) }, worker));
} else {
  throw new Error(`unknown mode ${mode}`);
}
