// The list-append checker of the reliability suite (tests/reliability/list-append.mjs) on
// histories written by hand: a clean one passes, and each anomaly it knows is named when it
// is there, so a history from the running Worker that passes means something.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkListAppend } from './reliability/list-append.mjs';

/** An operation from process `p` over [invoke, complete]. */
const op = (p, type, invoke, complete, ...txn) => ({ process: p, type, invoke, complete, txn });
const append = (k, v) => ['append', k, v];
const read = (k, list) => ['r', k, list];
const kinds = (result) => Object.keys(result.anomalies).sort();

describe('the list-append checker', () => {
  test('a serial history with concurrent readers is valid', () => {
    const result = checkListAppend([
      op(0, 'ok', 0, 1, append('a', 1), read('a', [1])),
      op(1, 'ok', 2, 3, append('a', 2), read('a', [1, 2])),
      op(2, 'ok', 2.5, 4, read('a', [1, 2])),
      op(0, 'fail', 5, 6, append('a', 3)),
      op(1, 'info', 5, null, append('b', 1)),
      op(2, 'ok', 7, 8, append('b', 2), read('b', [1, 2])),
      op(0, 'ok', 9, 10, read('a', [1, 2]), read('b', [1, 2])),
    ]);
    assert.deepEqual(result.anomalies, {});
    assert.equal(result.valid, true);
    assert.equal(result.counts.acknowledgedAppends, 3);
    assert.equal(result.counts.unknown, 1);
  });

  test('a lost update: an acknowledged append missing from a later read', () => {
    const result = checkListAppend([
      op(0, 'ok', 0, 1, append('a', 1)),
      op(1, 'ok', 0, 1, append('a', 2)),
      op(2, 'ok', 2, 3, read('a', [2])),
    ]);
    assert.equal(result.valid, false);
    assert.deepEqual(result.anomalies['lost-append'], [{ key: 'a', value: 1, op: 0, missingFrom: [2] }]);
  });

  test('a reordered update: two reads that disagree on the order', () => {
    const result = checkListAppend([
      op(0, 'ok', 0, 1, append('a', 1)),
      op(1, 'ok', 0, 1, append('a', 2)),
      op(2, 'ok', 2, 3, read('a', [1, 2])),
      op(3, 'ok', 2, 3, read('a', [2, 1])),
    ]);
    assert.equal(result.valid, false);
    assert.deepEqual(kinds(result), ['incompatible-order']);
  });

  test('a stale read after an acknowledged append is a cycle through real time', () => {
    const result = checkListAppend([
      op(0, 'ok', 0, 1, append('a', 1)),
      op(1, 'ok', 2, 3, read('a', [])),
      op(2, 'ok', 4, 5, read('a', [1])),
    ]);
    assert.equal(result.valid, false);
    assert.ok(result.anomalies['G-single-realtime'], JSON.stringify(result.anomalies));
    assert.deepEqual(result.anomalies['G-single-realtime'][0].cycle.map((s) => s.kind).sort(), ['rt', 'rw']);
    assert.deepEqual(result.anomalies['lost-append'], [{ key: 'a', value: 1, op: 0, missingFrom: [1] }]);
    // Without real time the same order is serializable (the read goes first): no cycle.
    assert.deepEqual(kinds(checkListAppend([
      op(0, 'ok', 0, 1, append('a', 1)),
      op(1, 'ok', 2, 3, read('a', [])),
      op(2, 'ok', 4, 5, read('a', [1])),
    ], { realtime: false })), ['lost-append']);
  });

  test('write cycles across keys: G0 and G1c', () => {
    const g0 = checkListAppend([
      op(0, 'ok', 0, 1, append('x', 1), append('y', 2)),
      op(1, 'ok', 0, 1, append('x', 2), append('y', 1)),
      op(2, 'ok', 2, 3, read('x', [1, 2]), read('y', [1, 2])),
    ]);
    assert.ok(g0.anomalies.G0, JSON.stringify(g0.anomalies));
    const g1c = checkListAppend([
      op(0, 'ok', 0, 1, append('x', 1), read('y', [1])),
      op(1, 'ok', 0, 1, append('y', 1), read('x', [1])),
    ]);
    assert.ok(g1c.anomalies.G1c, JSON.stringify(g1c.anomalies));
  });

  test('write skew: two reads each missing the other append is G2-item', () => {
    const result = checkListAppend([
      op(0, 'ok', 0, 1, read('x', []), append('y', 1)),
      op(1, 'ok', 0, 1, read('y', []), append('x', 1)),
      op(2, 'ok', 2, 3, read('x', [1]), read('y', [1])),
    ]);
    assert.ok(result.anomalies['G2-item'], JSON.stringify(result.anomalies));
  });

  test('aborted, garbage, duplicate and internally inconsistent reads', () => {
    const result = checkListAppend([
      op(0, 'fail', 0, 1, append('a', 1)),
      op(1, 'ok', 2, 3, read('a', [1])),
      op(2, 'ok', 2, 3, read('b', [9])),
      op(3, 'ok', 4, 5, append('c', 1), read('c', [1, 1])),
      op(4, 'ok', 6, 7, append('d', 1), read('d', [])),
    ]);
    assert.deepEqual(kinds(result), ['G1a', 'duplicate-elements', 'garbage-read', 'internal']);
  });

  test('one value appended twice makes the history itself invalid', () => {
    const result = checkListAppend([
      op(0, 'ok', 0, 1, append('a', 1)),
      op(1, 'ok', 2, 3, append('a', 1)),
    ]);
    assert.deepEqual(kinds(result), ['duplicate-appends']);
  });
});
