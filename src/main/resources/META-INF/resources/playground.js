// Sluice playground: starts a stream with POST /v1/streams and follows it with EventSource,
// using only the native API (named SSE events, ?after= resume, DELETE to cancel).
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const ui = {
    form: $('controls'), model: $('model'), prompt: $('prompt'), masking: $('masking'),
    tokens: $('tokens'), gap: $('gap'), ttft: $('ttft'), background: $('background'),
    start: $('start'), cancel: $('cancel'), pause: $('pause'), resume: $('resume'),
    error: $('error'), status: $('status'), streamId: $('stream-id'), seq: $('seq'),
    ttftValue: $('ttft-value'), tokenCount: $('token-count'), gapSummary: $('gap-summary'),
    output: $('output'), reasoningBox: $('reasoning-box'), reasoning: $('reasoning'),
    chart: $('gap-chart'), caption: $('chart-caption'),
  };

  /** Everything known about the stream on screen. */
  let stream = null;
  let source = null;

  function newStream(doc, startedAt) {
    return {
      id: doc.id, eventsUrl: doc.events_url || `/v1/streams/${doc.id}/events`,
      startedAt, lastSeq: -1, lastArrival: 0, ttftMs: null, gaps: [], tokens: 0,
      finished: false, textNode: null, mark: null, markRemaining: 0,
    };
  }

  // ---- requests ------------------------------------------------------------------------

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: reported below */ }
    if (!response.ok) {
      const message = json && json.error && json.error.message ? json.error.message : `${response.status} ${response.statusText}`;
      const error = new Error(message);
      error.code = json && json.error ? json.error.code : undefined;
      throw error;
    }
    return json;
  }

  async function loadModels() {
    try {
      const list = await api('GET', '/v1/models');
      const ids = (list && list.data ? list.data : []).map((m) => m.id).filter(Boolean);
      if (ids.length === 0) return;
      const previous = ui.model.value;
      ui.model.replaceChildren(...ids.map((id) => new Option(id, id)));
      ui.model.value = ids.includes(previous) ? previous : ids[0];
    } catch (e) {
      showError(`Could not list models: ${e.message}`);
    }
  }

  function intOf(input, fallback) {
    const n = Number.parseInt(input.value, 10);
    return Number.isFinite(n) ? n : fallback;
  }

  function startRequest() {
    const masking = ui.masking.value.trim();
    return {
      ...(masking ? { masking } : {}),
      model: ui.model.value,
      prompt: ui.prompt.value,
      background: ui.background.checked,
      simulator: {
        tokens: intOf(ui.tokens, 80),
        gap_ms: intOf(ui.gap, 30),
        ttft_ms: intOf(ui.ttft, 0),
      },
    };
  }

  // ---- stream lifecycle -------------------------------------------------------------------

  async function start() {
    closeSource();
    clearError();
    resetView();
    setStatus('starting');
    setButtons({ start: false, cancel: false, pause: false, resume: false });
    const startedAt = performance.now();
    try {
      let doc;
      try {
        doc = await api('POST', '/v1/streams', startRequest());
      } catch (e) {
        if (e.code !== 'simulator_overrides_disabled') throw e;
        // A production server refuses the tuning fields; stream with the server's own settings.
        const { simulator, ...plain } = startRequest();
        doc = await api('POST', '/v1/streams', plain);
        showError('This server refuses simulator overrides (sluice.simulator.request-overrides=false): '
          + 'tokens, gap and TTFT are the server\'s own.');
      }
      stream = newStream(doc, startedAt);
      ui.streamId.textContent = stream.id;
      follow(stream.eventsUrl);
    } catch (e) {
      showError(e.message);
      setStatus('failed to start', 'error');
      setButtons({ start: true, cancel: false, pause: false, resume: false });
    }
  }

  /** Subscribes to the stream's events; duplicates (seq already seen) are dropped. */
  function follow(url) {
    setStatus('streaming');
    setButtons({ start: false, cancel: true, pause: true, resume: false });
    const es = new EventSource(url);
    source = es;
    const on = (type, handler) => es.addEventListener(type, (e) => {
      if (source !== es) return;
      handler(e);
    });
    on('start', (e) => accept(e, () => {}));
    on('delta', (e) => accept(e, onDelta));
    on('redaction', (e) => accept(e, onRedaction));
    on('citation', (e) => accept(e, () => {}));
    on('usage', (e) => accept(e, () => {}));
    on('done', (e) => accept(e, (ev) => finish(`done · ${ev.finishReason}`, ev.finishReason === 'stop' ? 'done' : '')));
    // 'error' is both the server's error event (with data) and EventSource's connection error.
    on('error', (e) => {
      if (e.data) {
        const ev = parse(e.data);
        if (!ev) return;
        if (ev.seq === -1) { // a per-subscriber notice such as slow_consumer: resume to continue
          closeSource();
          showError(`${ev.code}: ${ev.message}`);
          setStatus(`${ev.code} · resume to continue`, 'error');
          setButtons({ start: true, cancel: true, pause: false, resume: true });
          return;
        }
        accept(e, () => {
          showError(`${ev.code}: ${ev.message}`);
          finish(`error · ${ev.code}`, 'error');
        });
      } else if (es.readyState === EventSource.CONNECTING) {
        setStatus('reconnecting');
      } else {
        closeSource();
        setStatus('disconnected', 'error');
        setButtons({ start: true, cancel: !!stream && !stream.finished, pause: false, resume: !!stream && !stream.finished });
      }
    });
  }

  function parse(data) {
    try { return JSON.parse(data); } catch { return null; }
  }

  function accept(message, handler) {
    const ev = parse(message.data);
    if (!ev || !stream || ev.streamId !== stream.id) return;
    if (ev.seq <= stream.lastSeq) return; // replayed after a resume: already shown
    stream.lastSeq = ev.seq;
    ui.seq.textContent = String(ev.seq);
    handler(ev);
  }

  function onDelta(ev) {
    const now = performance.now();
    if (ev.channel === 'reasoning') {
      ui.reasoningBox.hidden = false;
      ui.reasoning.append(ev.text);
      return;
    }
    if (stream.ttftMs === null) {
      stream.ttftMs = now - stream.startedAt;
      ui.ttftValue.textContent = `${Math.round(stream.ttftMs)} ms`;
      ui.ttftValue.title = `server: ${ev.at.toFixed(1)} ms after the stream started`;
    } else {
      stream.gaps.push(now - stream.lastArrival);
    }
    stream.lastArrival = now;
    stream.tokens += 1;
    appendText(ev.text);
    ui.tokenCount.textContent = String(stream.tokens);
    scheduleChart();
  }

  // A redaction event announces that the text which follows is a replacement (e.g. "[EMAIL]"):
  // that many characters of the next deltas go into a highlight, so the page still shows
  // exactly the stream's text.
  function onRedaction(ev) {
    const mark = document.createElement('mark');
    mark.className = 'redaction';
    mark.title = `${ev.detector}: ${ev.action}`;
    ui.output.append(mark);
    stream.mark = mark;
    stream.markRemaining = (ev.replacement || '').length;
    stream.textNode = null;
  }

  /** Appends to one text node until a highlight interrupts it, so long outputs stay cheap. */
  function appendText(text) {
    const stick = ui.output.scrollTop + ui.output.clientHeight >= ui.output.scrollHeight - 4;
    if (stream.markRemaining > 0) {
      const highlighted = text.slice(0, stream.markRemaining);
      stream.mark.append(highlighted);
      stream.markRemaining -= highlighted.length;
      text = text.slice(highlighted.length);
    }
    if (text) {
      if (!stream.textNode) {
        stream.textNode = document.createTextNode('');
        ui.output.append(stream.textNode);
      }
      stream.textNode.appendData(text);
    }
    if (stick) ui.output.scrollTop = ui.output.scrollHeight;
  }

  function finish(label, kind) {
    stream.finished = true;
    closeSource();
    setStatus(label, kind);
    setButtons({ start: true, cancel: false, pause: false, resume: false });
    drawChart();
  }

  async function cancel() {
    if (!stream) return;
    setButtons({ start: false, cancel: false, pause: false, resume: false });
    try {
      const doc = await api('DELETE', `/v1/streams/${encodeURIComponent(stream.id)}`);
      // A live subscription receives `done · cancelled` itself (maybe before this answer);
      // a paused one only has this answer.
      if (!source && !stream.finished) {
        stream.finished = true;
        setStatus(doc && doc.finish_reason ? `done · ${doc.finish_reason}` : (doc && doc.status) || 'cancelled');
        setButtons({ start: true, cancel: false, pause: false, resume: true });
      }
    } catch (e) {
      showError(`Cancel failed: ${e.message}`);
      setButtons({ start: true, cancel: true, pause: !!source, resume: !source });
    }
  }

  function pause() {
    closeSource();
    setStatus('paused');
    setButtons({ start: true, cancel: true, pause: false, resume: true });
  }

  function resume() {
    if (!stream) return;
    clearError();
    const after = stream.lastSeq;
    // A pause breaks the gap measurement; the next token starts a new run of gaps.
    stream.lastArrival = performance.now();
    follow(`${stream.eventsUrl}?after=${after}`);
  }

  function closeSource() {
    if (source) {
      source.close();
      source = null;
    }
  }

  // ---- view ------------------------------------------------------------------------------

  function resetView() {
    stream = null;
    ui.output.replaceChildren();
    ui.reasoning.replaceChildren();
    ui.reasoningBox.hidden = true;
    ui.streamId.textContent = '—';
    ui.seq.textContent = '—';
    ui.ttftValue.textContent = '—';
    ui.ttftValue.removeAttribute('title');
    ui.tokenCount.textContent = '0';
    ui.gapSummary.textContent = '—';
    drawChart();
  }

  function setStatus(text, kind = '') {
    ui.status.textContent = text;
    ui.status.className = kind ? `status-${kind}` : '';
  }

  function setButtons(state) {
    ui.start.disabled = !state.start;
    ui.cancel.disabled = !state.cancel;
    ui.pause.disabled = !state.pause;
    ui.resume.disabled = !state.resume;
  }

  function showError(message) {
    ui.error.textContent = message;
    ui.error.hidden = false;
  }

  function clearError() {
    ui.error.textContent = '';
    ui.error.hidden = true;
  }

  // ---- chart -----------------------------------------------------------------------------

  let chartPending = false;
  function scheduleChart() {
    if (chartPending) return;
    chartPending = true;
    requestAnimationFrame(() => { chartPending = false; drawChart(); });
  }

  function percentile(sorted, p) {
    if (sorted.length === 0) return 0;
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  }

  function niceCeiling(value) {
    const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];
    return steps.find((s) => s >= value) || Math.ceil(value / 10000) * 10000;
  }

  /** Bars of the latest gaps that fit the canvas, scaled to a round maximum, target gap dashed. */
  function drawChart() {
    const canvas = ui.chart;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 300;
    const height = canvas.clientHeight || 160;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const style = getComputedStyle(document.documentElement);
    const color = (name) => style.getPropertyValue(name).trim();

    const gaps = stream ? stream.gaps : [];
    const target = intOf(ui.gap, 0);
    const left = 40;
    const bottom = height - 18;
    const plotWidth = width - left - 4;
    const barWidth = Math.max(1, Math.min(12, plotWidth / Math.max(gaps.length, 1)));
    const shown = gaps.slice(-Math.floor(plotWidth / barWidth));
    const max = niceCeiling(Math.max(target * 1.5, ...shown, 1));

    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = color('--muted');
    ctx.strokeStyle = color('--grid');
    ctx.lineWidth = 1;
    for (const fraction of [0, 0.5, 1]) {
      const y = Math.round(bottom - fraction * (bottom - 8)) + 0.5;
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(width - 4, y); ctx.stroke();
      ctx.fillText(`${Math.round(max * fraction)} ms`, 0, y + 4);
    }
    ctx.fillText(shown.length ? `last ${shown.length} gaps` : 'no tokens yet', left, height - 4);

    shown.forEach((gap, i) => {
      const h = Math.max(1, (Math.min(gap, max) / max) * (bottom - 8));
      ctx.fillStyle = target > 0 && gap > target * 2 ? color('--bar-late') : color('--bar');
      ctx.fillRect(left + i * barWidth, bottom - h, Math.max(1, barWidth - (barWidth > 3 ? 1 : 0)), h);
    });

    if (target > 0 && target <= max) {
      const y = Math.round(bottom - (target / max) * (bottom - 8)) + 0.5;
      ctx.strokeStyle = color('--text');
      ctx.setLineDash([4, 3]);
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(width - 4, y); ctx.stroke();
      ctx.setLineDash([]);
    }

    if (gaps.length > 0) {
      const sorted = [...gaps].sort((a, b) => a - b);
      const p50 = percentile(sorted, 50);
      const top = sorted[sorted.length - 1];
      ui.gapSummary.textContent = `${p50.toFixed(1)} / ${top.toFixed(1)} ms`;
      ui.caption.textContent = `${gaps.length} gaps measured in this browser: median ${p50.toFixed(1)} ms, `
        + `99th percentile ${percentile(sorted, 99).toFixed(1)} ms, max ${top.toFixed(1)} ms`
        + (target > 0 ? ` (simulator gap ${target} ms, dashed line).` : '.');
    }
  }

  // ---- wiring ----------------------------------------------------------------------------

  ui.form.addEventListener('submit', (e) => { e.preventDefault(); start(); });
  ui.cancel.addEventListener('click', cancel);
  ui.pause.addEventListener('click', pause);
  ui.resume.addEventListener('click', resume);
  window.addEventListener('resize', scheduleChart);
  drawChart();
  loadModels();
})();
