// Headless Chromium on the playground page at `/`: a person's view of a stream.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { sluiceUrl, requestJson, finishedStatus } from '../lib/sluice.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const PROMPT = 'Watch the gate open: 水門 🌊 — tokens flow, one by one.';

let browser;
before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-quic', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser?.close(); });

async function openPlayground(viewport) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(`${sluiceUrl()}/`);
  // The model list comes from GET /v1/models.
  await page.waitForSelector('#model option[value="sluice-echo"]', { state: 'attached' });
  return { page, problems };
}

async function startStream(page, { model, prompt, tokens, gap }) {
  await page.selectOption('#model', model);
  await page.fill('#prompt', prompt);
  await page.fill('#tokens', String(tokens));
  await page.fill('#gap', String(gap));
  await page.fill('#ttft', '50');
  await page.click('#start');
  await page.waitForFunction(() => /^str_/.test(document.getElementById('stream-id').textContent));
  return (await page.textContent('#stream-id')).trim();
}

const statusText = (page) => page.textContent('#status').then((s) => s.trim());

test('a stream typed into the page shows exactly the server-side text, TTFT and gaps', async () => {
  const { page, problems } = await openPlayground({ width: 1200, height: 900 });
  const id = await startStream(page, { model: 'sluice-echo', prompt: PROMPT, tokens: 200, gap: 25 });
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('done'), null, { timeout: 20000 });
  assert.equal(await statusText(page), 'done · stop');

  const status = await finishedStatus(id);
  assert.equal(await page.textContent('#output'), status.text);
  assert.equal(status.text, PROMPT);
  assert.equal((await page.textContent('#seq')).trim(), String(status.last_seq));
  assert.match((await page.textContent('#ttft-value')).trim(), /^\d+ ms$/);
  const deltas = Number((await page.textContent('#token-count')).trim());
  assert.ok(deltas > 1, 'several tokens arrived');
  assert.match((await page.textContent('#gap-summary')).trim(), /^\d+\.\d \/ \d+\.\d ms$/);
  // The chart drew one bar per gap: some pixels of the bar colour exist.
  const painted = await page.evaluate(() => {
    const c = document.getElementById('gap-chart');
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
  assert.ok(painted > 500, `chart painted ${painted} pixels`);
  await page.screenshot({ path: `${ARTIFACTS}playground-desktop.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('pause then resume (?after=) still ends with the exact text; cancel ends as cancelled', async () => {
  const { page, problems } = await openPlayground({ width: 360, height: 800 });
  const noHorizontalScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(noHorizontalScroll, 'the page fits 360 px without horizontal scrolling');

  const id = await startStream(page, { model: 'sluice-sim', prompt: 'Tell me a story.', tokens: 60, gap: 30 });
  await page.waitForFunction(() => Number(document.getElementById('token-count').textContent) >= 3);
  await page.click('#pause');
  assert.equal(await statusText(page), 'paused');
  await page.click('#resume');
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('done'), null, { timeout: 20000 });
  const status = await finishedStatus(id);
  assert.equal(status.status, 'completed');
  assert.equal(await page.textContent('#output'), status.text);
  await page.screenshot({ path: `${ARTIFACTS}playground-360.png`, fullPage: true });

  const second = await startStream(page, { model: 'sluice-sim', prompt: 'Tell me a long story.', tokens: 2000, gap: 30 });
  await page.waitForFunction(() => Number(document.getElementById('token-count').textContent) >= 3);
  await page.click('#cancel');
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('done'), null, { timeout: 20000 });
  assert.equal(await statusText(page), 'done · cancelled');
  const cancelled = (await requestJson('GET', `/v1/streams/${second}`)).json;
  assert.equal(cancelled.status, 'cancelled');
  assert.equal(cancelled.finish_reason, 'cancelled');
  assert.equal(await page.textContent('#output'), cancelled.text);
  assert.deepEqual(problems, []);
  await page.close();
});

test('masked text is highlighted where its replacement stands, and the text stays exact', async () => {
  // Profile `e2e` is configured by run.sh: e-mail masked, phone partial, prompts left alone.
  const { page, problems } = await openPlayground({ width: 1000, height: 900 });
  await page.fill('#masking', 'e2e');
  const id = await startStream(page, {
    model: 'sluice-echo', prompt: 'Write to ada@example.com or call +44 20 7946 0958 today.', tokens: 200, gap: 10,
  });
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('done'), null, { timeout: 20000 });
  const status = await finishedStatus(id);
  assert.equal(status.text, 'Write to [EMAIL] or call +4***58 today.');
  assert.equal(status.redactions, 2);
  assert.equal(await page.textContent('#output'), status.text);
  const marks = await page.$$eval('#output mark.redaction', (ms) => ms.map((m) => [m.textContent, m.title]));
  assert.deepEqual(marks, [['[EMAIL]', 'email: mask'], ['+4***58', 'phone: partial']]);
  await page.screenshot({ path: `${ARTIFACTS}playground-redaction.png` });
  assert.deepEqual(problems, []);
  await page.close();
});
