// The official openai npm SDK's legacy completions and embeddings against Sluice: the simulator
// (no upstream) and the replaying OpenAI-compatible upstream that run.sh starts (alias `replayed`,
// and names the `replay` provider accepts by pattern: `replay/davinci-*`, `replay/text-embedding-*`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { sluiceUrl } from '../lib/sluice.js';
import { COMPLETION_TEXT, COMPLETION_USAGE, embeddingFor } from '../lib/replay-upstream.js';

const client = new OpenAI({ baseURL: `${sluiceUrl()}/v1`, apiKey: 'not-needed', maxRetries: 0, timeout: 30000 });

const PROMPT = 'Sluice gates: ouverture à 06:30 — 水門を開く 🚰👩‍💻 done.';
const usageOf = (u) => ({ prompt_tokens: u.prompt_tokens, completion_tokens: u.completion_tokens, total_tokens: u.total_tokens });

async function upstreamRequests() {
  const response = await fetch(`${process.env.REPLAY_URL}/_stats`);
  assert.equal(response.status, 200);
  return (await response.json()).requests;
}

async function readCompletion(stream) {
  let text = '';
  const finishReasons = [];
  const ids = new Set();
  let usage = null;
  let afterUsage = 0;
  for await (const chunk of stream) {
    assert.equal(chunk.object, 'text_completion');
    ids.add(chunk.id);
    if (usage) afterUsage++;
    if (chunk.usage) {
      assert.deepEqual(chunk.choices, []);
      usage = usageOf(chunk.usage);
      continue;
    }
    assert.equal(chunk.choices.length, 1);
    assert.equal(chunk.choices[0].index, 0);
    assert.equal(chunk.choices[0].logprobs, null);
    text += chunk.choices[0].text;
    if (chunk.choices[0].finish_reason) finishReasons.push(chunk.choices[0].finish_reason);
  }
  assert.equal(ids.size, 1, 'every chunk carries the same completion id');
  assert.match([...ids][0], /^cmpl-/);
  assert.equal(afterUsage, 0, 'the usage chunk is the last one');
  return { text, finishReasons, usage };
}

test('streamed completion (echo): the chunks concatenate to the prompt, finish stop, usage last', async () => {
  const stream = await client.completions.create({
    model: 'sluice-echo', prompt: PROMPT, stream: true, max_tokens: 200, stream_options: { include_usage: true },
  });
  const { text, finishReasons, usage } = await readCompletion(stream);
  assert.equal(text, PROMPT);
  assert.deepEqual(finishReasons, ['stop']);
  assert.ok(usage.completion_tokens > 0 && usage.prompt_tokens > 0);
  assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
});

test('non-streamed completion (echo) without max_tokens stops at 16 tokens, as OpenAI does', async () => {
  const words = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
  const completion = await client.completions.create({ model: 'sluice-echo', prompt: words });
  assert.equal(completion.object, 'text_completion');
  assert.equal(completion.model, 'sluice-echo');
  assert.equal(completion.choices[0].finish_reason, 'length');
  assert.equal(completion.usage.completion_tokens, 16);
  assert.ok(words.startsWith(completion.choices[0].text) && completion.choices[0].text.length > 0);
});

test('streamed completion through the replayed upstream: its exact text, the raw prompt on /completions', async () => {
  const before = (await upstreamRequests()).length;
  const stream = await client.completions.create({
    model: 'replayed', prompt: 'The capital of France is', stream: true, stream_options: { include_usage: true },
  });
  const { text, finishReasons, usage } = await readCompletion(stream);
  assert.equal(text, COMPLETION_TEXT);
  assert.deepEqual(finishReasons, ['length']);
  assert.deepEqual(usage, COMPLETION_USAGE);
  const requests = (await upstreamRequests()).slice(before);
  assert.equal(requests.length, 1);
  assert.equal(requests[0].path, '/completions');
  assert.equal(requests[0].model, 'gpt-4o-mini');
  assert.equal(requests[0].prompt, 'The capital of France is');
  assert.equal(requests[0].maxTokens, 16);
});

test('a model name the replay provider accepts by pattern reaches it unchanged', async () => {
  const before = (await upstreamRequests()).length;
  const completion = await client.completions.create({ model: 'replay/davinci-002', prompt: 'Go', max_tokens: 5 });
  assert.equal(completion.model, 'replay/davinci-002');
  assert.equal(completion.choices[0].text, COMPLETION_TEXT);
  const [request] = (await upstreamRequests()).slice(before);
  assert.equal(request.model, 'davinci-002');
  assert.equal(request.maxTokens, 5);
});

test('a parameter Sluice cannot honour is a BadRequestError naming it', async () => {
  await assert.rejects(client.completions.create({ model: 'sluice-echo', prompt: 'x', n: 2 }), (error) => {
    assert.equal(error.status, 400);
    assert.equal(error.code, 'unsupported_parameter');
    assert.equal(error.param, 'n');
    return true;
  });
});

test('embeddings through the replayed upstream: the SDK default (base64) decodes to the upstream floats', async () => {
  const before = (await upstreamRequests()).length;
  const result = await client.embeddings.create({ model: 'replayed', input: ['Grüße 🌍', 'second'] });
  assert.equal(result.object, 'list');
  assert.equal(result.model, 'replayed');
  assert.deepEqual(result.data.map((d) => [d.object, d.index, d.embedding]),
    [['embedding', 0, embeddingFor(0)], ['embedding', 1, embeddingFor(1)]]);
  assert.deepEqual(result.usage, { prompt_tokens: 4, total_tokens: 4 });
  const [request] = (await upstreamRequests()).slice(before);
  assert.equal(request.path, '/embeddings');
  assert.equal(request.model, 'gpt-4o-mini');
  assert.deepEqual(request.input, ['Grüße 🌍', 'second']);
  assert.equal(request.encodingFormat, 'float', 'Sluice asks floats upstream and encodes base64 itself');
});

test('embeddings as floats, with a model name accepted by pattern', async () => {
  const result = await client.embeddings.create({
    model: 'replay/text-embedding-3-small', input: 'one', encoding_format: 'float',
  });
  assert.deepEqual(result.data[0].embedding, embeddingFor(0));
  assert.equal(result.model, 'replay/text-embedding-3-small');
});

test('the simulator embeds without a key: deterministic, not semantic, 256 dimensions by default', async () => {
  const first = await client.embeddings.create({ model: 'sluice-echo', input: 'the sluice gate' });
  const again = await client.embeddings.create({ model: 'sluice-echo', input: ['the sluice gate'] });
  assert.equal(first.data[0].embedding.length, 256);
  assert.deepEqual(first.data[0].embedding, again.data[0].embedding);
  const norm = Math.sqrt(first.data[0].embedding.reduce((s, v) => s + v * v, 0));
  assert.ok(Math.abs(norm - 1) < 1e-5, `unit length, got ${norm}`);
});
