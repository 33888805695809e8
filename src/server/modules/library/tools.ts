import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

// The page renderers, where the machine has them: LibreOffice (soffice) turns office files into PDF,
// poppler's pdftoppm draws PDF pages as PNG. Each runs as a child process in its own process group,
// killed with its children when the document's time is up.

export interface Renderers { soffice: string | null; pdftoppm: string | null }

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try { fs.accessSync(p, fs.constants.X_OK); return p; } catch { /* not here */ }
  }
  return null;
}

let found: Renderers | undefined;
/** soffice and pdftoppm on PATH (looked up once per process). */
export function renderers(): Renderers {
  found ??= { soffice: onPath('soffice') ?? onPath('libreoffice'), pdftoppm: onPath('pdftoppm') };
  return found;
}

export class ToolTimeout extends Error {}
export class ToolFailed extends Error {}

/** Runs a program until it exits or the deadline passes (then kills its whole process group). */
export function runTool(cmd: string, args: string[], deadline: number, opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: opts.env ?? process.env, cwd: opts.cwd });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => { if (stderr.length < 2000) stderr += b.toString(); });
    const kill = () => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } };
    const timer = setTimeout(() => { kill(); reject(new ToolTimeout(`${path.basename(cmd)} ran past its time`)); }, Math.max(0, deadline - Date.now()));
    child.on('error', (err) => { clearTimeout(timer); reject(new ToolFailed(`${path.basename(cmd)}: ${err.message}`)); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      kill(); // helpers it left behind
      if (code === 0) resolve();
      else reject(new ToolFailed(`${path.basename(cmd)} exited with ${code ?? signal}: ${stderr.trim().slice(0, 500)}`));
    });
  });
}

/** An office file as PDF, by LibreOffice headless with a profile folder of its own (several may run at once). */
export async function officeToPdf(soffice: string, input: string, dir: string, deadline: number): Promise<string> {
  const out = path.join(dir, 'pdf');
  const profile = path.join(dir, 'profile');
  await fsp.mkdir(out, { recursive: true });
  await runTool(soffice, ['--headless', '--norestore', '--nolockcheck', '--nodefault', `-env:UserInstallation=file://${profile}`,
    '--convert-to', 'pdf', '--outdir', out, input], deadline, { env: { ...process.env, HOME: dir } });
  const pdf = path.join(out, `${path.basename(input, path.extname(input))}.pdf`);
  if (!fs.existsSync(pdf)) throw new ToolFailed('soffice wrote no PDF');
  return pdf;
}

/** PDF pages as PNG files at 96 dpi (the first `maxPages`), in page order. */
export async function pdfToPngs(pdftoppm: string, pdf: string, dir: string, maxPages: number, deadline: number): Promise<string[]> {
  const out = path.join(dir, 'png');
  await fsp.mkdir(out, { recursive: true });
  await runTool(pdftoppm, ['-r', '96', '-png', '-l', String(maxPages), pdf, path.join(out, 'p')], deadline);
  const files = (await fsp.readdir(out)).filter((f) => /^p-\d+\.png$/.test(f));
  return files.sort((a, b) => Number(a.slice(2, -4)) - Number(b.slice(2, -4))).map((f) => path.join(out, f));
}
