// The official @anthropic-ai/sdk against Sluice's Anthropic Messages API, unchanged but for its
// base URL: over the simulator (`sluice-echo`), and over the replaying OpenAI-compatible upstream
// (`replayed`, lib/replay-upstream.js), so an Anthropic client reads an OpenAI upstream's text and
// tool calls as Anthropic's blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { sluiceUrl } from '../lib/sluice.js';
import { FIXTURE_TEXT, FIXTURE_USAGE, STALL_MARKER, TOOLS_MARKER, TOOL_CALL, TOOL_USAGE } from '../lib/replay-upstream.js';

const client = new Anthropic({ baseURL: sluiceUrl(), apiKey: 'not-needed', maxRetries: 0, timeout: 30000 });
const FAST = { gap_ms: 0, ttft_ms: 0 };

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

test('messages.create: one message with the echoed text, end_turn and usage', async () => {
  const message = await client.messages.create({
    model: 'sluice-echo',
    max_tokens: 50,
    messages: [{ role: 'user', content: 'one two three' }],
    sluice: FAST,
  });
  assert.match(message.id, /^msg_[0-9a-f]{32}$/);
  assert.equal(message.type, 'message');
  assert.equal(message.role, 'assistant');
  assert.equal(message.model, 'sluice-echo');
  assert.deepEqual(message.content, [{ type: 'text', text: 'one two three' }]);
  assert.equal(message.stop_reason, 'end_turn');
  assert.equal(message.stop_sequence, null);
  assert.equal(message.usage.output_tokens, 3);
});

test('create({stream: true}): Anthropic event order, one text block, the estimate in message_start', async () => {
  const params = { model: 'sluice-echo', max_tokens: 50, system: 'Be brief.', messages: [{ role: 'user', content: 'one two three' }] };
  const stream = await client.messages.create({ ...params, stream: true, sluice: FAST });
  const events = [];
  for await (const event of stream) events.push(event);
  assert.deepEqual(events.map((e) => e.type), ['message_start', 'content_block_start', 'content_block_delta',
    'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  assert.deepEqual(events[1], { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
  assert.deepEqual(events.slice(2, 5).map((e) => e.delta), [
    { type: 'text_delta', text: 'one' }, { type: 'text_delta', text: ' two' }, { type: 'text_delta', text: ' three' }]);
  assert.equal(events[6].delta.stop_reason, 'end_turn');
  assert.equal(events[6].usage.output_tokens, 3);

  const counted = await client.messages.countTokens(params);
  assert.ok(counted.input_tokens > 0);
  assert.equal(events[0].message.usage.input_tokens, counted.input_tokens,
    'count_tokens answers the estimate message_start reports');
});

test('messages.stream over an OpenAI-compatible upstream: text events, finalMessage with the upstream usage', async () => {
  const before = (await upstreamRequests()).length;
  const stream = client.messages.stream({
    model: 'replayed',
    max_tokens: 64,
    messages: [{ role: 'user', content: 'Say hello' }],
  });
  const texts = [];
  stream.on('text', (delta) => texts.push(delta));
  const message = await stream.finalMessage();
  assert.equal(texts.join(''), FIXTURE_TEXT);
  assert.ok(texts.length > 1, 'the text arrived in pieces');
  assert.deepEqual(message.content, [{ type: 'text', text: FIXTURE_TEXT }]);
  assert.equal(message.stop_reason, 'end_turn');
  assert.equal(message.usage.input_tokens, FIXTURE_USAGE.prompt_tokens, 'message_delta replaces the estimate');
  assert.equal(message.usage.output_tokens, FIXTURE_USAGE.completion_tokens);

  const requests = (await upstreamRequests()).slice(before);
  assert.equal(requests.length, 1);
  assert.equal(requests[0].model, 'gpt-4o-mini');
  assert.equal(requests[0].stream, true);
});

test('messages.stream with tools: the upstream tool call is a tool_use block with its parsed input', async () => {
  const before = (await upstreamRequests()).length;
  const stream = client.messages.stream({
    model: 'replayed',
    max_tokens: 64,
    tools: [{ name: 'get_weather', description: 'Weather now', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
    tool_choice: { type: 'auto' },
    messages: [{ role: 'user', content: `${TOOLS_MARKER} Weather in Zürich?` }],
  });
  const partials = [];
  stream.on('inputJson', (partial) => partials.push(partial));
  const message = await stream.finalMessage();
  assert.equal(message.stop_reason, 'tool_use');
  assert.equal(message.content.length, 1);
  const [block] = message.content;
  assert.equal(block.type, 'tool_use');
  assert.equal(block.id, TOOL_CALL.id);
  assert.equal(block.name, TOOL_CALL.name);
  assert.deepEqual(block.input, TOOL_CALL.input);
  assert.equal(partials.join(''), JSON.stringify(TOOL_CALL.input));
  assert.equal(message.usage.output_tokens, TOOL_USAGE.completion_tokens);

  const [request] = (await upstreamRequests()).slice(before);
  assert.deepEqual(request.tools, [{ type: 'function', function: { name: 'get_weather', description: 'Weather now',
    parameters: { type: 'object', properties: { city: { type: 'string' } } } } }]);
  assert.equal(request.toolChoice, 'auto');
});

test('an unknown model is the SDK\'s NotFoundError, with Sluice\'s code', async () => {
  await assert.rejects(
    client.messages.create({ model: 'claude-nope', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
    (err) => {
      assert.ok(err instanceof Anthropic.NotFoundError, `got ${err?.constructor?.name}: ${err?.message}`);
      assert.equal(err.status, 404);
      assert.equal(err.type, 'not_found_error');
      assert.equal(err.errorCode, 'model_not_found');
      return true;
    });
});

test('a request without max_tokens is the SDK\'s BadRequestError', async () => {
  await assert.rejects(
    client.messages.create({ model: 'sluice-echo', messages: [{ role: 'user', content: 'x' }] }),
    (err) => {
      assert.ok(err instanceof Anthropic.BadRequestError, `got ${err?.constructor?.name}: ${err?.message}`);
      assert.equal(err.type, 'invalid_request_error');
      assert.equal(err.errorCode, 'missing_required_parameter');
      return true;
    });
});

test('a failure mid-stream rejects finalMessage with the error event after the text that came', async () => {
  const stream = client.messages.stream({
    model: 'sluice-echo',
    max_tokens: 50,
    messages: [{ role: 'user', content: 'one two three four' }],
    sluice: { ...FAST, fail: 'drop', fail_at: 2 },
  });
  const texts = [];
  stream.on('text', (delta) => texts.push(delta));
  stream.on('error', () => {}); // the rejection below is the assertion
  await assert.rejects(stream.finalMessage(), (err) => {
    assert.ok(err instanceof Anthropic.APIError, `got ${err?.constructor?.name}: ${err?.message}`);
    assert.equal(err.type, 'api_error');
    assert.equal(err.errorCode, 'upstream_error');
    return true;
  });
  assert.equal(texts.join(''), 'one two');
});

test('aborting the SDK stream closes the upstream connection within a second of the grace period', async () => {
  const graceMs = Number(process.env.SLUICE_GRACE_MS);
  assert.ok(graceMs >= 0, 'SLUICE_GRACE_MS is set by run.sh');
  const before = (await upstreamRequests()).length;
  const stream = client.messages.stream({
    model: 'replayed',
    max_tokens: 64,
    messages: [{ role: 'user', content: `${STALL_MARKER} Say hello` }],
  });
  // an aborted stream rejects its end with the SDK's abort error; awaited below
  const ended = stream.done().then(() => null, (err) => err);
  await new Promise((resolve) => stream.on('text', resolve)); // "Hello"; then the upstream stalls
  const [request] = (await upstreamRequests()).slice(before);
  assert.equal(request.stalled, true);
  assert.equal(request.closedAt, null, 'the upstream connection is open while the client reads');

  stream.abort();
  const abortedAt = Date.now();
  assert.ok((await ended) instanceof Anthropic.APIUserAbortError);
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
});
