import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './core/config.ts';
import { openDatabase, type Database } from './core/db/client.ts';
import { DataDirLockedError } from './core/db/lock.ts';
import { backup, BackupError, restore } from './core/db/backup.ts';
import { ensureInstance } from './core/bootstrap.ts';
import { version } from './version.ts';

const HELP = `tongxin ${version} — 同心 CPPCC duty-performance platform

Usage: tongxin <command> [options]

Commands:
  serve                 start the server (migrations, first admin user, no demo data)
  demo                  start the server with the demo committee 示例市政协 (created on first run)
  migrate               apply database migrations and exit
  seed                  create the demo committee in an empty database and exit
  backup <file> [--org <id>]...   write a consistent copy of the data (all committees, or the given ones)
  restore <file> [--replace]      load a backup into this database (either engine)

Environment: PORT (3000), HOST (127.0.0.1), DATA_DIR (./data, embedded database),
  DATABASE_URL (PostgreSQL; overrides DATA_DIR), TONGXIN_ADMIN_PASSWORD, SESSION_SECRET,
  TONGXIN_ORG_NAME, COOKIE_SECURE, LOG_LEVEL — see README.md.`;

const target = (c: Config) => (c.DATABASE_URL ? { url: c.DATABASE_URL } : { dataDir: c.DATA_DIR });

async function serve(config: Config, database: Database, banner: string[]) {
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
    options: { help: { type: 'boolean', short: 'h' }, org: { type: 'string', multiple: true }, replace: { type: 'boolean' } },
  });
  const [command, file] = positionals;
  if (values.help || !command || command === 'help') { console.log(HELP); return; }
  const config = loadConfig();
  const needsFile = command === 'backup' || command === 'restore';
  if (needsFile && !file) throw new ConfigError(`${command} needs a file name: tongxin ${command} <file>`);
  if (!['serve', 'demo', 'migrate', 'seed', 'backup', 'restore'].includes(command)) throw new ConfigError(`Unknown command "${command}". See tongxin --help`);

  const database = await openDatabase(target(config));
  const banner: string[] = [];
  if (command === 'demo' || command === 'seed') {
    const { seedDemo, DEMO_PASSWORD } = await import('./seed/demo.ts');
    const { isEmpty } = await import('./core/bootstrap.ts');
    if (await isEmpty(database.db)) await seedDemo(database.db);
    banner.push(`  Demo committee 示例市政协 — logins (password "${DEMO_PASSWORD}"):`,
      '    admin 系统管理员 · staff 机关工作人员 · leader 领导 · member 委员 · unit / unit2 承办单位');
  } else if (command === 'serve') {
    const { generatedPassword } = await ensureInstance(database.db, { orgName: config.TONGXIN_ORG_NAME, adminPassword: config.TONGXIN_ADMIN_PASSWORD });
    if (generatedPassword) banner.push(`  First start: user "admin", password "${generatedPassword}" (shown once; set TONGXIN_ADMIN_PASSWORD to choose it)`);
  }
  if (command === 'serve' || command === 'demo') return serve(config, database, banner);

  try {
    if (command === 'backup') {
      const r = await backup(database.db, file!, values.org);
      console.log(`Backed up ${r.orgs} committee(s), ${r.rows} rows to ${file}`);
    } else if (command === 'restore') {
      const r = await restore(database.db, file!, { replace: values.replace });
      console.log(`Restored ${r.orgs} committee(s), ${r.rows} rows from ${file}`);
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
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof BackupError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
