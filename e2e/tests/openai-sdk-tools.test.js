// Tool calling with the official openai npm SDK: streamed tool-call chunks, the SDK's own stream
// accumulation, and its runTools loop (call → tool result → final answer), against the simulator's
// tool mode (the `sluice` object is an extra body field, which the SDK sends unchanged) and against
// the replaying upstream's recording of two parallel calls (one byte per write).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { sluiceUrl } from '../lib/sluice.js';
import { FIXTURE_TEXT, TOOL_FIXTURE_CALLS, TOOL_FIXTURE_FRAGMENTS } from '../lib/replay-upstream.js';

const client = new OpenAI({ baseURL: `${sluiceUrl()}/v1`, apiKey: 'not-needed', maxRetries: 0, timeout: 30000 });

const FAST = { gap_ms: 0, ttft_ms: 0, seed: 42 };
const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather in a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
];
// o200k_base's tokens of {"city":"Zürich"}: the simulator streams one per chunk.
const ZURICH_FRAGMENTS = ['{"', 'city', '":"', 'Z', 'ür', 'ich', '"}'];

/** Every tool_calls entry of a stream, with the chunk's finish reason. */
async function collect(stream) {
  const entries = [];
  const finishes = [];
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (!choice) continue;
    for (const entry of choice.delta.tool_calls ?? []) entries.push(entry);
    if (choice.finish_reason) finishes.push(choice.finish_reason);
  }
  return { entries, finishes };
}

test('streamed: index, id, type and name once, then the argument fragments in order, finish tool_calls', async () => {
  const stream = await client.chat.completions.create({
    model: 'sluice-sim',
    messages: [{ role: 'user', content: 'Weather in Zürich?' }],
    tools: TOOLS,
    stream: true,
    sluice: { ...FAST, tool_call: { name: 'get_weather', arguments: { city: 'Zürich' } } },
  });
  const { entries, finishes } = await collect(stream);
  const [opening, ...fragments] = entries;
  assert.match(opening.id, /^call_[0-9a-f]{24}$/);
  assert.deepEqual(opening, { index: 0, id: opening.id, type: 'function', function: { name: 'get_weather', arguments: '' } });
  assert.deepEqual(fragments, ZURICH_FRAGMENTS.map((arguments_) => ({ index: 0, function: { arguments: arguments_ } })));
  assert.deepEqual(finishes, ['tool_calls']);
});

test('the SDK stream helper assembles parallel calls with indexes 0 and 1', async () => {
  const runner = client.chat.completions.stream({
    model: 'sluice-sim',
    messages: [{ role: 'user', content: 'Weather in Tokyo, and the time?' }],
    tools: TOOLS,
    sluice: { ...FAST, tool_call: [{ name: 'get_weather', arguments: { city: '東京' } }, 'get_time'] },
  });
  const completion = await runner.finalChatCompletion();
  const calls = completion.choices[0].message.tool_calls;
  assert.equal(completion.choices[0].finish_reason, 'tool_calls');
  assert.deepEqual(calls.map((c) => c.function.name), ['get_weather', 'get_time']);
  assert.deepEqual(calls.map((c) => c.function.arguments), ['{"city":"東京"}', '{}']);
  assert.notEqual(calls[0].id, calls[1].id);
});

test('runTools: the SDK calls the function with the parsed arguments and ends with the answer', async () => {
  const seen = [];
  const runner = client.chat.completions.runTools({
    model: 'sluice-sim',
    messages: [{ role: 'user', content: 'Weather in Zürich?' }],
    tools: [{
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Current weather in a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        parse: JSON.parse,
        function: (args) => {
          seen.push(args);
          return { city: args.city, temp: 3 };
        },
      },
    }],
    sluice: { ...FAST, tool_call: { name: 'get_weather', arguments: { city: 'Zürich' } } },
  });
  const answer = await runner.finalContent();
  assert.deepEqual(seen, [{ city: 'Zürich' }]);
  assert.equal(answer, 'get_weather returned {"city":"Zürich","temp":3}.');
  const roles = runner.messages.map((m) => m.role);
  assert.deepEqual(roles, ['user', 'assistant', 'tool', 'assistant']);
});

test('runTools streaming, two parallel calls: both run and the answer names both results', async () => {
  const runner = client.chat.completions.runTools({
    model: 'sluice-sim',
    stream: true,
    messages: [{ role: 'user', content: 'Weather in Tokyo, and the time?' }],
    tools: [
      { type: 'function', function: { name: 'get_weather', parameters: TOOLS[0].function.parameters, parse: JSON.parse, function: (a) => `${a.city}: 21°C` } },
      { type: 'function', function: { name: 'get_time', parameters: TOOLS[1].function.parameters, parse: JSON.parse, function: () => '09:30' } },
    ],
    sluice: { ...FAST, tool_call: [{ name: 'get_weather', arguments: { city: '東京' } }, 'get_time'] },
  });
  let streamed = '';
  runner.on('content', (delta) => { streamed += delta; });
  const answer = await runner.finalContent();
  assert.equal(answer, 'get_weather returned 東京: 21°C. get_time returned 09:30.');
  assert.equal(streamed, answer, 'the final answer streamed as content deltas');
});

test('masking: a card number planted in the arguments arrives masked and the arguments still parse', async () => {
  const completion = await client.chat.completions.create({
    model: 'sluice-sim',
    messages: [{ role: 'user', content: 'Pay' }],
    tools: TOOLS,
    masking: 'standard',
    sluice: { ...FAST, tool_call: { name: 'get_weather', arguments: '{"city":"4242 4242 4242 4242","zip":4111111111111111}' } },
  });
  const args = completion.choices[0].message.tool_calls[0].function.arguments;
  assert.equal(args, '{"city":"[CARD]","zip":"[CARD]"}');
  assert.deepEqual(JSON.parse(args), { city: '[CARD]', zip: '[CARD]' });
});

test('replayed upstream, one byte per write: the recorded calls exactly, streamed', async () => {
  const stream = await client.chat.completions.create({
    model: 'replayed',
    messages: [{ role: 'user', content: 'Weather in Zürich and Tokyo?' }],
    tools: TOOLS,
    stream: true,
  });
  const { entries, finishes } = await collect(stream);
  const opening = entries.filter((e) => e.id);
  assert.deepEqual(opening.map((e) => [e.index, e.id, e.type, e.function.name]),
    TOOL_FIXTURE_CALLS.map((c, i) => [i, c.id, 'function', c.name]));
  for (const [index, fragments] of TOOL_FIXTURE_FRAGMENTS.entries()) {
    assert.deepEqual(entries.filter((e) => e.index === index && !e.id).map((e) => e.function.arguments), fragments);
  }
  assert.deepEqual(finishes, ['tool_calls']);
});

test('replayed upstream: runTools runs both recorded calls, sends the results, ends with the text', async () => {
  const calls = [];
  const runner = client.chat.completions.runTools({
    model: 'replayed',
    messages: [{ role: 'user', content: 'Weather in Zürich and Tokyo?' }],
    tools: [{
      type: 'function',
      function: {
        name: 'get_weather',
        parameters: TOOLS[0].function.parameters,
        parse: JSON.parse,
        function: (args) => { calls.push(args); return { temp: args.city === 'Zürich' ? 3 : 21 }; },
      },
    }],
  });
  assert.equal(await runner.finalContent(), FIXTURE_TEXT);
  assert.deepEqual(calls, [{ city: 'Zürich', unit: '°C' }, { city: '東京', unit: '°C' }]);
  const requests = (await (await fetch(`${process.env.REPLAY_URL}/_stats`)).json()).requests;
  const last = requests[requests.length - 1];
  assert.equal(last.repliedWithToolCalls, false);
  assert.deepEqual(last.toolResults, [
    { tool_call_id: TOOL_FIXTURE_CALLS[0].id, content: '{"temp":3}' },
    { tool_call_id: TOOL_FIXTURE_CALLS[1].id, content: '{"temp":21}' },
  ]);
  assert.deepEqual(last.assistantToolCalls.map((c) => [c.id, c.function.name, c.function.arguments]),
    TOOL_FIXTURE_CALLS.map((c) => [c.id, c.name, c.arguments]));
});
