// A local stand-in for a push service, and an independent implementation of what a browser
// does with a push: the VAPID token checked (ES256 over the served key, aud the endpoint's
// origin, exp within 24 hours), the aes128gcm body decrypted per RFC 8291 and RFC 8188 with
// node:crypto (ECDH, HMAC-SHA-256 as HKDF, AES-128-GCM), written from the RFCs and sharing no
// code with the Worker.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createECDH, createHmac, createDecipheriv, createPublicKey, randomBytes, verify } from 'node:crypto';

export const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
export const unb64 = (text) => Buffer.from(text, 'base64url');

/** A browser's side of a subscription: its key pair and auth secret. */
export function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, auth, p256dh: b64url(ecdh.getPublicKey()), authText: b64url(auth) };
}

const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

/** RFC 8291 §3.4 and RFC 8188 §2: the aes128gcm body decrypted for the browser's keys. */
export function decryptPush(body, { ecdh, auth }) {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  const asPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  assert.equal(idlen, 65, 'keyid is the sender\'s uncompressed public key');
  assert.ok(record.length <= rs, 'one record');
  const uaPublic = ecdh.getPublicKey();
  const shared = ecdh.computeSecret(asPublic);
  // HKDF-Extract(auth, ecdh_secret), then Expand with "WebPush: info" || 0 || ua || as.
  const prkKey = hmac(auth, shared);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.concat([Buffer.from('Content-Encoding: aes128gcm\0'), Buffer.from([1])])).subarray(0, 16);
  const nonce = hmac(prk, Buffer.concat([Buffer.from('Content-Encoding: nonce\0'), Buffer.from([1])])).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends in 0x02, then zero padding.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end -= 1;
  assert.equal(plain[end], 2, 'the last record\'s delimiter');
  return plain.subarray(0, end);
}

/** Checks the VAPID Authorization header; answers its claims. */
export function checkVapid(header, servedKey, endpoint) {
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(header ?? '');
  assert.ok(match, `a vapid Authorization header: ${header}`);
  const [, jwt, k] = match;
  assert.equal(k, servedKey, 'k= is the application server key served');
  const [head, claims, signature] = jwt.split('.');
  assert.deepEqual(JSON.parse(unb64(head)), { typ: 'JWT', alg: 'ES256' });
  const point = unb64(servedKey);
  assert.equal(point.length, 65);
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) },
    format: 'jwk',
  });
  const signed = Buffer.from(`${head}.${claims}`);
  assert.ok(verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, unb64(signature)), 'ES256 signature');
  assert.ok(!verify('sha256', Buffer.from('another token'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, unb64(signature)));
  const body = JSON.parse(unb64(claims));
  assert.equal(body.aud, new URL(endpoint).origin, 'aud is the push service\'s origin');
  const now = Date.now() / 1000;
  assert.ok(body.exp > now && body.exp <= now + 24 * 3600 + 60, `exp within 24 h: ${body.exp - now}s`);
  assert.match(body.sub, /^(mailto:|https:)/);
  return body;
}

/** A local push service: records every POST per path; a path can be told to answer 410. */
export async function pushStandIn() {
  const received = [];
  const gone = new Set();
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method, path: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(gone.has(req.url) ? 410 : 201).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const waitFor = async (path, count = 1, ms = 15_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const got = received.filter((r) => r.path === path);
      if (got.length >= count) return got;
      if (Date.now() > deadline) throw new Error(`${path}: ${got.length} of ${count} pushes arrived`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { base, received, gone, waitFor, close: () => new Promise((r) => server.close(r)) };
}
