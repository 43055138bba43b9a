// Benchmark: what a staff sign-in costs on local workerd, where Argon2id (m = 19 MiB, t = 2,
// p = 1) runs inside the Worker's wasm. Compares sign-in round trips with round trips of a
// signed-in request that hashes nothing (`GET /api/staff/me`); the difference is the hash.
//
//   node tests/bench/login.mjs [rounds]      (after ./x build)
import { startApp, DEMO_PASSWORD } from '../harness.mjs';

const rounds = Number(process.argv[2] ?? 30);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

const app = await startApp();
try {
  // Warm up the isolate and the objects.
  const { cookie } = await app.login('mediator01');
  await app.get('/api/staff/me', { cookie });

  const login = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const res = await app.post('/api/staff/login', { username: 'mediator01', password: DEMO_PASSWORD });
    login.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`login answered ${res.status}`);
  }
  const me = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await app.get('/api/staff/me', { cookie });
    me.push(performance.now() - t);
  }
  const fmt = (n) => `${n.toFixed(1)} ms`;
  console.log(`rounds: ${rounds}`);
  console.log(`sign-in (Argon2id verify)  median ${fmt(median(login))}  p90 ${fmt(p90(login))}`);
  console.log(`signed-in request (no hash) median ${fmt(median(me))}  p90 ${fmt(p90(me))}`);
  console.log(`Argon2id per sign-in ≈ ${fmt(median(login) - median(me))} (difference of medians)`);
} finally {
  await app.stop();
}
