#!/usr/bin/env node
// Checks the static report-card site that `casecard run` renders into <out>/site/.
//
//   node tests/e2e/check-site.mjs --site DIR [--axe PAGE ...] [--nojs PAGE ...]
//                                 [--screenshots OUTDIR --shot PAGE ...]
//
// PAGE paths are relative to DIR (index.html, providers/1234567890.html). A flag may be
// repeated, or followed by several pages. Every problem is printed with its file and
// detail; the exit code is 1 if any check failed, 2 on a usage error, 0 otherwise.
// See README.md beside this file for what each check does and why.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HtmlValidate, StaticConfigLoader, Parser } from 'html-validate';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Without these Chromium tries to reach Google services at start-up and, on a machine
// whose only network is the package registries, hangs on the refused connections.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
};

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const AXE_FAILING_IMPACTS = new Set(['serious', 'critical']);
const NOJS_MIN_CHARS = 200;

// ---------------------------------------------------------------------------------------
// Reporting: every problem goes through here so the summary can count them.

const failures = [];
let warnings = 0;

function fail(check, where, detail) {
  failures.push({ check, where, detail });
  console.log(`FAIL [${check}] ${where}: ${detail}`);
}

function warn(check, where, detail) {
  warnings += 1;
  console.log(`warn [${check}] ${where}: ${detail}`);
}

// ---------------------------------------------------------------------------------------
// Command line.

function usage(message) {
  if (message) console.error(`check-site: ${message}`);
  console.error('usage: node tests/e2e/check-site.mjs --site DIR [--axe PAGE ...] [--nojs PAGE ...]'
    + ' [--screenshots OUTDIR --shot PAGE ...] [--interact] [--no-validate]');
  process.exit(message ? 2 : 0);
}

function parseArgs(argv) {
  const opts = { site: null, axe: [], nojs: [], shot: [], screenshots: null, interact: false, validate: true };
  let list = null; // the page list that bare arguments after --axe/--nojs/--shot go into
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) usage(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--site': opts.site = value(); list = null; break;
      case '--screenshots': opts.screenshots = value(); list = null; break;
      case '--axe': opts.axe.push(value()); list = opts.axe; break;
      case '--nojs': opts.nojs.push(value()); list = opts.nojs; break;
      case '--shot': opts.shot.push(value()); list = opts.shot; break;
      case '--interact': opts.interact = true; list = null; break;
      case '--no-validate': opts.validate = false; list = null; break;
      case '-h': case '--help': usage(); break;
      default:
        if (arg.startsWith('--') || !list) usage(`unexpected argument ${arg}`);
        list.push(arg);
    }
  }
  if (!opts.site) usage('--site DIR is required');
  if (opts.shot.length && !opts.screenshots) usage('--shot needs --screenshots OUTDIR');
  opts.site = path.resolve(opts.site);
  if (!fs.statSync(opts.site, { throwIfNoEntry: false })?.isDirectory()) usage(`${opts.site} is not a directory`);
  return opts;
}

// ---------------------------------------------------------------------------------------
// Files.

function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

// Site-relative path with forward slashes, for messages and for keys.
function rel(site, file) {
  return path.relative(site, file).split(path.sep).join('/');
}

// html-validate hands back attribute values exactly as written, so `&amp;` in a query
// string or a fragment would otherwise look like part of the path.
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (m, e) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower];
  });
}

// ---------------------------------------------------------------------------------------
// (a) HTML validity, and the parsed documents that the link check reuses.

async function validateHtml(site, htmlFiles, validator) {
  const docs = new Map(); // site-relative path -> parsed root element (or null)
  for (const file of htmlFiles) {
    const name = rel(site, file);
    const report = await validator.validateFile(file);
    for (const result of report.results) {
      for (const m of result.messages) {
        fail('html', `${name}:${m.line}:${m.column}`, `${m.ruleId}: ${m.message}`);
      }
    }
    // A second parse with the same configuration gives a DOM to query for links and ids;
    // the validator does not expose the tree it built.
    try {
      const config = await validator.getConfigFor(file);
      docs.set(name, new Parser(config).parseHtml(fs.readFileSync(file, 'utf8')));
    } catch (err) {
      fail('html', name, `could not be parsed for the link check: ${err.message}`);
      docs.set(name, null);
    }
  }
  return docs;
}

// ---------------------------------------------------------------------------------------
// (b) Internal links.

// Which attributes hold a URL. Only <a>/<area> may point off the site (a provider's own
// website, mailto:, tel:); everything a page loads must come from the site itself so it
// works from file:// and leaks no visit to a third party.
const URL_ATTRS = [
  ['a', 'href', 'navigation'], ['area', 'href', 'navigation'],
  ['link', 'href', 'resource'], ['script', 'src', 'resource'],
  ['img', 'src', 'resource'], ['img', 'srcset', 'srcset'],
  ['source', 'src', 'resource'], ['source', 'srcset', 'srcset'],
  ['iframe', 'src', 'resource'], ['embed', 'src', 'resource'], ['object', 'data', 'resource'],
  ['video', 'src', 'resource'], ['video', 'poster', 'resource'], ['audio', 'src', 'resource'],
  ['track', 'src', 'resource'], ['input', 'src', 'resource'],
  ['form', 'action', 'form'], ['button', 'formaction', 'form'],
];
// Not covered: URLs inside inline <svg> (<use href>, <image href>). html-validate's parser
// keeps only an <svg>'s <title>, so neither those URLs nor ids on SVG shapes are seen here;
// a broken load still shows up as a failed request in the browser checks.

// A made-up root to resolve against: WHATWG URL resolution clamps `..` at the file system
// root, so a link that climbs out of the site ends up outside this prefix and is caught.
const ROOT_URL = 'file:///__site__/';

class LinkChecker {
  constructor(site, docs) {
    this.site = site;
    this.docs = docs;
    this.idCache = new Map();
    this.checked = 0;
  }

  idsOf(page) {
    if (!this.idCache.has(page)) {
      const root = this.docs.get(page);
      const ids = new Set();
      if (root) for (const el of root.querySelectorAll('[id]')) ids.add(decodeEntities(el.id));
      this.idCache.set(page, ids);
    }
    return this.idCache.get(page);
  }

  // Checks one URL found in `from` (a site-relative file). `kind` says what may be
  // absolute: 'navigation' (a link a person follows), 'resource', 'form' or 'css'.
  check(raw, from, where, kind) {
    this.checked += 1;
    const url = raw.trim();
    const bad = (detail) => fail('links', where, `${detail}: ${JSON.stringify(raw)}`);

    if (url.startsWith('//')) return bad('protocol-relative URL (the site must be self-contained)');
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase();
    if (scheme) {
      if (scheme === 'file') return bad('file:// URL');
      if (scheme === 'data' && kind !== 'navigation') return; // inline, so self-contained
      if (['http', 'https', 'mailto', 'tel'].includes(scheme) && kind === 'navigation') return;
      if (scheme === 'http' || scheme === 'https') {
        return bad('absolute URL on a resource (the site must be self-contained)');
      }
      return bad(`URL scheme ${scheme}: not allowed here`);
    }
    if (url.startsWith('/') || url.startsWith('\\')) {
      return bad('root-absolute path (breaks under file://; use a relative path)');
    }
    // A fragment-only url(#id) in a stylesheet refers to whichever document uses it.
    if (kind === 'css' && url.startsWith('#')) return;

    const hashAt = url.indexOf('#');
    const fragment = hashAt >= 0 ? url.slice(hashAt + 1) : null;
    const pathPart = url.slice(0, hashAt >= 0 ? hashAt : url.length).split('?')[0];

    let target = from;
    if (pathPart !== '') {
      const resolved = new URL(pathPart, ROOT_URL + from);
      if (!resolved.pathname.startsWith(new URL(ROOT_URL).pathname)) return bad('points outside the site');
      let decoded;
      try {
        decoded = decodeURIComponent(resolved.pathname.slice(new URL(ROOT_URL).pathname.length));
      } catch {
        return bad('malformed percent-encoding');
      }
      if (decoded === '' || decoded.endsWith('/')) {
        decoded += 'index.html';
        warn('links', where, `${JSON.stringify(raw)} ends in "/": fine on a web server, but from file:// `
          + 'the browser shows a directory listing; link to index.html instead');
      }
      const stat = fs.statSync(path.join(this.site, decoded), { throwIfNoEntry: false });
      if (!stat) return bad(`target ${decoded} does not exist`);
      if (stat.isDirectory()) return bad(`target ${decoded} is a directory`);
      target = decoded;
    }

    if (fragment === null) return;
    if (fragment === '') return bad('empty fragment "#" (a link to nowhere)');
    if (!target.endsWith('.html')) return; // fragments into CSS, images etc. are not ids
    let id;
    try {
      id = decodeURIComponent(fragment);
    } catch {
      return bad('malformed percent-encoding in the fragment');
    }
    if (!this.idsOf(target).has(id)) bad(`no element with id="${id}" in ${target}`);
  }

  // url(...) and @import "..." in a stylesheet, `file` being where relative URLs resolve.
  // `where` is a prefix for messages; for a .css file the line number is added.
  checkCss(css, file, where, withLine = false) {
    // Blank out comments but keep their newlines, so match positions still give lines.
    const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
    const at = (m) => (withLine ? `${where}:${text.slice(0, m.index).split('\n').length}` : where);
    for (const m of text.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)) this.check(m[2], file, at(m), 'css');
    for (const m of text.matchAll(/@import\s+(['"])(.*?)\1/gi)) this.check(m[2], file, at(m), 'css');
  }

  checkPage(page) {
    const root = this.docs.get(page);
    if (!root) return;
    const at = (el) => `${page}:${el.location.line}:${el.location.column}`;
    // One pass over every element, so problems come out in document order.
    for (const el of root.querySelectorAll('*')) {
      for (const [tag, attr, kind] of URL_ATTRS) {
        if (el.tagName !== tag || !el.hasAttribute(attr)) continue;
        const value = decodeEntities(el.getAttributeValue(attr) ?? '');
        if (kind === 'srcset') {
          // "a.png 1x, b.png 2x": the URL is the first word of each candidate.
          for (const candidate of value.split(',')) {
            const candidateUrl = candidate.trim().split(/\s+/)[0];
            if (candidateUrl) this.check(candidateUrl, page, at(el), 'resource');
          }
        } else {
          this.check(value, page, at(el), kind);
        }
      }
      // Inline CSS can load things too.
      if (el.tagName === 'style') this.checkCss(el.textContent, page, at(el));
      if (el.hasAttribute('style')) this.checkCss(decodeEntities(el.getAttributeValue('style') ?? ''), page, at(el));
    }
  }
}

// ---------------------------------------------------------------------------------------
// Browser checks (c, d, e).

// Opens `page` in `context` and records anything that goes wrong: console errors,
// uncaught exceptions, failed requests. The caller calls `stopListening()` before it runs
// code of its own in the page (axe), and `done()` at the end, which reports the problems.
async function openPage(context, site, page, label) {
  const where = `${page} (${label})`;
  const problems = [];
  let listening = true;
  const note = (problem) => { if (listening) problems.push(problem); };
  const tab = await context.newPage();
  tab.on('console', (msg) => {
    // Chromium also logs each failed request as "Failed to load resource" without its
    // URL; requestfailed below reports the same failure with the URL.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource:')) {
      note(`console error: ${msg.text()}`);
    }
  });
  tab.on('pageerror', (err) => note(`uncaught exception: ${err.message}`));
  tab.on('requestfailed', (req) => {
    note(`request failed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`);
  });
  const file = path.join(site, page);
  if (!fs.existsSync(file)) {
    fail('browser', where, 'no such page');
    await tab.close();
    return null;
  }
  try {
    await tab.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 30_000 });
  } catch (err) {
    problems.push(`did not load: ${err.message.split('\n')[0]}`);
  }
  return {
    tab,
    where,
    stopListening() { listening = false; },
    async done() {
      for (const p of problems) fail('browser', where, p);
      await tab.close();
    },
  };
}

async function newContext(browser, options) {
  const context = await browser.newContext(options);
  // Nothing the site loads may come from the network. file:// loads are not routable, so
  // this sees only http(s) requests; aborting them (they are reported by requestfailed)
  // keeps a stray one from waiting on a connection that cannot be made here.
  await context.route(/^https?:/i, (route) => route.abort('blockedbyclient'));
  return context;
}

async function runAxe(browser, site, pages, axeSource) {
  let violations = 0;
  for (const [label, device] of Object.entries(VIEWPORTS)) {
    // bypassCSP: a Content-Security-Policy in the page would otherwise refuse the inline
    // <script> that carries axe. It only affects these contexts; the no-JS and
    // screenshot contexts keep the page's own policy.
    const context = await newContext(browser, { ...device, bypassCSP: true });
    for (const page of pages) {
      const opened = await openPage(context, site, page, `axe, ${label}`);
      if (!opened) continue;
      const { tab, where } = opened;
      // axe fetches every stylesheet with XMLHttpRequest to read its rules, and under
      // file:// each file is its own origin, so that fetch fails with a console error.
      // Those are axe's, not the page's.
      opened.stopListening();
      try {
        await tab.addScriptTag({ content: axeSource });
        const results = await tab.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
          AXE_TAGS,
        );
        console.log(`ok   [axe] ${where}: ran, ${results.violations.length} rules violated, `
          + `${results.passes.length} passed`);
        for (const v of results.violations) {
          const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
          const more = v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : '';
          const detail = `${v.id} [${v.impact}] ${v.help} — ${targets}${more}`;
          if (AXE_FAILING_IMPACTS.has(v.impact)) {
            violations += 1;
            fail('axe', where, detail);
          } else {
            warn('axe', where, detail);
          }
        }
        // "Incomplete" means axe could not decide (e.g. contrast over a background image):
        // not a failure, but worth a person's look.
        if (results.incomplete.length) {
          console.log(`note [axe] ${where}: needs review: ${results.incomplete.map((r) => r.id).join(', ')}`);
        }
      } catch (err) {
        fail('axe', where, `axe did not run: ${err.message.split('\n')[0]}`);
      }
      await opened.done();
    }
    await context.close();
  }
  return violations;
}

async function runNoJs(browser, site, pages) {
  const context = await newContext(browser, { ...VIEWPORTS.desktop, javaScriptEnabled: false });
  for (const page of pages) {
    const opened = await openPage(context, site, page, 'no JS');
    if (!opened) continue;
    const { tab, where } = opened;
    try {
      // Playwright reads innerText from its own isolated script world, which works even
      // though the page's scripts are off. With scripting off the browser renders
      // <noscript>, so its text is subtracted: "please enable JavaScript" is not content.
      const main = tab.locator('main');
      const count = await main.count();
      if (count === 0) {
        fail('nojs', where, 'no <main> element');
      } else {
        const text = (await main.first().innerText()).trim();
        const noscript = (await main.first().locator('noscript').allInnerTexts()).join('').trim();
        const length = text.length - noscript.length;
        if (length < NOJS_MIN_CHARS) {
          fail('nojs', where, `<main> has ${length} characters of visible text without JavaScript `
            + `(at least ${NOJS_MIN_CHARS} expected${noscript.length ? `; ${noscript.length} more are inside <noscript>` : ''})`);
        } else {
          console.log(`ok   [nojs] ${where}: <main> has ${length} characters of visible text`);
        }
      }
    } catch (err) {
      fail('nojs', where, err.message.split('\n')[0]);
    }
    await opened.done();
  }
  await context.close();
}

async function runScreenshots(browser, site, pages, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  for (const [label, device] of Object.entries(VIEWPORTS)) {
    const context = await newContext(browser, device);
    for (const page of pages) {
      const opened = await openPage(context, site, page, `screenshot, ${label}`);
      if (!opened) continue;
      const name = `${page.replace(/\.html$/, '').replace(/[\/\\]/g, '_')}-${label}.png`;
      try {
        await opened.tab.screenshot({ path: path.join(outDir, name), fullPage: true, animations: 'disabled' });
        console.log(`ok   [shot] ${opened.where}: ${path.join(outDir, name)}`);
      } catch (err) {
        fail('shot', opened.where, err.message.split('\n')[0]);
      }
      await opened.done();
    }
    await context.close();
  }
}

// The script's enhancements, used as a person would (--interact): the find filters must
// show exactly the providers of the static county list, the compare form must build a
// side-by-side table that passes axe, and a sortable table must sort.
async function runInteractions(browser, site, axeSource) {
  const context = await newContext(browser, { ...VIEWPORTS.phone, bypassCSP: true });
  const check = (ok, where, detail) => (ok ? console.log(`ok   [interact] ${where}: ${detail}`) : fail('interact', where, detail));
  try {
    // Find: filter by Hennepin County (27053) and compare with find/county-27053.html.
    let opened = await openPage(context, site, 'find.html', 'interact');
    if (opened) {
      const { tab, where } = opened;
      check(await tab.locator('#filters').isVisible(), where, 'filter form is shown when JavaScript runs');
      await tab.selectOption('#f-county', '27053');
      const shown = (await tab.locator('#provider-list .card:visible .card-title').allInnerTexts()).map((t) => t.trim()).sort();
      const status = await tab.locator('#match-count').innerText();
      const list = await context.newPage();
      await list.goto(pathToFileURL(path.join(site, 'find/county-27053.html')).href);
      const expected = (await list.locator('.card-title').allInnerTexts()).map((t) => t.trim()).sort();
      await list.close();
      check(expected.length > 0 && JSON.stringify(shown) === JSON.stringify(expected), where,
        `county filter shows ${shown.length} providers, the static county page lists ${expected.length}`);
      check(status.startsWith(`${shown.length} provider`), where, `status reads "${status}"`);
      await tab.check('#f-accepting');
      const accepting = await tab.locator('#provider-list .card:visible').count();
      const expectedAccepting = await tab.locator('#provider-list .card[data-accepting="yes"][data-counties~="27053"]').count();
      check(accepting === expectedAccepting, where, `county + taking new people shows ${accepting} (expected ${expectedAccepting})`);
      await opened.done();
    }
    // Compare: two providers side by side, then axe on the result.
    opened = await openPage(context, site, 'compare.html', 'interact');
    if (opened) {
      const { tab, where } = opened;
      const values = await tab.locator('#cmp-1 option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      await tab.selectOption('#cmp-1', values[0]);
      await tab.selectOption('#cmp-2', values[1]);
      const heads = await tab.locator('#compare-result thead th').allInnerTexts();
      const rows = await tab.locator('#compare-result tbody tr').count();
      check(heads.length === 4 && rows > 0, where, `side-by-side table has ${heads.length} columns and ${rows} measures`);
      opened.stopListening();
      await tab.addScriptTag({ content: axeSource });
      const results = await tab.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
      const serious = results.violations.filter((v) => AXE_FAILING_IMPACTS.has(v.impact));
      for (const v of serious) fail('axe', `${where} after choosing`, `${v.id} [${v.impact}] ${v.help}`);
      check(serious.length === 0, where, 'axe passes on the built comparison');
      await opened.done();
    }
    // Sorting: the first sortable table of the sources page, by its first column, descending.
    opened = await openPage(context, site, 'sources.html', 'interact');
    if (opened) {
      const { tab, where } = opened;
      const button = tab.locator('table.sortable thead th button').first();
      await button.click();
      await button.click();
      const sort = await tab.locator('table.sortable thead th').first().getAttribute('aria-sort');
      const names = await tab.locator('table.sortable tbody tr th').allInnerTexts();
      const sorted = [...names].sort((a, b) => b.localeCompare(a));
      check(sort === 'descending' && JSON.stringify(names) === JSON.stringify(sorted), where,
        `two clicks sort ${names.length} rows descending (aria-sort=${sort})`);
      await opened.done();
    }
  } catch (err) {
    fail('interact', 'interactions', err.message.split('\n')[0]);
  }
  await context.close();
}

// ---------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const site = opts.site;
  const files = walk(site).sort();
  const htmlFiles = files.filter((f) => f.endsWith('.html'));
  if (htmlFiles.length === 0) fail('html', rel(process.cwd(), site) || '.', 'no .html files in the site');

  const config = JSON.parse(fs.readFileSync(path.join(HERE, 'htmlvalidate.json'), 'utf8'));
  // A static loader, not a file-system one: the site lives outside tests/e2e, and a stray
  // .htmlvalidate.json above it must not change the rules.
  const validator = new HtmlValidate(new StaticConfigLoader(config));
  // --no-validate: browser checks only (a quick look at a few pages of a large site).
  const docs = opts.validate ? await validateHtml(site, htmlFiles, validator) : new Map();

  const links = new LinkChecker(site, docs);
  for (const page of docs.keys()) links.checkPage(page);
  for (const file of files.filter((f) => f.endsWith('.css'))) {
    const name = rel(site, file);
    links.checkCss(fs.readFileSync(file, 'utf8'), name, name, true);
  }

  let violations = 0;
  if (opts.axe.length || opts.nojs.length || opts.shot.length || opts.interact) {
    // A bounded launch: if Chromium hangs anyway, fail in a minute rather than Playwright's three.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
    try {
      const require = createRequire(import.meta.url);
      const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
      if (opts.axe.length) violations = await runAxe(browser, site, opts.axe, axeSource);
      if (opts.interact) await runInteractions(browser, site, axeSource);
      if (opts.nojs.length) await runNoJs(browser, site, opts.nojs);
      if (opts.shot.length) await runScreenshots(browser, site, opts.shot, path.resolve(opts.screenshots));
    } finally {
      await browser.close();
    }
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`check-site: ${failures.length ? 'FAILED' : 'passed'}: ${htmlFiles.length} pages validated, `
    + `${links.checked} links checked, ${opts.axe.length} axe pages, ${violations} serious/critical violations, `
    + `${failures.length} failures, ${warnings} warnings (${seconds} s)`);
  process.exitCode = failures.length ? 1 : 0;
}

main().catch((err) => {
  console.error(`check-site: crashed: ${err.stack || err}`);
  process.exit(1);
});
