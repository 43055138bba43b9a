// The reliability suite's short run (the long one is `./x reliability`): conflicting and
// retrying writers of one case, exactly-once filing, a list-append history judged by the
// checker of tests/reliability/list-append.mjs, a SIGKILL of workerd under load, and bad input
// on every route. Each scenario's promises are listed as problems; none may be found.
import { test, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { runSuite } from './reliability/suite.mjs';

describe('reliability (short run)', () => {
  let results;
  before(async () => { results = await runSuite('short'); });

  const clean = (name) => {
    const r = results[name];
    assert.deepEqual(r.problems, [], JSON.stringify(r.counts));
    return r.counts;
  };

  test('50 changes on one version: one 200 on the timeline, 49 × 409; 50 retrying writers all recorded, versions without a gap', () => {
    const c = clean('conflicts');
    assert.equal(c.accepted, 1);
    assert.equal(c.conflicts, 49);
    assert.equal(c.recorded, 50);
  });

  test('10 serial and 20 concurrent retries of a filing make one case each; another body with the key is 422', () => {
    const c = clean('exactlyOnce');
    assert.equal(c.serial.created, 1);
    assert.equal(c.concurrent.created, 1);
    assert.equal(c.reusedKey, 422);
  });

  test('the list-append history has no lost, reordered or cyclic updates', () => {
    const c = clean('listAppend');
    assert.ok(c.acknowledgedAppends > 0, 'some appends were acknowledged');
    assert.equal(c.lostAppends, 0);
  });

  test('after a SIGKILL under load every acknowledged write is there, nothing half-written, and the load resumes', () => {
    const c = clean('restarts');
    assert.equal(c.restarts, 1);
    assert.equal(c.lostAcknowledgedWrites, 0);
    assert.equal(c.halfWritten, 0);
  });

  test('bad input on every route: 4xx JSON naming the problem, never 5xx, never a hang, memory flat', () => {
    const c = clean('badInput');
    assert.equal(c.fiveXX, 0);
    assert.equal(c.noAnswer, 0);
  });
});
