#!/usr/bin/env node
// Accessibility checks of bleibe's pages in headless Chromium (WCAG 2.1 A + AA).
//
// Usage: node tests/browser/a11y.mjs [BASE_URL]     (or BLEIBE_URL=… node …)
//
// For every page, in German (the default) and in English (?lang=en):
//   - axe-core with the tags wcag2a, wcag2aa, wcag21a, wcag21aa;
//   - the HTTP status is the expected one (200, or 404/400 for the error pages);
//   - <html lang> is the expected language;
//   - exactly one <h1>;
//   - reflow (WCAG 1.4.10): at a 320 CSS px wide viewport nothing scrolls sideways.
// Every failed check counts as a violation. Exits 1 if any page has one, 2 on a setup error.
// The last line is "N passed, M failed" (pages).
//
// Environment: BLEIBE_URL (base URL), CHROMIUM_PATH (default /usr/bin/chromium),
// A11Y_JSON (optional path: writes the full results there as JSON).

import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import axe from 'axe-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const REFLOW_WIDTH = 320;
const MAX_TARGETS = 3;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function fatal(msg) {
  console.error(`a11y: ${msg}`);
  process.exit(2);
}

const base = (process.argv[2] || process.env.BLEIBE_URL || '').replace(/\/+$/, '');
if (!/^https?:\/\/[^/]+$/.test(base)) {
  fatal('usage: node a11y.mjs BASE_URL (e.g. http://127.0.0.1:18089), or set BLEIBE_URL');
}
const origin = new URL(base).origin;

/** The id of the first job of a kind, from the JSON API. */
async function firstJobId(kind) {
  const url = `${base}/api/v1/jobs?kind=${encodeURIComponent(kind)}&per_page=1`;
  let res;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (e) {
    fatal(`GET ${url} failed: ${e.message}`);
  }
  if (!res.ok) fatal(`GET ${url} answered ${res.status}`);
  const body = await res.json();
  const id = body?.items?.[0]?.id;
  if (id === undefined || id === null) fatal(`GET ${url}: no items[0].id in the answer`);
  return id;
}

/** The first item's id of a JSON list at `path` (`items` of a page, or the array itself). */
async function firstId(path) {
  const url = `${base}${path}`;
  let res;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (e) {
    fatal(`GET ${url} failed: ${e.message}`);
  }
  if (!res.ok) fatal(`GET ${url} answered ${res.status}`);
  const body = await res.json();
  const list = Array.isArray(body) ? body : body?.items;
  const id = list?.[0]?.id;
  if (id === undefined || id === null) fatal(`GET ${url}: no first id in the answer`);
  return id;
}

/** Appends lang=en to a path that may already have a query. */
function withLang(path, lang) {
  if (lang === 'de') return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
}

/**
 * What sticks out to the right of the viewport (runs in the page): the outermost elements
 * whose box does, and elements whose text does (a long word that does not wrap), each as a
 * short CSS-like path with how often it occurs.
 */
function overflowingElements(limit) {
  const vw = document.documentElement.clientWidth;
  const describe = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      let s = e.localName;
      if (e.id) {
        parts.unshift(`${s}#${e.id}`);
        break;
      }
      const cls = [...e.classList].slice(0, 2);
      if (cls.length) s += `.${cls.join('.')}`;
      parts.unshift(s);
    }
    return parts.join(' > ');
  };
  const found = new Map();
  const add = (el, what, right) => {
    const key = `${describe(el)}${what}`;
    const f = found.get(key) || { n: 0, right: 0 };
    f.n += 1;
    f.right = Math.max(f.right, Math.round(right));
    found.set(key, f);
  };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > vw + 1) {
      const p = el.parentElement?.getBoundingClientRect();
      if (p && p.right > vw + 1) continue; // its parent is reported already
      add(el, '', r.right);
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim() || !n.parentElement) continue;
    const box = n.parentElement.getBoundingClientRect();
    if (box.right > vw + 1) continue; // the element itself is reported already
    const range = document.createRange();
    range.selectNodeContents(n);
    const right = Math.max(...[...range.getClientRects()].map((rc) => rc.right), 0);
    if (right > vw + 1) add(n.parentElement, ' (its text)', right);
  }
  return [...found]
    .slice(0, limit)
    .map(([k, f]) => `${k}: right edge at ${f.right}px${f.n > 1 ? ` (${f.n} elements)` : ''}`);
}

async function checkPage(browser, spec) {
  const violations = [];
  const context = await browser.newContext({
    // Chromium would send "Accept-Language: en-US"; a German visitor's browser sends German.
    locale: 'de-DE',
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: true, // needed for axe itself; the pages have no scripts (CSP: script-src 'none')
  });
  // Nothing may leave the server under test (there is no network here anyway).
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === origin ? route.continue() : route.abort(),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const consoleErrors = [];
  page.on('console', (m) => {
    // The browser logs the expected 404/400 of the error pages themselves: not worth a note.
    const expected = `Failed to load resource: the server responded with a status of ${spec.status} `;
    if (m.type() === 'error' && !(spec.status !== 200 && m.text().startsWith(expected))) {
      consoleErrors.push(m.text());
    }
  });
  try {
    const res = await page.goto(base + spec.url, { waitUntil: 'load' });
    const status = res ? res.status() : 0;
    if (status !== spec.status) {
      violations.push({
        id: 'http-status',
        impact: 'serious',
        help: `HTTP status is ${status}, expected ${spec.status}`,
        targets: [],
      });
    }

    // axe-core. page.evaluate is not subject to the page's CSP, unlike an inline <script>.
    await page.evaluate(axe.source);
    const results = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      TAGS,
    );
    for (const v of results.violations) {
      violations.push({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.length,
        targets: v.nodes.map((n) => n.target.join(' ')),
        summaries: v.nodes.map((n) => n.failureSummary),
        html: v.nodes.map((n) => n.html),
      });
    }

    const { lang, h1s } = await page.evaluate(() => ({
      lang: document.documentElement.getAttribute('lang'),
      h1s: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim().slice(0, 60)),
    }));
    if (lang !== spec.lang) {
      violations.push({
        id: 'html-lang-expected',
        impact: 'serious',
        help: `<html lang="${lang}">, expected "${spec.lang}"`,
        targets: ['html'],
      });
    }
    if (h1s.length !== 1) {
      violations.push({
        id: 'single-h1',
        impact: 'moderate',
        help: `${h1s.length} <h1> elements, expected exactly one`,
        targets: h1s.map((t) => `h1: "${t}"`),
      });
    }

    await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
    const reflow = {
      scrollWidth: await page.evaluate(() => document.documentElement.scrollWidth),
      offenders: await page.evaluate(overflowingElements, MAX_TARGETS + 2),
    };
    if (reflow.scrollWidth > REFLOW_WIDTH + 1) {
      violations.push({
        id: 'reflow-320',
        impact: 'serious',
        help: `WCAG 1.4.10 Reflow: at ${REFLOW_WIDTH}px wide the page is ${reflow.scrollWidth}px wide (horizontal scrolling)`,
        targets: reflow.offenders,
      });
    }
  } catch (e) {
    violations.push({ id: 'check-error', impact: 'critical', help: e.message.split('\n')[0], targets: [] });
  } finally {
    await context.close();
  }
  return { ...spec, violations, consoleErrors };
}

function report(r) {
  const label = `[${r.lang}] ${r.url}`;
  if (r.violations.length === 0) {
    console.log(`PASS ${label} (0 violations)`);
  } else {
    console.log(`FAIL ${label} (${r.violations.length} violation${r.violations.length === 1 ? '' : 's'})`);
    for (const v of r.violations) {
      const n = v.nodes !== undefined ? ` (${v.nodes} element${v.nodes === 1 ? '' : 's'})` : '';
      console.log(`  - ${v.id} [${v.impact ?? 'n/a'}] ${v.help}${n}`);
      for (const t of v.targets.slice(0, MAX_TARGETS)) console.log(`      ${t}`);
      if (v.targets.length > MAX_TARGETS) console.log(`      … and ${v.targets.length - MAX_TARGETS} more`);
    }
  }
  for (const c of r.consoleErrors.slice(0, 3)) console.log(`  note: console error: ${c}`);
}

async function main() {
  const [apprenticeshipId, jobId] = [await firstJobId('apprenticeship'), await firstJobId('job')];
  // The demo networks of a fresh installation, with their public measures and events.
  const networkId = await firstId('/api/v1/networks');
  const measureId = await firstId(`/api/v1/measures?network=${networkId}`);
  const eventId = await firstId(`/api/v1/events?network=${networkId}`);
  const pages = [
    ['/networks', 200],
    [`/networks/${networkId}`, 200],
    [`/networks/${networkId}/measures`, 200],
    [`/networks/${networkId}/measures/compare?target_group=returnees`, 200],
    [`/networks/${networkId}/events`, 200],
    [`/measures/${measureId}`, 200],
    [`/events/${eventId}`, 200],
    ['/registrations/unbekannt', 404],
    ['/', 200],
    ['/jobs', 200],
    ['/jobs?q=Mechatroniker&near=Spremberg&radius_km=30', 200],
    ['/jobs?q=xyzzynothing', 200],
    [`/jobs/${apprenticeshipId}`, 200],
    [`/jobs/${jobId}`, 200],
    ['/places/2898304', 200],
    ['/places/2898304/profile/edit', 401],
    ['/leben-und-arbeiten', 200],
    ['/leben-und-arbeiten?p1_query=Verk%C3%A4ufer&p1_car=30&p2_occupation=2&p2_transit=60&children=3%2C+8&nature=3&rail_link=1', 200],
    ['/leben-und-arbeiten?p1_query=Verk%C3%A4ufer&p1_car=30&compare=2830085&compare=2939811', 200],
    ['/leben-und-arbeiten?p1_occupation=2&p1_bike=2&settlement=city', 200],
    ['/leben-und-arbeiten?p1_query=Pflege&p1_car=lange', 400],
    // Case management: the public intake form; the rest needs an account (cases.mjs signs in).
    ['/beraten', 200],
    ['/me/case', 401],
    ['/cases', 401],
    ['/impressum', 200],
    ['/datenschutz', 200],
    ['/barrierefreiheit', 200],
    ['/about', 200],
    ['/login', 200],
    ['/signup', 200],
    ['/password/forgot', 200],
    ['/jobs/999999999', 404],
    ['/jobs?near=Spremberg&radius_km=abc', 400],
  ];
  const specs = [];
  for (const lang of ['de', 'en']) {
    for (const [path, status] of pages) specs.push({ url: withLang(path, lang), lang, status });
  }

  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const browser = await chromium
    .launch({ executablePath, headless: true, chromiumSandbox: false, args: CHROMIUM_ARGS, timeout: 60_000 })
    .catch((e) => fatal(`cannot start Chromium at ${executablePath}: ${e.message}`));
  console.log(`axe-core ${axe.version}, ${browser.version()}, ${base}, ${specs.length} pages`);

  const results = [];
  try {
    for (const spec of specs) {
      const r = await checkPage(browser, spec);
      report(r);
      results.push(r);
    }
  } finally {
    await browser.close();
  }

  if (process.env.A11Y_JSON) writeFileSync(process.env.A11Y_JSON, JSON.stringify(results, null, 2));
  const failed = results.filter((r) => r.violations.length > 0).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((e) => fatal(e.stack || String(e)));
