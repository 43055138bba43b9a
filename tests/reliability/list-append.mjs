// A checker for list-append histories, written from the definition of Jepsen's Elle
// (Kingsbury & Alvaro, "Elle: Inferring Isolation Anomalies from Experimental Observations",
// VLDB 2020). It knows nothing of Accord: it reads a history and names what is wrong with it.
//
// A history is an array of operations, each
//   { process, type: 'ok' | 'fail' | 'info', invoke, complete, txn }
// where `invoke` and `complete` are times on one clock (`complete` is null or Infinity for an
// operation whose outcome is unknown, type 'info'), and `txn` is a list of micro-operations
// `['append', key, value]` or `['r', key, list]` (the list read, or null when not known).
// Every value appended to a key must be unique; a failed ('fail') operation did not happen,
// an 'info' one may or may not have.
//
// Because every append adds a unique value to the end of its list, the longest list read of a
// key gives the order of all observed appends to it (its version order), and every other read
// of that key must be a prefix of it. From that order the checker builds Elle's dependency
// graph between transactions:
//   ww  T1 appended the element just before the one T2 appended;
//   wr  T2 read a list whose last element T1 appended;
//   rw  T1 read a list that T2's append extended (T2 appended the next element);
//   rt  T1 completed before T2 was invoked (real time, for strict serializability),
// and looks for cycles: G0 (ww only), G1c (ww and wr), G-single (exactly one rw), G2-item
// (several rw), each with "-realtime" appended when a real-time edge is needed.
// Beside the cycles it reports the non-cyclic anomalies of the paper: duplicate elements in a
// read, garbage reads (a value nobody appended), aborted reads (G1a: a value of a failed
// append), internal inconsistency (a transaction not seeing its own appends), incompatible
// orders (two reads of a key neither of which is a prefix of the other), and lost appends: an
// acknowledged append missing from a read of its key that began after the append completed.

const KINDS = ['duplicate-appends', 'duplicate-elements', 'garbage-read', 'G1a', 'internal',
  'incompatible-order', 'lost-append', 'G0', 'G1c', 'G-single', 'G2-item',
  'G0-realtime', 'G1c-realtime', 'G-single-realtime', 'G2-item-realtime'];

const show = (v) => JSON.stringify(v);

/**
 * Checks a list-append history. Returns { valid, anomalies, counts } where `anomalies` maps an
 * anomaly's name to its instances (only names found appear) and `counts` says how much of the
 * history was judged.
 */
export function checkListAppend(history, { realtime = true } = {}) {
  const anomalies = {};
  const found = (kind, instance) => { (anomalies[kind] ??= []).push(instance); };
  const ops = history.map((op, index) => ({
    ...op,
    index,
    complete: op.type === 'ok' ? op.complete : Infinity,
  }));

  // Who appended each value of each key.
  const writer = new Map(); // key -> Map(value -> op)
  for (const op of ops) {
    for (const [f, k, v] of op.txn) {
      if (f !== 'append') continue;
      if (!writer.has(k)) writer.set(k, new Map());
      const byValue = writer.get(k);
      if (byValue.has(v)) found('duplicate-appends', { key: k, value: v, ops: [byValue.get(v).index, op.index] });
      else byValue.set(v, op);
    }
  }

  // Every read of an operation that completed, per key.
  const reads = new Map(); // key -> [{ op, list }]
  let readCount = 0;
  for (const op of ops.filter((o) => o.type === 'ok')) {
    const own = new Map(); // key -> values this transaction appended so far
    const seen = new Map(); // key -> the last list this transaction read, with its own appends after it
    for (const [f, k, v] of op.txn) {
      if (f === 'append') {
        if (!own.has(k)) own.set(k, []);
        own.get(k).push(v);
        if (seen.has(k)) seen.get(k).push(v);
        continue;
      }
      if (f !== 'r' || !Array.isArray(v)) continue;
      readCount += 1;
      if (new Set(v).size !== v.length) found('duplicate-elements', { op: op.index, key: k, read: v });
      for (const value of v) {
        const w = writer.get(k)?.get(value);
        if (!w) found('garbage-read', { op: op.index, key: k, value });
        else if (w.type === 'fail') found('G1a', { op: op.index, key: k, value, writer: w.index });
      }
      // Internal consistency: a read after the transaction's own appends ends with them, and a
      // read after an earlier read of the same key is that read plus the appends since.
      const expected = seen.get(k);
      const mine = own.get(k) ?? [];
      if (expected && show(expected) !== show(v)) {
        found('internal', { op: op.index, key: k, expected, read: v });
      } else if (!expected && mine.length && show(v.slice(-mine.length)) !== show(mine)) {
        found('internal', { op: op.index, key: k, expectedSuffix: mine, read: v });
      }
      seen.set(k, [...v]);
      if (!reads.has(k)) reads.set(k, []);
      reads.get(k).push({ op, list: v });
    }
  }

  // The version order of each key: its longest read, of which every read must be a prefix.
  const order = new Map(); // key -> list
  for (const [k, rs] of reads) {
    const longest = rs.reduce((a, b) => (b.list.length > a.list.length ? b : a));
    order.set(k, longest.list);
    for (const r of rs) {
      const prefix = longest.list.slice(0, r.list.length);
      if (show(prefix) !== show(r.list)) {
        found('incompatible-order', { key: k, read: r.list, op: r.op.index, longer: longest.list, longerOp: longest.op.index });
      }
    }
  }

  // Lost appends: acknowledged, yet missing from a read of the key invoked after it completed.
  let acknowledged = 0;
  for (const op of ops.filter((o) => o.type === 'ok')) {
    for (const [f, k, v] of op.txn) {
      if (f !== 'append') continue;
      acknowledged += 1;
      const later = (reads.get(k) ?? []).filter((r) => r.op.invoke > op.complete && !r.list.includes(v));
      if (later.length) found('lost-append', { key: k, value: v, op: op.index, missingFrom: later.map((r) => r.op.index) });
    }
  }

  // The dependency graph. Nodes 0..n-1 are operations; real time is encoded through a chain
  // of extra nodes, one per completion, so that it costs linear space: an operation points to
  // its completion's node, each completion node to the next, and the latest completion before
  // an operation's invocation points to that operation.
  const n = ops.length;
  const edges = new Map(); // from -> Map(to -> Set(kind))
  const edge = (a, b, kind) => {
    if (a === b) return;
    if (!edges.has(a)) edges.set(a, new Map());
    const out = edges.get(a);
    if (!out.has(b)) out.set(b, new Set());
    out.get(b).add(kind);
  };
  const inGraph = (op) => op.type === 'ok' || op.type === 'info';
  for (const [k, list] of order) {
    const w = (value) => writer.get(k)?.get(value);
    for (let i = 0; i + 1 < list.length; i += 1) {
      const a = w(list[i]);
      const b = w(list[i + 1]);
      if (a && b && inGraph(a) && inGraph(b)) edge(a.index, b.index, 'ww');
    }
    for (const { op, list: read } of reads.get(k)) {
      if (read.length) {
        const last = w(read[read.length - 1]);
        if (last && inGraph(last)) edge(last.index, op.index, 'wr');
      }
      if (read.length < list.length && show(list.slice(0, read.length)) === show(read)) {
        const next = w(list[read.length]);
        if (next && inGraph(next)) edge(op.index, next.index, 'rw');
      }
    }
  }
  let nodes = n;
  if (realtime) {
    const completed = ops.filter((o) => o.type === 'ok').sort((a, b) => a.complete - b.complete);
    const chain = completed.map((_, i) => n + i);
    nodes = n + chain.length;
    completed.forEach((op, i) => {
      edge(op.index, chain[i], 'rt');
      if (i + 1 < chain.length) edge(chain[i], chain[i + 1], 'rt');
    });
    const times = completed.map((o) => o.complete);
    for (const op of ops.filter(inGraph)) {
      // The last completion strictly before this invocation.
      let lo = 0;
      let hi = times.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (times[mid] < op.invoke) lo = mid + 1; else hi = mid;
      }
      if (lo > 0) edge(chain[lo - 1], op.index, 'rt');
    }
  }

  for (const component of stronglyConnected(nodes, edges)) {
    const real = component.filter((v) => v < n);
    if (real.length < 2) continue;
    const cycle = findCycle(component, edges, n);
    const kinds = cycle.steps.map((s) => s.kind);
    const rw = kinds.filter((k) => k === 'rw').length;
    let name;
    if (rw === 1) name = 'G-single';
    else if (rw > 1) name = 'G2-item';
    else if (kinds.includes('wr')) name = 'G1c';
    else name = 'G0';
    if (kinds.includes('rt')) name += '-realtime';
    found(name, { ops: real.length, cycle: cycle.steps });
  }

  const invalid = Object.keys(anomalies).filter((k) => KINDS.includes(k));
  return {
    valid: invalid.length === 0,
    anomalies,
    counts: {
      operations: ops.length,
      ok: ops.filter((o) => o.type === 'ok').length,
      failed: ops.filter((o) => o.type === 'fail').length,
      unknown: ops.filter((o) => o.type === 'info').length,
      reads: readCount,
      acknowledgedAppends: acknowledged,
      keys: order.size,
    },
  };
}

/** Tarjan's strongly connected components, iteratively (histories are long). */
function stronglyConnected(count, edges) {
  const index = new Array(count).fill(-1);
  const low = new Array(count).fill(0);
  const onStack = new Array(count).fill(false);
  const stack = [];
  const components = [];
  let next = 0;
  for (let root = 0; root < count; root += 1) {
    if (index[root] !== -1) continue;
    const work = [[root, [...(edges.get(root)?.keys() ?? [])], 0]];
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = true;
    while (work.length) {
      const frame = work[work.length - 1];
      const [v, out] = frame;
      if (frame[2] < out.length) {
        const w = out[frame[2]++];
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, [...(edges.get(w)?.keys() ?? [])], 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const component = [];
        let w;
        do {
          w = stack.pop();
          onStack[w] = false;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}

/**
 * A shortest cycle through the first operation of a component, as steps between operations;
 * a run of real-time chain nodes is one 'rt' step. Of several kinds on one edge the step takes
 * the one that makes the weakest anomaly (ww, then wr, then rw, then rt).
 */
function findCycle(component, edges, n) {
  const members = new Set(component);
  const start = component.find((v) => v < n);
  const previous = new Map([[start, null]]);
  const queue = [start];
  let closing = null;
  search: while (queue.length) {
    const v = queue.shift();
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!members.has(w)) continue;
      if (w === start) { closing = v; break search; }
      if (!previous.has(w)) { previous.set(w, v); queue.push(w); }
    }
  }
  const path = [start];
  for (let v = closing; v !== start; v = previous.get(v)) path.splice(1, 0, v);
  path.push(start);
  const rank = ['ww', 'wr', 'rw', 'rt'];
  const steps = [];
  let from = path[0];
  let via = [];
  for (let i = 1; i < path.length; i += 1) {
    const kinds = [...edges.get(path[i - 1]).get(path[i])];
    via.push(kinds.sort((a, b) => rank.indexOf(a) - rank.indexOf(b))[0]);
    if (path[i] < n) {
      steps.push({ from, to: path[i], kind: via.includes('rt') ? 'rt' : via[0] });
      from = path[i];
      via = [];
    }
  }
  return { steps };
}
