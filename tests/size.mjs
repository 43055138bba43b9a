// Size budget: raw, gzip -9 and brotli (quality 11) sizes of everything the resident's first
// page downloads. Exits non-zero when the brotli total passes the budget.
//
//   node tests/size.mjs            (after ./x build)
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET_BROTLI_BYTES = 180 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const firstPage = ['index.html', 'boot.js', 'style.css', 'pkg/resident.js', 'pkg/resident_bg.wasm'];
const staffExtra = ['pkg/staff.js', 'pkg/staff_bg.wasm'];

function measure(file) {
  const path = join(dist, file);
  if (!existsSync(path)) throw new Error(`${file} is missing: run ./x build first`);
  const bytes = readFileSync(path);
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
function table(title, rows) {
  console.log(`\n${title}`);
  console.log('file'.padEnd(24), 'raw'.padStart(10), 'gzip -9'.padStart(10), 'brotli'.padStart(10));
  for (const r of rows) console.log(r.file.padEnd(24), kb(r.raw).padStart(10), kb(r.gzip).padStart(10), kb(r.brotli).padStart(10));
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  console.log('total'.padEnd(24), kb(total.raw).padStart(10), kb(total.gzip).padStart(10), kb(total.brotli).padStart(10));
  return total;
}

const resident = table("Resident's first page", firstPage.map(measure));
table('Staff console (loaded only under /staff, instead of the resident bundle)', staffExtra.map(measure));
console.log(`\nbudget for the resident's first page: ${kb(BUDGET_BROTLI_BYTES)} brotli`);
if (resident.brotli > BUDGET_BROTLI_BYTES) {
  console.error(`OVER BUDGET by ${kb(resident.brotli - BUDGET_BROTLI_BYTES)}`);
  process.exit(1);
}
console.log(`within budget (${kb(BUDGET_BROTLI_BYTES - resident.brotli)} to spare)`);
