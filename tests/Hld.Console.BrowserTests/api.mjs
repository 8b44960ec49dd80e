// The public API as the tests reach it: the project's own CLI (services/Hld.Cli, built by the
// Release build), so seeding and the figures compared with the pages go through the same gRPC
// contracts as any partner, never into a store.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';

const run = promisify(execFile);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const cliDll = process.env.HLD_CLI_DLL ?? path.join(root, 'services/Hld.Cli/bin/Release/net10.0/hld.dll');
const ports = { registry: 5601, sessions: 5602, hearings: 5603, reporting: 5604 };

export const consoleUrl = process.env.HLD_CONSOLE_URL ?? 'http://127.0.0.1:5600';
export const urls = Object.fromEntries(Object.entries(ports).map(([area, port]) =>
  [area, process.env[`HLD_${area.toUpperCase()}_URL`] ?? `http://127.0.0.1:${port}`]));

// call('registry', 'get-list', {listId: 'x'}, {role: 'pga-office', as: 'FRA'}) -> the JSON answer.
export async function call(area, method, body, { role, as } = {}) {
  const args = [cliDll, area, method, JSON.stringify(body ?? {}), '--url', urls[area], '--deadline', '20s'];
  if (role) args.push('--role', role);
  if (as) args.push('--as', as);
  try {
    const { stdout } = await run('dotnet', args, { maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim() ? JSON.parse(stdout) : {};
  } catch (failure) {
    throw new Error(`hld ${area} ${method}: ${failure.stderr || failure.message}`);
  }
}
