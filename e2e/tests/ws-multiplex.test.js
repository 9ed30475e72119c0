// The `ws` package on /v1/ws: two streams multiplexed on one connection, resume, bad messages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { sluiceUrl, range, deltaText, isTerminal, requestJson } from '../lib/sluice.js';

const PROMPT_A = 'First stream — 第一の流れ, with accents: é è ê, and emoji 🌊🌊 flowing through the gate one token at a time.';
const PROMPT_B = 'Second stream: 第二の流れ ✨ runs beside the first on the very same WebSocket connection, interleaved.';

/** One WebSocket with a log of every frame and a way to wait for a condition on it. */
class Connection {
  constructor(url) {
    this.frames = [];
    this.waiters = [];
    this.socket = new WebSocket(url);
    this.socket.on('message', (data, isBinary) => {
      assert.equal(isBinary, false, 'frames are JSON text');
      this.frames.push(JSON.parse(data.toString('utf8')));
      this.waiters = this.waiters.filter((w) => !w());
    });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', resolve);
      this.socket.once('error', reject);
    });
  }
  send(message) { this.socket.send(JSON.stringify(message)); }
  /** Resolves with the frames once `predicate(frames)` is true. */
  until(predicate, what, timeoutMs = 20000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      const check = () => {
        if (!predicate(this.frames)) return false;
        clearTimeout(timer);
        resolve(this.frames);
        return true;
      };
      if (!check()) this.waiters.push(check);
    });
  }
  close() { this.socket.close(); }
}

let ws;
before(async () => {
  ws = new Connection(sluiceUrl().replace(/^http/, 'ws') + '/v1/ws');
  await ws.opened;
});
after(() => ws.close());

const eventsOf = (frames, streamId) => frames.filter((f) => f.streamId === streamId && typeof f.seq === 'number' && f.type !== 'started');

let streamA;

test('two streams on one connection interleave, each gapless and in order', async () => {
  ws.send({ type: 'start', id: 'a', model: 'sluice-echo', prompt: PROMPT_A, simulator: { gap_ms: 15 } });
  ws.send({ type: 'start', id: 'b', model: 'sluice-echo', prompt: PROMPT_B, simulator: { gap_ms: 15 } });
  const started = await ws.until((fs) => fs.filter((f) => f.type === 'started').length === 2, 'two started frames');
  const ids = Object.fromEntries(started.filter((f) => f.type === 'started').map((f) => [f.id, f.streamId]));
  assert.ok(ids.a && ids.b && ids.a !== ids.b, `started: ${JSON.stringify(ids)}`);

  const frames = await ws.until(
    (fs) => [ids.a, ids.b].every((id) => fs.some((f) => f.streamId === id && isTerminal(f))),
    'both terminal events',
  );
  for (const [id, prompt] of [[ids.a, PROMPT_A], [ids.b, PROMPT_B]]) {
    const events = eventsOf(frames, id);
    const n = events.length - 1;
    assert.deepEqual(events.map((e) => e.seq), range(0, n), 'seqs 0..n, gapless, in order');
    assert.equal(events[0].type, 'start');
    assert.equal(events.filter(isTerminal).length, 1, 'exactly one terminal event');
    assert.equal(events[n].type, 'done');
    assert.equal(events[n].finishReason, 'stop');
    assert.equal(deltaText(events), prompt);
  }
  // Interleaving: stream b delivered text before stream a finished, on the same socket.
  const order = frames.filter((f) => f.type === 'delta').map((f) => f.streamId);
  const firstB = order.indexOf(ids.b);
  const lastA = order.lastIndexOf(ids.a);
  assert.ok(firstB >= 0 && firstB < lastA, 'deltas of the two streams interleave');
  streamA = { id: ids.a, events: eventsOf(frames, ids.a) };
});

test('resume after k replays exactly seqs k+1..n', async () => {
  assert.ok(streamA, 'runs after the multiplex test');
  const n = streamA.events.length - 1;
  for (const k of [0, 1, Math.floor(n / 2), n - 1]) {
    const mark = ws.frames.length;
    ws.send({ type: 'resume', streamId: streamA.id, after: k });
    const frames = await ws.until(
      (fs) => fs.slice(mark).some((f) => f.streamId === streamA.id && isTerminal(f)),
      `terminal event of resume after ${k}`,
    );
    const resumed = eventsOf(frames.slice(mark), streamA.id);
    assert.deepEqual(resumed.map((e) => e.seq), range(k + 1, n), `resume after ${k}`);
    assert.deepEqual(resumed, streamA.events.slice(k + 1), 'same events as the live run');
  }
});

test('an unknown message type is rejected and the connection stays usable', async () => {
  const mark = ws.frames.length;
  ws.send({ type: 'teleport', id: 'x1' });
  const frames = await ws.until((fs) => fs.slice(mark).some((f) => f.type === 'rejected'), 'a rejected frame');
  const rejected = frames.slice(mark).find((f) => f.type === 'rejected');
  assert.equal(rejected.id, 'x1');
  assert.equal(typeof rejected.error.message, 'string');
  assert.ok(rejected.error.message.length > 0);
  assert.equal(typeof rejected.error.code, 'string');

  const after = ws.frames.length;
  ws.send({ type: 'start', id: 'c', model: 'sluice-echo', prompt: 'still here ✓' });
  const more = await ws.until((fs) => {
    const s = fs.slice(after).find((f) => f.type === 'started' && f.id === 'c');
    return s && fs.slice(after).some((f) => f.streamId === s.streamId && isTerminal(f));
  }, 'the stream after a rejection');
  const id = more.slice(after).find((f) => f.type === 'started' && f.id === 'c').streamId;
  assert.equal(deltaText(eventsOf(more.slice(after), id)), 'still here ✓');
});

test('cancel ends a running stream with done: cancelled, and the status says so', async () => {
  const mark = ws.frames.length;
  ws.send({ type: 'start', id: 'long', model: 'sluice-sim', prompt: 'A long story.', simulator: { tokens: 5000, gap_ms: 20, ttft_ms: 0 } });
  const started = await ws.until((fs) => fs.slice(mark).some((f) => f.type === 'started' && f.id === 'long'), 'started');
  const id = started.slice(mark).find((f) => f.type === 'started' && f.id === 'long').streamId;
  await ws.until((fs) => fs.slice(mark).some((f) => f.streamId === id && f.type === 'delta'), 'a first delta');
  ws.send({ type: 'cancel', streamId: id });
  const frames = await ws.until((fs) => fs.slice(mark).some((f) => f.streamId === id && isTerminal(f)), 'the terminal event');
  const events = eventsOf(frames.slice(mark), id);
  assert.deepEqual(events.map((e) => e.seq), range(0, events.length - 1));
  const last = events.at(-1);
  assert.equal(last.type, 'done');
  assert.equal(last.finishReason, 'cancelled');
  assert.ok(events.filter((e) => e.type === 'delta').length < 5000);
  const { json } = await requestJson('GET', `/v1/streams/${id}`);
  assert.equal(json.status, 'cancelled');
  assert.equal(json.text, deltaText(events));
});
