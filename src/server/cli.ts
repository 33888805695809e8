import { parseArgs } from 'node:util';
import type { Config } from './core/config.ts';
import type { Database } from './core/db/client.ts';
import { version } from './version.ts';

// The server's modules load only for a command that needs them: `tongxin --help` stays instant.
// Errors an operator can act on (bad configuration, a locked DATA_DIR, a bad backup file) are printed
// as their message; their classes are noted here as their modules load.
const operatorErrors: (abstract new (...args: never[]) => Error)[] = [];

const HELP = `tongxin ${version} — 同心 CPPCC duty-performance platform

Usage: tongxin <command> [options]

Commands:
  serve                 start the server (migrations, first admin user, no demo data)
  demo                  start the server with the demo committee 示例市政协 (created on first run)
  migrate               apply database migrations and exit
  seed                  create the demo committee in an empty database and exit
  backup <file> [--org <id>]...   write a consistent copy of the data (all committees, or the given ones)
  restore <file> [--replace]      load a backup into this database (either engine)
  report --year N [--out file.docx] [--org <id>] [--scope tree]   the year's 四双 report of the committee (the first, or --org): text, or Word with --out;
                                   --scope tree: rolled up over its active committees below
  org create --name N --level national|provincial|city|county [--code C] [--region R]
             [--parent <id or code>] [--admin <username>] [--password P]
                        a committee (a top one, or one level below --parent) and its first admin
                        (user "admin" unless --admin; password generated and printed once unless given)

Environment: PORT (3000), HOST (127.0.0.1), DATA_DIR (./data, embedded database),
  DATABASE_URL (PostgreSQL; overrides DATA_DIR), TONGXIN_ADMIN_PASSWORD, SESSION_SECRET,
  TONGXIN_ORG_NAME, COOKIE_SECURE, LOG_LEVEL — see README.md.`;

const target = (c: Config) => (c.DATABASE_URL ? { url: c.DATABASE_URL } : { dataDir: c.DATA_DIR });

async function serve(config: Config, database: Database, banner: string[], appModule: Promise<typeof import('./app.ts')>) {
  const { buildApp } = await appModule;
  const app = await buildApp({ config, database });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const url = address.replace('127.0.0.1', 'localhost');
  console.log([`\n  同心 tongxin ${version} is running at ${url}  (${database.engine})`, ...banner, ''].join('\n'));
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' }, org: { type: 'string', multiple: true }, replace: { type: 'boolean' }, year: { type: 'string' }, out: { type: 'string' }, scope: { type: 'string' },
      name: { type: 'string' }, level: { type: 'string' }, code: { type: 'string' }, region: { type: 'string' }, parent: { type: 'string' }, admin: { type: 'string' }, password: { type: 'string' },
    },
  });
  const [command, file] = positionals;
  if (values.help || !command || command === 'help') { console.log(HELP); return; }
  const { ConfigError, loadConfig } = await import('./core/config.ts');
  operatorErrors.push(ConfigError);
  // The demo logs warnings and errors only, unless LOG_LEVEL says otherwise: a line per request would
  // scroll its banner (the address and the logins) off the screen.
  const config = loadConfig(process.env, command === 'demo' && !process.env.LOG_LEVEL ? { LOG_LEVEL: 'warn' } : {});
  const needsFile = command === 'backup' || command === 'restore';
  if (needsFile && !file) throw new ConfigError(`${command} needs a file name: tongxin ${command} <file>`);
  if (!['serve', 'demo', 'migrate', 'seed', 'backup', 'restore', 'report', 'org'].includes(command)) throw new ConfigError(`Unknown command "${command}". See tongxin --help`);
  if (command === 'org' && file !== 'create') throw new ConfigError('Usage: tongxin org create --name N --level L [...]. See tongxin --help');

  const [{ openDatabase }, { DataDirLockedError }] = await Promise.all([import('./core/db/client.ts'), import('./core/db/lock.ts')]);
  operatorErrors.push(DataDirLockedError);
  // The server's modules load while the database starts and migrates (most of that is waiting on it).
  const appModule = command === 'serve' || command === 'demo' ? import('./app.ts') : undefined;
  appModule?.catch(() => {}); // (awaited below; a failure to load is reported there)
  const database = await openDatabase(target(config));
  const banner: string[] = [];
  if (command === 'demo' || command === 'seed') {
    const { seedDemo, DEMO_PASSWORD } = await import('./seed/demo.ts');
    const { isEmpty } = await import('./core/bootstrap.ts');
    if (await isEmpty(database.db)) {
      const { orgId } = await seedDemo(database.db);
      const { seedDemoLibrary } = await import('./seed/demo-library.ts');
      await seedDemoLibrary(database.db, config, orgId);
      // The search index of what the seed wrote without events (the server also backfills at start).
      const { backfillIndex } = await import('./modules/search/indexing.ts');
      const { backfillSearch } = await import('./modules/proposals/search.ts');
      await backfillSearch(database.db);
      await backfillIndex(database.db);
      // Statistics of the freshly loaded tables: without them the planner guesses (search ~10× slower on PGlite, which has no autovacuum).
      const { sql } = await import('drizzle-orm');
      await database.db.execute(sql`analyze`);
    }
    banner.push(`  Demo committee 示例市政协 — logins (password "${DEMO_PASSWORD}"):`,
      '    admin 系统管理员 · staff 机关工作人员 · leader 领导 · member 委员 · unit / unit2 承办单位 · public 网民',
      '    county committees: dongcheng 东城区政协管理员 · beishan 北山县政协管理员',
      '    two levels, one login: twolevel 市政协委员、东城区政协副主席 (switch committee in the header)');
  } else if (command === 'serve') {
    const { ensureInstance } = await import('./core/bootstrap.ts');
    const { generatedPassword } = await ensureInstance(database.db, { orgName: config.TONGXIN_ORG_NAME, adminPassword: config.TONGXIN_ADMIN_PASSWORD });
    if (generatedPassword) banner.push(`  First start: user "admin", password "${generatedPassword}" (shown once; set TONGXIN_ADMIN_PASSWORD to choose it)`);
  }
  if (appModule) return serve(config, database, banner, appModule);

  if (command === 'report') {
    const year = Number(values.year ?? new Date().getFullYear());
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ConfigError(`--year must be a year between 2000 and 2100, not "${values.year}"`);
    if (values.scope !== undefined && values.scope !== 'own' && values.scope !== 'tree') throw new ConfigError(`--scope must be own or tree, not "${values.scope}"`);
    try {
      const { printReport } = await import('./modules/reports/cli.ts');
      console.log(await printReport(database.db, { year, orgId: values.org?.[0], out: values.out, scope: values.scope as 'own' | 'tree' | undefined }));
    } finally {
      await database.close();
    }
    return;
  }

  if (command === 'org') {
    const { createOrgFromCli, OrgCliError } = await import('./modules/org/cli.ts');
    operatorErrors.push(OrgCliError);
    try {
      console.log(await createOrgFromCli(database.db, values));
    } finally {
      await database.close();
    }
    return;
  }

  const { backup, BackupError, restore } = await import('./core/db/backup.ts');
  operatorErrors.push(BackupError);
  // The library's files (documents and page images) go into the backup and come back on restore.
  const { openLibraryStorage } = await import('./modules/library/storage.ts');
  const files = await openLibraryStorage(config);
  try {
    if (command === 'backup') {
      const r = await backup(database.db, file!, values.org, files);
      console.log(`Backed up ${r.orgs} committee(s), ${r.rows} rows${r.files ? `, ${r.files} library files` : ''} to ${file}`);
    } else if (command === 'restore') {
      const r = await restore(database.db, file!, { replace: values.replace, files });
      console.log(`Restored ${r.orgs} committee(s), ${r.rows} rows${r.files ? `, ${r.files} library files` : ''} from ${file}`);
    } else if (command === 'seed') {
      console.log(banner.join('\n'));
    } else {
      console.log(`Migrations applied (${database.engine})`);
    }
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  if (operatorErrors.some((kind) => err instanceof kind)) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
