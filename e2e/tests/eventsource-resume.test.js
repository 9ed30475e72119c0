// The `eventsource` package on the native SSE API: resume with Last-Event-ID and ?after=.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStream, finishedStatus, readWithEventSource, range, deltaText, seqs } from '../lib/sluice.js';

const REQUEST = { model: 'sluice-sim', prompt: 'Tell me about sluice gates.', simulator: { tokens: 30, gap_ms: 5, seed: 7 } };

test('closing and reopening with Last-Event-ID continues exactly where it stopped', async () => {
  const created = await createStream(REQUEST);
  assert.equal(created.object, 'stream');
  assert.match(created.id, /^str_/);
  assert.equal(created.events_url, `/v1/streams/${created.id}/events`);

  const head = await readWithEventSource(created.events_url, { limit: 5 });
  assert.deepEqual(seqs(head), range(0, 4));
  const tail = await readWithEventSource(created.events_url, { lastEventId: head.at(-1).seq });
  assert.equal(tail[0].seq, 5, 'resume starts right after the last seen event');

  const union = [...head, ...tail];
  const n = union.length - 1;
  assert.deepEqual(seqs(union), range(0, n), 'every seq once, none missing, none repeated');
  // Deltas can be fewer than tokens (a character split across BPE tokens is sent whole, once).
  const usage = union.filter((e) => e.type === 'usage');
  assert.equal(usage.length, 1);
  assert.equal(usage[0].completionTokens, 30, 'the 30 simulated tokens');
  assert.equal(usage[0].totalTokens, usage[0].promptTokens + 30);
  assert.equal(union.filter((e) => e.type === 'done' || e.type === 'error').length, 1);
  assert.equal(union[n].type, 'done');
  assert.equal(union[n].finishReason, 'stop');

  const fresh = await readWithEventSource(created.events_url);
  assert.deepEqual(fresh, union, 'a fresh full read equals the resumed halves');

  const status = await finishedStatus(created.id);
  assert.equal(status.status, 'completed');
  assert.equal(status.text, deltaText(fresh));
  assert.equal(status.last_seq, n);
  assert.equal(status.events, n + 1);
  assert.equal(status.finish_reason, 'stop');
  assert.equal(status.usage.completion_tokens, 30);
});

test('?after=k gives exactly the events after k, for every k', async () => {
  const created = await createStream(REQUEST);
  const full = await readWithEventSource(created.events_url);
  const n = full.length - 1;
  for (let k = 0; k < n; k++) {
    const part = await readWithEventSource(`${created.events_url}?after=${k}`);
    assert.deepEqual(part, full.slice(k + 1), `after=${k}`);
  }
});

test('the same seed gives the same text', async () => {
  const [a, b] = await Promise.all([createStream(REQUEST), createStream(REQUEST)]);
  const [ea, eb] = await Promise.all([readWithEventSource(a.events_url), readWithEventSource(b.events_url)]);
  assert.ok(deltaText(ea).length > 0);
  assert.equal(deltaText(ea), deltaText(eb));
});
