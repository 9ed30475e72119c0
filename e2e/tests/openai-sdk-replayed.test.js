// The official openai npm SDK against Sluice routed to a real upstream adapter: the model alias
// `replayed` goes to the replaying OpenAI-compatible server (lib/replay-upstream.js) that run.sh
// started before Sluice. What the SDK reads must be exactly what the upstream streamed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { sluiceUrl } from '../lib/sluice.js';
import { FIXTURE_TEXT, FIXTURE_USAGE, STALL_MARKER } from '../lib/replay-upstream.js';

const client = new OpenAI({ baseURL: `${sluiceUrl()}/v1`, apiKey: 'not-needed', maxRetries: 0, timeout: 30000 });

function replayUrl() {
  const url = process.env.REPLAY_URL;
  if (!url) throw new Error('REPLAY_URL is not set: run the suite through e2e/run.sh');
  return url;
}

async function upstreamRequests() {
  const response = await fetch(`${replayUrl()}/_stats`);
  assert.equal(response.status, 200);
  return (await response.json()).requests;
}

const usageOf = (u) => ({ prompt_tokens: u.prompt_tokens, completion_tokens: u.completion_tokens, total_tokens: u.total_tokens });

test('GET /v1/models lists the replayed alias', async () => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  assert.ok(ids.includes('replayed'), `models: ${ids}`);
});

test('streamed: the exact upstream text, finish reason stop, the upstream usage last', async () => {
  const before = (await upstreamRequests()).length;
  const stream = await client.chat.completions.create({
    model: 'replayed',
    messages: [{ role: 'user', content: 'Say hello' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  const finishReasons = [];
  const usages = [];
  let chunksAfterUsage = 0;
  for await (const chunk of stream) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    assert.equal(chunk.model, 'replayed');
    if (usages.length) chunksAfterUsage++;
    if (chunk.usage) {
      assert.deepEqual(chunk.choices, []);
      usages.push(usageOf(chunk.usage));
      continue;
    }
    text += chunk.choices[0].delta.content ?? '';
    if (chunk.choices[0].finish_reason) finishReasons.push(chunk.choices[0].finish_reason);
  }
  assert.equal(text, FIXTURE_TEXT);
  assert.deepEqual(finishReasons, ['stop']);
  assert.deepEqual(usages, [FIXTURE_USAGE]);
  assert.equal(chunksAfterUsage, 0, 'the usage chunk is the last one');

  const requests = (await upstreamRequests()).slice(before);
  assert.equal(requests.length, 1, 'one upstream request, no retry');
  assert.equal(requests[0].model, 'gpt-4o-mini', 'the alias is sent upstream as its upstream-model');
  assert.equal(requests[0].stream, true);
  assert.equal(requests[0].includeUsage, true);
  assert.equal(requests[0].completed, true);
});

test('non-streamed: the same text, finish reason and usage in one completion', async () => {
  const completion = await client.chat.completions.create({
    model: 'replayed',
    messages: [{ role: 'user', content: 'Say hello' }],
  });
  assert.equal(completion.object, 'chat.completion');
  assert.equal(completion.choices.length, 1);
  assert.equal(completion.choices[0].message.role, 'assistant');
  assert.equal(completion.choices[0].message.content, FIXTURE_TEXT);
  assert.equal(completion.choices[0].finish_reason, 'stop');
  assert.deepEqual(usageOf(completion.usage), FIXTURE_USAGE);
});

test('aborting the SDK stream closes the upstream connection within a second of the grace period', async () => {
  const graceMs = Number(process.env.SLUICE_GRACE_MS);
  assert.ok(graceMs >= 0, 'SLUICE_GRACE_MS is set by run.sh');
  const before = (await upstreamRequests()).length;
  const stream = await client.chat.completions.create({
    model: 'replayed',
    messages: [{ role: 'user', content: `${STALL_MARKER} Say hello` }],
    stream: true,
  });
  // read by hand: leaving a for-await loop would abort the stream itself
  const chunks = stream[Symbol.asyncIterator]();
  let text = '';
  while (text.length === 0) {
    const { value, done } = await chunks.next();
    assert.equal(done, false, 'the stream ended before any text');
    text += value.choices[0]?.delta?.content ?? '';
  }
  assert.equal(text, 'Hello'); // the upstream now sends nothing more, with its connection open
  const [request] = (await upstreamRequests()).slice(before);
  assert.equal(request.stalled, true);
  assert.equal(request.closedAt, null, 'the upstream connection is open while the client reads');

  stream.controller.abort();
  const abortedAt = Date.now();
  // Sluice keeps a stream whose last subscriber left for the grace period (a client may resume
  // it by its X-Sluice-Stream-Id), then cancels it, which closes the upstream connection.
  const deadline = abortedAt + graceMs + 1000;
  let closed;
  while (!closed) {
    closed = (await upstreamRequests()).find((r) => r.id === request.id && r.closedAt !== null);
    if (!closed) {
      assert.ok(Date.now() < deadline, `upstream connection still open ${graceMs + 1000} ms after the abort`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  assert.equal(closed.completed, false, 'closed by Sluice, not by the end of the reply');
  assert.ok(closed.closedAt - abortedAt <= graceMs + 1000, `closed ${closed.closedAt - abortedAt} ms after the abort`);
});
