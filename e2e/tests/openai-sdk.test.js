// The official openai npm SDK against Sluice's OpenAI-compatible API, unchanged but for baseURL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { sluiceUrl } from '../lib/sluice.js';

const client = new OpenAI({ baseURL: `${sluiceUrl()}/v1`, apiKey: 'not-needed', maxRetries: 0, timeout: 30000 });

// Multi-byte text on purpose: accents, CJK, an emoji with a ZWJ sequence, a flag.
const PROMPT = 'Sluice gates: ouverture à 06:30 — 水門を開く 🚰👩‍💻🇫🇷 done.';

test('GET /v1/models lists the simulator models', async () => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  assert.ok(ids.includes('sluice-sim'), `models: ${ids}`);
  assert.ok(ids.includes('sluice-echo'), `models: ${ids}`);
});

let streamedUsage;

test('streamed chat completion: deltas concatenate to the prompt, usage last, finish stop', async () => {
  const stream = await client.chat.completions.create({
    model: 'sluice-echo',
    messages: [{ role: 'user', content: PROMPT }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  const finishReasons = [];
  const ids = new Set();
  let usageChunk = null;
  let chunksAfterUsage = 0;
  for await (const chunk of stream) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    ids.add(chunk.id);
    if (usageChunk) chunksAfterUsage++;
    if (chunk.usage) {
      usageChunk = chunk;
      continue;
    }
    assert.equal(chunk.choices.length, 1);
    const choice = chunk.choices[0];
    assert.equal(choice.index, 0);
    text += choice.delta.content ?? '';
    if (choice.finish_reason) finishReasons.push(choice.finish_reason);
  }
  assert.equal(text, PROMPT);
  assert.deepEqual(finishReasons, ['stop']);
  assert.equal(ids.size, 1, 'every chunk carries the same completion id');
  assert.ok(usageChunk, 'include_usage adds a usage chunk');
  assert.deepEqual(usageChunk.choices, [], 'the usage chunk has no choices (as OpenAI sends it)');
  assert.equal(chunksAfterUsage, 0, 'the usage chunk is the last one');
  const usage = usageChunk.usage;
  assert.ok(usage.completion_tokens > 0);
  assert.ok(usage.prompt_tokens > 0);
  assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
  streamedUsage = usage;
});

test('non-streamed chat completion returns the same text and usage', async () => {
  const completion = await client.chat.completions.create({
    model: 'sluice-echo',
    messages: [{ role: 'user', content: PROMPT }],
  });
  assert.equal(completion.object, 'chat.completion');
  assert.equal(completion.choices.length, 1);
  assert.equal(completion.choices[0].message.role, 'assistant');
  assert.equal(completion.choices[0].message.content, PROMPT);
  assert.equal(completion.choices[0].finish_reason, 'stop');
  assert.ok(streamedUsage, 'runs after the streamed test');
  assert.deepEqual(
    { p: completion.usage.prompt_tokens, c: completion.usage.completion_tokens, t: completion.usage.total_tokens },
    { p: streamedUsage.prompt_tokens, c: streamedUsage.completion_tokens, t: streamedUsage.total_tokens },
  );
});

test('unknown model: the SDK throws NotFoundError with code model_not_found', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }], stream: true }),
    (error) => {
      assert.ok(error instanceof OpenAI.NotFoundError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.status, 404);
      assert.equal(error.code, 'model_not_found');
      assert.equal(error.type, 'invalid_request_error');
      assert.equal(error.param, 'model');
      return true;
    },
  );
});
