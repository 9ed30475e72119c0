// Shared helpers for the e2e tests: where Sluice is, and small JSON and SSE utilities.
import { EventSource } from 'eventsource';

/** Base URL of the Sluice under test, e.g. http://127.0.0.1:41234 (set by run.sh). */
export function sluiceUrl() {
  const url = process.env.SLUICE_URL;
  if (!url) throw new Error('SLUICE_URL is not set: run the suite through e2e/run.sh');
  return url.replace(/\/$/, '');
}

export async function requestJson(method, path, body, headers = {}) {
  const response = await fetch(sluiceUrl() + path, {
    method,
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new Error(`${method} ${path} → ${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, json };
}

/** Starts a native stream and returns its 201 document. */
export async function createStream(body) {
  const { status, json } = await requestJson('POST', '/v1/streams', body);
  if (status !== 201) throw new Error(`POST /v1/streams → ${status}: ${JSON.stringify(json)}`);
  return json;
}

/** Waits until a stream's status document says it has ended. */
export async function finishedStatus(id, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await requestJson('GET', `/v1/streams/${id}`);
    if (json.status !== 'running') return json;
    if (Date.now() > deadline) throw new Error(`stream ${id} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const EVENT_TYPES = ['start', 'delta', 'redaction', 'citation', 'usage', 'done', 'error'];
export const isTerminal = (ev) => ev.type === 'done' || (ev.type === 'error' && ev.seq >= 0);

/**
 * Reads a stream's events with the `eventsource` package until the terminal event, or until
 * `limit` events have arrived, then closes the connection. `lastEventId` is sent as the
 * Last-Event-ID header. Each event is checked against its SSE framing (id = seq, name = type).
 */
export function readWithEventSource(path, { lastEventId, limit = Infinity, timeoutMs = 20000 } = {}) {
  return new Promise((resolve, reject) => {
    const events = [];
    const init = lastEventId === undefined ? {} : {
      fetch: (input, options) => fetch(input, {
        ...options,
        headers: { ...options.headers, 'Last-Event-ID': String(lastEventId) },
      }),
    };
    const es = new EventSource(sluiceUrl() + path, init);
    const timer = setTimeout(() => finish(new Error(`timed out after ${events.length} events on ${path}`)), timeoutMs);
    let finished = false;
    function finish(error) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      es.close();
      if (error) reject(error); else resolve(events);
    }
    for (const type of EVENT_TYPES) {
      es.addEventListener(type, (message) => {
        if (finished || message.data === undefined) return; // closed, or a connection error (onerror)
        const ev = JSON.parse(message.data);
        if (ev.type !== type) return finish(new Error(`event name ${type} carries type ${ev.type}`));
        if (message.lastEventId !== String(ev.seq)) return finish(new Error(`id ${message.lastEventId} != seq ${ev.seq}`));
        events.push(ev);
        if (isTerminal(ev) || events.length >= limit) finish();
      });
    }
    // Without data this is a connection failure (the server's own error events carry data).
    es.onerror = (e) => { if (!e.data) finish(new Error(`EventSource failed on ${path}: ${e.message ?? e.code ?? 'connection error'}`)); };
  });
}

export const seqs = (events) => events.map((e) => e.seq);
export const range = (from, to) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
export const deltaText = (events) => events.filter((e) => e.type === 'delta' && e.channel === 'content').map((e) => e.text).join('');
