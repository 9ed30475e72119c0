// A replaying OpenAI-compatible upstream for the e2e suite: Sluice is routed to it (run.sh starts
// it first and passes its URL to Sluice). `POST /chat/completions` answers with a recorded OpenAI
// SSE stream (the Java tests' fixture), written in random small pieces with short pauses, ending
// with `[DONE]`; a prompt containing TOOLS_MARKER gets the recorded single tool call instead, and
// otherwise a request that offers tools and does not end with a tool result gets the recorded
// stream of two parallel tool calls, one byte per write; `POST /completions` likewise with a
// recorded text_completion stream, and `POST /embeddings` with fixed vectors (embeddingFor).
// `GET /_stats` lists every request with when its connection closed, so a test can
// see that a client cancel reached the upstream.
//
// Run directly (`node lib/replay-upstream.js`) it listens on 127.0.0.1 on a free port and prints
// that port on stdout.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.resolve(here, '../../src/test/resources/fixtures/openai/text-utf8.sse');
// `POST /completions` (legacy, prompt in) answers with this recorded text_completion stream.
const COMPLETION_FIXTURE = path.resolve(here, '../../src/test/resources/fixtures/openai/completion-text.sse');
// A prompt with TOOLS_MARKER: one recorded tool call.
const TOOL_FIXTURE = path.resolve(here, '../../src/test/resources/fixtures/openai/tool-call.sse');
// A recorded stream of two parallel tool calls, UTF-8 inside the arguments.
const PARALLEL_TOOL_FIXTURE = path.resolve(here, '../../src/test/resources/fixtures/openai/parallel-tool-calls.sse');

/** The only key the replay accepts: Sluice must send its configured `api-key` as a bearer token. */
export const REPLAY_API_KEY = 'test-key';

/** A prompt containing this marker gets the first content chunk, then silence (connection kept open). */
export const STALL_MARKER = '[stall]';

/** A prompt containing this marker gets the recorded tool call (get_weather, {"city":"Zürich"}). */
export const TOOLS_MARKER = '[tools]';
export const TOOL_CALL = { id: 'call_abc', name: 'get_weather', input: { city: 'Zürich' } };
export const TOOL_USAGE = { prompt_tokens: 40, completion_tokens: 7, total_tokens: 47 };

/** What the fixture streams, for the tests' exact assertions. */
export const FIXTURE_TEXT = 'Hello, wörld 🌍! 你好，世界 👩‍💻\nline two';
export const FIXTURE_USAGE = { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 };
export const COMPLETION_TEXT = ' Paris, the city of lights 🌍 — très belle.';
export const COMPLETION_USAGE = { prompt_tokens: 6, completion_tokens: 8, total_tokens: 14 };

/**
 * `POST /embeddings` answers input i with this vector (exact in 32-bit floats, so base64 and JSON
 * agree) and counts 2 prompt tokens per input.
 */
export const embeddingFor = (i) => [i + 1, 0.5, -0.25];

/** What the tool-call recording streams: a request that offers tools and whose last message is not a tool result gets it. */
export const TOOL_FIXTURE_CALLS = [
  { id: 'call_QpKx6Vh4mB2nT8rY1sWd3LfE', name: 'get_weather', arguments: '{"city":"Zürich","unit":"°C"}' },
  { id: 'call_7GmRz0aNcU5yJ9eXwT2kHbVo', name: 'get_weather', arguments: '{"city":"東京","unit":"°C"}' },
];
/** The argument fragments of each recorded call, in order. */
export const TOOL_FIXTURE_FRAGMENTS = [
  ['{"', 'city', '":"', 'Z', 'ür', 'ich', '",', '"unit', '":"', '°', 'C', '"}'],
  ['{"', 'city', '":"', '東京', '",', '"unit', '":"', '°', 'C', '"}'],
];

// Seeded so that a failing split can be replayed: REPLAY_SEED=<n> (printed on stderr at start).
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function startReplayUpstream({ port = 0, seed = Date.now() % 1_000_000 } = {}) {
  const fixture = readFileSync(FIXTURE);
  const completionFixture = readFileSync(COMPLETION_FIXTURE);
  const parallelToolFixture = readFileSync(PARALLEL_TOOL_FIXTURE);
  const toolFixture = readFileSync(TOOL_FIXTURE);
  // the byte offset just past the first event that carries text ("Hello")
  const firstText = fixture.indexOf('"content":"Hello"');
  const stallAt = fixture.indexOf('\n\n', firstText) + 2;
  const next = random(seed);
  const requests = [];

  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/_stats') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ requests }));
      return;
    }
    const routes = ['/chat/completions', '/completions', '/embeddings'];
    if (req.method !== 'POST' || !routes.includes(req.url)) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } }));
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.headers.authorization !== `Bearer ${REPLAY_API_KEY}`) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } }));
        return;
      }
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'body is not JSON', type: 'invalid_request_error' } }));
        return;
      }
      if (req.url === '/embeddings') {
        const inputs = Array.isArray(body.input) ? body.input : [body.input];
        requests.push({ id: requests.length, path: req.url, model: body.model, input: inputs,
          encodingFormat: body.encoding_format ?? null, openedAt: Date.now(), completed: true, closedAt: Date.now() });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({
          object: 'list',
          model: body.model,
          data: inputs.map((_, i) => ({ object: 'embedding', index: i, embedding: embeddingFor(i) })),
          usage: { prompt_tokens: 2 * inputs.length, total_tokens: 2 * inputs.length },
        }));
        return;
      }
      const stall = JSON.stringify(body.messages ?? []).includes(STALL_MARKER);
      const marked = JSON.stringify(body.messages ?? []).includes(TOOLS_MARKER);
      const messages = Array.isArray(body.messages) ? body.messages : [];
      const last = messages[messages.length - 1];
      // Offered tools and not yet answered by a tool result: the recorded parallel tool calls; else the text.
      const callsTools = !marked && Array.isArray(body.tools) && body.tools.length > 0 && last?.role !== 'tool';
      const record = {
        id: requests.length,
        path: req.url,
        prompt: body.prompt ?? null,
        maxTokens: body.max_tokens ?? null,
        model: body.model,
        stream: body.stream === true,
        includeUsage: body.stream_options?.include_usage === true,
        stalled: stall,
        tools: body.tools ?? null,
        toolChoice: body.tool_choice ?? null,
        repliedWithToolCalls: callsTools,
        toolResults: messages.filter((m) => m.role === 'tool').map((m) => ({ tool_call_id: m.tool_call_id, content: m.content })),
        assistantToolCalls: messages.flatMap((m) => (m.role === 'assistant' && Array.isArray(m.tool_calls) ? m.tool_calls : [])),
        openedAt: Date.now(),
        completed: false,
        closedAt: null,
      };
      requests.push(record);
      res.on('close', () => {
        record.completed = res.writableFinished;
        record.closedAt = Date.now();
      });
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      const reply = req.url === '/completions' ? completionFixture
        : marked ? toolFixture : callsTools ? parallelToolFixture : fixture;
      const end = stall ? stallAt : reply.length;
      let offset = 0;
      const write = () => {
        if (res.destroyed) return;
        if (offset >= end) {
          if (!stall) res.end();
          return; // a stalled reply keeps its connection open until the client (Sluice) closes it
        }
        // the parallel tool-call recording goes one byte per write: every boundary, inside UTF-8 too
        const size = callsTools ? 1 : Math.min(end - offset, 1 + Math.floor(next() * 48));
        res.write(reply.subarray(offset, offset + size));
        offset += size;
        if (callsTools) setImmediate(write);
        else setTimeout(write, Math.floor(next() * 4));
      };
      write();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({
        port: actual,
        url: `http://127.0.0.1:${actual}`,
        seed,
        requests,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seed = process.env.REPLAY_SEED ? Number(process.env.REPLAY_SEED) : undefined;
  const upstream = await startReplayUpstream({ seed });
  console.error(`replay upstream on ${upstream.url} (REPLAY_SEED=${upstream.seed})`);
  console.log(upstream.port);
  const stop = () => upstream.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
