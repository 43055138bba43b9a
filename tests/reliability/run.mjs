// `./x reliability`: the long reliability suite against a freshly started Worker (see
// suite.mjs for the scenarios and their sizes). Prints each scenario's figures and problems,
// then the summary; exits 1 when any promise was broken. `--short` runs the size `./x test`
// runs.
import { runSuite, summary } from './suite.mjs';

const size = process.argv.includes('--short') ? 'short' : 'long';
const started = Date.now();
console.log(`reliability suite (${size})`);
const results = await runSuite(size, {
  log: (line) => console.log(line),
  each: (name, result, seconds) => {
    console.log(`${name} (${seconds.toFixed(1)} s): ${result.problems.length ? `${result.problems.length} PROBLEMS` : 'ok'}`);
    console.log(`  ${JSON.stringify(result.counts)}`);
    if (result.accepted?.length) console.log(`  taken as sent (lenient variants): ${result.accepted.length}, e.g. ${result.accepted.slice(0, 5).join('; ')}`);
    for (const p of result.problems.slice(0, 40)) console.log(`  PROBLEM ${p}`);
    if (result.problems.length > 40) console.log(`  … and ${result.problems.length - 40} more`);
  },
});
console.log('');
for (const line of summary(results)) console.log(line);
const problems = Object.values(results).reduce((n, r) => n + r.problems.length, 0);
console.log(`${problems ? 'FAIL' : 'PASS'}: ${problems} problems in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(problems ? 1 : 0);
