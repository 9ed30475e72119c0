// The official openai npm SDK's Responses API against Sluice, unchanged but for baseURL: streamed
// creates (raw events and the responses.stream() helper), whole creates, retrieve, resume after a
// sequence number, background responses and cancel, previous_response_id, delete, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { requestJson, sluiceUrl } from '../lib/sluice.js';
import { FIXTURE_TEXT } from '../lib/replay-upstream.js';

const client = new OpenAI({ baseURL: `${sluiceUrl()}/v1`, apiKey: 'not-needed', maxRetries: 0, timeout: 30000 });

// Multi-byte text on purpose: accents, CJK, an emoji with a ZWJ sequence, a flag.
const PROMPT = 'Sluice gates: ouverture à 06:30 — 水門を開く 🚰👩‍💻🇫🇷 done.';
// Per-request simulator options (Sluice's own field; the SDK sends unknown body fields as they are).
const FAST = { ttft_ms: 0, gap_ms: 0 };

async function collect(stream) {
  const events = [];
  for await (const event of stream) events.push(event);
  return events;
}

test('streamed create: the documented events, gapless sequence numbers, the echoed text', async () => {
  const stream = await client.responses.create({ model: 'sluice-echo', input: PROMPT, stream: true, sluice: FAST });
  const events = await collect(stream);
  const types = events.map((e) => e.type);
  assert.deepEqual(types.slice(0, 4), ['response.created', 'response.in_progress', 'response.output_item.added',
    'response.content_part.added']);
  assert.deepEqual(types.slice(-4), ['response.output_text.done', 'response.content_part.done',
    'response.output_item.done', 'response.completed']);
  assert.ok(types.slice(4, -4).every((t) => t === 'response.output_text.delta'), types.join());
  assert.deepEqual(events.map((e) => e.sequence_number), events.map((_, i) => i));
  const text = events.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta).join('');
  assert.equal(text, PROMPT);
  const completed = events.at(-1).response;
  assert.equal(completed.status, 'completed');
  assert.equal(completed.id, events[0].response.id);
  assert.match(completed.id, /^resp_[0-9a-f]{32}$/);
  assert.equal(completed.output[0].content[0].text, PROMPT);
  assert.ok(completed.usage.output_tokens > 0);
});

test('responses.stream(): text deltas with snapshots and finalResponse()', async () => {
  const runner = client.responses.stream({ model: 'sluice-echo', input: PROMPT, sluice: FAST });
  const deltas = [];
  let snapshot = '';
  runner.on('response.output_text.delta', (event) => {
    deltas.push(event.delta);
    snapshot = event.snapshot;
  });
  const final = await runner.finalResponse();
  assert.equal(deltas.join(''), PROMPT);
  assert.equal(snapshot, PROMPT, 'the helper accumulates the deltas');
  assert.equal(final.status, 'completed');
  assert.equal(final.output_text, PROMPT);
});

test('the replayed OpenAI-compatible upstream streams through as Responses events', async () => {
  const final = await client.responses.stream({ model: 'replayed', input: 'Say hello' }).finalResponse();
  assert.equal(final.output_text, FIXTURE_TEXT);
  assert.equal(final.model, 'replayed');
});

test('whole create and retrieve answer the same response', async () => {
  const created = await client.responses.create({ model: 'sluice-echo', input: PROMPT, instructions: 'Echo.',
    metadata: { app: 'e2e' }, sluice: FAST });
  assert.equal(created.object, 'response');
  assert.equal(created.status, 'completed');
  assert.equal(created.output_text, PROMPT);
  assert.equal(created.instructions, 'Echo.');
  assert.deepEqual(created.metadata, { app: 'e2e' });
  const retrieved = await client.responses.retrieve(created.id);
  assert.deepEqual(retrieved, created);
});

test('resume: retrieve(id, {stream, starting_after}) gives exactly the events after it', async () => {
  const full = await collect(await client.responses.create({ model: 'sluice-echo', input: PROMPT, stream: true,
    sluice: FAST }));
  const id = full[0].response.id;
  for (const after of [0, 3, Math.floor(full.length / 2), full.length - 2]) {
    const suffix = await collect(await client.responses.retrieve(id, { stream: true, starting_after: after }));
    assert.deepEqual(suffix, full.slice(after + 1), `starting_after=${after}`);
  }
  // The helper's own resume: it reads the stream from the start and leaves out what came before.
  const emitted = [];
  const runner = client.responses.stream({ response_id: id, starting_after: 5 });
  runner.on('event', (event) => emitted.push(event));
  const final = await runner.finalResponse();
  assert.deepEqual(emitted, full.slice(6));
  assert.equal(final.output_text, PROMPT);
});

test('background: answered at once, retrieved while running, cancelled', async () => {
  const created = await client.responses.create({ model: 'sluice-sim', input: 'write a long story',
    background: true, sluice: { ttft_ms: 0, gap_ms: 40, tokens: 2000 } });
  assert.equal(created.background, true);
  assert.ok(['queued', 'in_progress'].includes(created.status), created.status);
  let running;
  for (let i = 0; i < 200; i++) {
    running = await client.responses.retrieve(created.id);
    if (running.output_text) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.equal(running.status, 'in_progress');
  assert.ok(running.output_text.length > 0);
  const cancelled = await client.responses.cancel(created.id);
  assert.equal(cancelled.status, 'cancelled');
  assert.equal((await client.responses.retrieve(created.id)).status, 'cancelled');
  // Resuming the cancelled stream ends with the lifecycle event the SDK knows, status cancelled.
  const events = await collect(await client.responses.retrieve(created.id, { stream: true }));
  assert.equal(events.at(-1).type, 'response.incomplete');
  assert.equal(events.at(-1).response.status, 'cancelled');
});

test('previous_response_id continues the stored conversation', async () => {
  const first = await client.responses.create({ model: 'sluice-echo', input: 'first words', sluice: FAST });
  const second = await client.responses.create({ model: 'sluice-echo', input: 'second', sluice: FAST,
    previous_response_id: first.id });
  assert.equal(second.output_text, 'second', 'the echo simulator answers the newest turn');
  assert.equal(second.previous_response_id, first.id);
  const alone = await client.responses.create({ model: 'sluice-echo', input: 'second', sluice: FAST });
  assert.ok(second.usage.input_tokens > alone.usage.input_tokens, 'the earlier turn went upstream too');
  // A stored response is a Sluice session: its history is the conversation so far.
  const { status, json } = await requestJson('GET', `/v1/sessions/${second.id}`);
  assert.equal(status, 200);
  assert.deepEqual(json.history.map((t) => t.content), ['first words', 'first words', 'second', 'second']);
});

test('delete erases the response', async () => {
  const created = await client.responses.create({ model: 'sluice-echo', input: 'bye', sluice: FAST });
  await client.responses.delete(created.id);
  await assert.rejects(client.responses.retrieve(created.id), (error) => {
    assert.ok(error instanceof OpenAI.NotFoundError, String(error));
    assert.equal(error.code, 'response_not_found');
    return true;
  });
});

test('errors: unknown model, hosted tools, unknown previous response', async () => {
  await assert.rejects(client.responses.create({ model: 'no-such-model', input: 'hi' }), (error) => {
    assert.ok(error instanceof OpenAI.NotFoundError, String(error));
    assert.equal(error.code, 'model_not_found');
    return true;
  });
  await assert.rejects(client.responses.create({ model: 'sluice-echo', input: 'hi', tools: [{ type: 'web_search' }] }),
    (error) => {
      assert.ok(error instanceof OpenAI.BadRequestError, String(error));
      assert.equal(error.param, 'tools[0].type');
      return true;
    });
  await assert.rejects(client.responses.create({ model: 'sluice-echo', input: 'hi',
    previous_response_id: 'resp_0123456789abcdef0123456789abcdef' }), (error) => {
    assert.ok(error instanceof OpenAI.BadRequestError, String(error));
    assert.equal(error.code, 'previous_response_not_found');
    return true;
  });
});
