// The console in a real browser (Debian's chromium driven by playwright-core) against the four
// services and the console on private ports, seeded by the 2013 demo (./hld console-test).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { call, consoleUrl } from './api.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const shots = process.env.HLD_CONSOLE_SHOTS ?? path.resolve('.hld/console-tests');
const run = Date.now().toString(36);
let browser;

before(async () => {
  await mkdir(shots, { recursive: true });
  browser = await chromium.launch({ executablePath: process.env.HLD_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
});

after(async () => { await browser?.close(); });

async function visitor() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  return { context, page: await context.newPage() };
}

// The role picker is a form like any other: choose, submit, land where the sign-in was asked from.
async function signIn(page, role, returnTo) {
  await page.goto(`${consoleUrl}/signin?ReturnUrl=${encodeURIComponent(returnTo)}`);
  await page.check(`#role-${role}`);
  await Promise.all([page.waitForURL(`${consoleUrl}${returnTo}`), page.click('main form button[type=submit]')]);
}

// axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays as served).
async function seriousViolations(page) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.ok(results.passes.length > 10, `axe-core ran its rules (${results.passes.length} passed)`);
  return results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}

async function shoot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function until(what, probe, ms = 5000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

test('an anonymous visitor is sent to sign in from the desk and the dashboard, and sees neither', async () => {
  const { context, page } = await visitor();
  for (const path of ['/desk', '/dashboard']) {
    const response = await page.goto(`${consoleUrl}${path}`);
    assert.equal(response.status(), 200);
    assert.match(page.url(), /\/signin\?ReturnUrl=/, `${path} should redirect to sign-in`);
    assert.equal(await page.locator('#lists, #participation-total').count(), 0);
  }
  const direct = await context.request.get(`${consoleUrl}/desk`, { maxRedirects: 0 });
  assert.equal(direct.status(), 302);
  await shoot(page, 'signin');
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test('the Hall display shows the plenary list with levels, and the round tables with their co-chairs, under a CSP without inline script', async () => {
  const { context, page } = await visitor();
  const response = await page.goto(`${consoleUrl}/?meeting=1`);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(await page.locator('script:not([src])').count(), 0);
  const list = await call('sessions', 'get-speakers-list', { meetingNumber: 1 }, { role: 'reporting-reader' });
  const shown = await page.locator('table.speakers tbody tr').evaluateAll(rows => rows.map(r => r.dataset.participant));
  assert.deepEqual(shown, list.positions.slice(0, shown.length).map(p => p.participantId));
  assert.ok(shown.length >= 5, `expected the demo's speakers, saw ${shown.length}`);
  assert.match(await page.locator('span.limit').innerText(), /5/);
  assert.equal(await page.locator('li.round-table').count(), 4);
  const board = await call('sessions', 'get-co-chair-balance', {}, { role: 'reporting-reader' });
  assert.equal(await page.locator('.co-chair').count(), board.coChairs.length);
  await shoot(page, 'hall');
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test('the Hall display changes without a reload when a delegation\'s level changes (para 5)', async () => {
  const { context, page } = await visitor();
  await page.goto(`${consoleUrl}/?meeting=1`);
  await page.evaluate(() => { window.__notReloaded = true; });
  const rows = () => page.locator('table.speakers tbody tr').evaluateAll(r => r.map(x => x.dataset.participant));
  const before = await rows();
  // The last Member State shown, raised to Head of State, moves to the head of the Member States' block.
  const list = await call('sessions', 'get-speakers-list', { meetingNumber: 1 }, { role: 'reporting-reader' });
  const mover = list.positions.filter(p => p.rank === 'SPEAKER_RANK_MEMBER_STATE' && p.level !== 'LEVEL_OF_REPRESENTATION_HEAD_OF_STATE').at(-1);
  assert.ok(mover, 'a Member State below Head of State on the list');
  const { delegation } = await call('registry', 'get-delegation', { participantId: mover.participantId }, { role: 'member-state', as: mover.participantId });
  await call('registry', 'update-delegation', { delegation: { ...delegation, level: 'LEVEL_OF_REPRESENTATION_HEAD_OF_STATE' } }, { role: 'member-state', as: mover.participantId });
  const changedAt = Date.now();
  await until(`${mover.participantId} to move up on the Hall display`, async () => (await rows()).indexOf(mover.participantId) < before.indexOf(mover.participantId), 10000);
  const tookMs = Date.now() - changedAt;
  assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was not reloaded');
  assert.equal(await page.locator(`tr[data-participant="${mover.participantId}"]`).getAttribute('data-level'), 'LEVEL_OF_REPRESENTATION_HEAD_OF_STATE');
  console.log(`the Hall display showed the level change ${tookMs} ms after the API acknowledged it`);
  await shoot(page, 'hall-after-level-change');
  await context.close();
});

test('the dashboard\'s chart totals equal the API\'s participation counts, and its CSV is the API\'s export', async () => {
  const { context, page } = await visitor();
  await signIn(page, 'reporting-reader', '/dashboard');
  const counts = await call('reporting', 'get-participation-counts', {}, { role: 'reporting-reader' });
  const total = Number(counts.total);
  assert.ok(total > 0);
  assert.equal(Number(await page.locator('#participation-total').innerText()), total);
  for (const id of ['by-category', 'by-group', 'by-level']) {
    const chart = page.locator(`svg#${id}`);
    assert.equal(Number(await chart.getAttribute('data-total')), total, `${id} total`);
    const bars = await chart.locator('g.bar-row').evaluateAll(g => g.map(x => Number(x.dataset.count)));
    assert.equal(bars.reduce((a, b) => a + b, 0), total, `${id} bars`);
    const cells = await page.locator(`table[data-chart="${id}"] tbody td.num`).allInnerTexts();
    assert.deepEqual(cells.map(Number), bars, `${id} table beside the chart`);
  }
  const byCategory = new Map();
  for (const cell of counts.counts) byCategory.set(cell.category, (byCategory.get(cell.category) ?? 0) + Number(cell.count));
  for (const [category, count] of byCategory) {
    assert.equal(Number(await page.locator(`svg#by-category g[data-key="${category}"]`).getAttribute('data-count')), count, category);
  }
  const csv = await context.request.get(`${consoleUrl}/dashboard?handler=Csv`);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /text\/csv/);
  const exported = await call('reporting', 'export-csv', { table: 'CSV_TABLE_PARTICIPATION' }, { role: 'reporting-reader' });
  assert.equal(await csv.text(), exported.csv);
  const sections = await page.locator('table.report tbody tr').count();
  assert.ok(sections >= 19, `the implementation report's ${sections} sections`);
  await shoot(page, 'dashboard');
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test('the desk circulates a list through the API, and shows the paragraph when the API refuses (para 12)', async () => {
  const { context, page } = await visitor();
  const pga = { role: 'pga-office' };
  const igos = `p8-console-${run}`;
  await call('registry', 'create-list', { listId: igos, kind: 'LIST_KIND_OTHER_IGOS', title: { texts: { en: 'Other IGOs (console test)' } } }, pga);
  let { list } = await call('registry', 'get-list', { listId: igos }, pga);
  await call('registry', 'add-list-entry', { listId: igos, participantId: 'igo-oecd', etag: list.etag }, pga);
  const stakeholders = `p12-console-${run}`;
  await call('registry', 'create-list', { listId: stakeholders, kind: 'LIST_KIND_OTHER_STAKEHOLDERS', title: { texts: { en: 'Other stakeholders (console test)' } } }, pga);
  ({ list } = await call('registry', 'get-list', { listId: stakeholders }, pga));
  await call('registry', 'add-list-entry', { listId: stakeholders, participantId: 'biz-remit', etag: list.etag }, pga);

  await signIn(page, 'pga-office', '/desk');
  await shoot(page, 'desk');
  assert.deepEqual(await seriousViolations(page), []);
  assert.equal(await page.locator(`tr[data-list="${igos}"]`).getAttribute('data-status'), 'LIST_STATUS_DRAFT');
  await Promise.all([page.waitForLoadState('load'), page.click(`#circulate-${igos}`)]);
  await page.locator('#outcome.done').waitFor();
  assert.equal(await page.locator(`tr[data-list="${igos}"]`).getAttribute('data-status'), 'LIST_STATUS_CIRCULATED');
  assert.equal((await call('registry', 'get-list', { listId: igos }, pga)).list.status, 'LIST_STATUS_CIRCULATED');

  // Circulated without the consultation with Member States that para 12 asks for first: refused.
  await page.fill(`#deadline-${stakeholders}`, '2014-09-01T18:00');
  await Promise.all([page.waitForLoadState('load'), page.click(`#circulate-${stakeholders}`)]);
  const refusal = page.locator('#outcome.refused');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-paragraph'), '12');
  assert.match(await refusal.locator('.paragraph').innerText(), /12/);
  assert.ok((await refusal.locator('.message').innerText()).length > 10, 'the API\'s message is shown');
  // The message is the API's LocalizedMessage for the page's language (accept-language on every call):
  // the same refusal read in French is worded in French, with the same paragraph.
  const english = await refusal.locator('.message').innerText();
  assert.equal(await refusal.locator('.message').getAttribute('lang'), 'en');
  await page.selectOption('#lang-picker', 'fr');
  await page.click('form.language button');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  await page.goto(`${consoleUrl}/desk`);
  await page.fill(`#deadline-${stakeholders}`, '2014-09-01T18:00');
  await Promise.all([page.waitForLoadState('load'), page.click(`#circulate-${stakeholders}`)]);
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-paragraph'), '12');
  assert.equal(await refusal.locator('.message').getAttribute('lang'), 'fr');
  assert.notEqual(await refusal.locator('.message').innerText(), english);
  await shoot(page, 'desk-refused-fr');
  assert.equal((await call('registry', 'get-list', { listId: stakeholders }, pga)).list.status, 'LIST_STATUS_DRAFT');
  await shoot(page, 'desk-refused');
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test('a form posted without its antiforgery token is refused', async () => {
  const { context, page } = await visitor();
  await signIn(page, 'pga-office', '/desk');
  const forged = await context.request.post(`${consoleUrl}/desk?handler=Circulate`, { form: { listId: 'p8-2013', etag: '1' }, maxRedirects: 0 });
  assert.equal(forged.status(), 400);
  const signOut = await context.request.post(`${consoleUrl}/signout`, { maxRedirects: 0 });
  assert.equal(signOut.status(), 400);
  await context.close();
});

test('a role the desk is not for is turned away from it', async () => {
  const { context, page } = await visitor();
  await page.goto(`${consoleUrl}/signin?ReturnUrl=%2F`);
  await page.check('#role-reporting-reader');
  await Promise.all([page.waitForURL(`${consoleUrl}/`), page.click('main form button[type=submit]')]);
  const response = await page.goto(`${consoleUrl}/desk`);
  assert.match(page.url(), /\/denied/);
  assert.equal(response.status(), 403);
  assert.equal(await page.locator('#lists').count(), 0);
  await context.close();
});

test('in Arabic every page is right to left, in Arabic, and still has no serious accessibility violation', async () => {
  const { context, page } = await visitor();
  await signIn(page, 'secretariat', '/');
  await page.selectOption('#lang-picker', 'ar');
  await page.click('form.language button');
  await page.waitForFunction(() => document.documentElement.lang === 'ar');
  for (const [name, path] of [['hall-ar', '/'], ['dashboard-ar', '/dashboard'], ['desk-ar', '/desk']]) {
    await page.goto(`${consoleUrl}${path}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'ar', path);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl', path);
    assert.deepEqual(await seriousViolations(page), [], path);
    await shoot(page, name);
  }
  for (const lang of ['zh', 'fr', 'ru', 'es', 'en']) {
    await page.goto(`${consoleUrl}/?lang=${lang}`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  }
  await context.close();
});

test('the pages can be used from the keyboard: the skip link comes first and reaches the main content', async () => {
  const { context, page } = await visitor();
  await page.goto(`${consoleUrl}/`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip');
  await page.keyboard.press('Enter');
  assert.match(page.url(), /#main$/);
  const reached = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
  }
  assert.ok(reached.includes('meeting'), `Tab reaches the meeting picker: ${reached.join(', ')}`);
  await context.close();
});
