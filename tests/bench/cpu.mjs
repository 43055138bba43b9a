// CPU time (user + system) of the processes of a group, from /proc (Linux): workerd (the
// Worker and every object) apart from the rest (wrangler's node process, which proxies each
// request locally and has no counterpart on Cloudflare).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

export function groupCpuMs(group) {
  const ticks = { workerd: 0, wrangler: 0 };
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat;
    try { stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { continue; }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== group) continue;
    ticks[name === 'workerd' ? 'workerd' : 'wrangler'] += Number(fields[11]) + Number(fields[12]);
  }
  return { workerd: (ticks.workerd * 1000) / TICKS_PER_S, wrangler: (ticks.wrangler * 1000) / TICKS_PER_S };
}
