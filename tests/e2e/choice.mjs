#!/usr/bin/env node
// Uses the pages where people choose a provider as a person would, in headless Chromium, and
// reports what it saw as JSON on stdout, for the Rust test (tests/it/site_e2e.rs) to check
// against the published results:
//
//   node tests/e2e/choice.mjs --site DIR --langs en,es,hmn,so --sort M1,M2 --type SLUG
//        --pages P1,P2,...
//
// - "sorts": on each language's find page, for each measure of --sort, with no type chosen
//   and with --type chosen: the provider ids of the visible cards in order, and the status
//   line.
// - "switches": for each page of --pages in each language, every link of the language
//   switcher followed: where it landed (site-relative path) and the `lang` of the page there.
//
// - "widths": each page of --pages in each language at a phone's width (390 px): the
//   document's scroll width (WCAG 1.4.10 reflow: nothing may need scrolling sideways).
// - "colors": for each page of --print in each language, printed (print media, JavaScript
//   off): every color, background and border color in use that is not a gray, with where
//   (the sheets must work in black and white).
//
// Exit code 1 if a page failed to load or the browser reported an error.

import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const opts = { site: null, langs: ['en'], sort: [], type: '', pages: [], print: [] };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const v = () => argv[++i];
  switch (argv[i]) {
    case '--site': opts.site = path.resolve(v()); break;
    case '--langs': opts.langs = v().split(','); break;
    case '--sort': opts.sort = v().split(','); break;
    case '--type': opts.type = v(); break;
    case '--pages': opts.pages = v().split(','); break;
    case '--print': opts.print = v().split(','); break;
    default:
      console.error(`unexpected argument ${argv[i]}`);
      process.exit(2);
  }
}
if (!opts.site) {
  console.error('usage: node tests/e2e/choice.mjs --site DIR [--langs en,es] [--sort M1,M2] [--type SLUG] [--pages P1,P2]');
  process.exit(2);
}

const prefix = (lang) => (lang === 'en' ? '' : `${lang}/`);
const errors = [];
const url = (rel) => pathToFileURL(path.join(opts.site, rel)).href;
const siteRel = (href) => path.relative(opts.site, fileURLToPath(href.split('#')[0])).split(path.sep).join('/');

async function open(context, rel) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${rel}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${rel}: console: ${m.text()}`); });
  const response = await page.goto(url(rel), { waitUntil: 'load' });
  if (response && !response.ok()) errors.push(`${rel}: status ${response.status()}`);
  return page;
}

async function visibleIds(page) {
  return page.locator('#provider-list .card:visible .card-title a').evaluateAll(
    (as) => as.map((a) => a.getAttribute('href').replace(/^.*providers\//, '').replace(/\.html$/, '')));
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
const out = { sorts: [], switches: [], widths: [], colors: [] };
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  for (const lang of opts.langs) {
    const rel = `${prefix(lang)}find.html`;
    const page = await open(context, rel);
    for (const type of ['', opts.type]) {
      await page.selectOption('#f-type', type);
      for (const measure of opts.sort) {
        await page.selectOption('#f-sort', measure);
        out.sorts.push({ lang, type, measure, ids: await visibleIds(page), status: await page.locator('#match-count').innerText() });
      }
      // Back to the order by name.
      await page.selectOption('#f-sort', '');
      out.sorts.push({ lang, type, measure: '', ids: await visibleIds(page), status: await page.locator('#match-count').innerText() });
    }
    await page.close();
  }
  for (const lang of opts.langs) {
    for (const p of opts.pages) {
      const from = `${prefix(lang)}${p}`;
      const page = await open(context, from);
      const htmlLang = await page.evaluate(() => document.documentElement.lang);
      const links = await page.locator('nav.switcher a').evaluateAll((as) => as.map((a) => ({
        code: a.getAttribute('hreflang'), lang: a.getAttribute('lang'), href: a.href, current: a.getAttribute('aria-current') === 'page',
      })));
      await page.close();
      const followed = [];
      for (const l of links) {
        const target = await open(context, siteRel(l.href));
        followed.push({ ...l, landed: siteRel(target.url()), landedLang: await target.evaluate(() => document.documentElement.lang) });
        await target.close();
      }
      out.switches.push({ from, lang: htmlLang, links: followed });
    }
  }
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
  for (const lang of opts.langs) {
    for (const p of opts.pages) {
      const rel = `${prefix(lang)}${p}`;
      const page = await open(phone, rel);
      out.widths.push({ page: rel, width: await page.evaluate(() => document.documentElement.scrollWidth) });
      await page.close();
    }
  }
  const printing = await browser.newContext({ javaScriptEnabled: false });
  for (const lang of opts.langs) {
    for (const p of opts.print) {
      const rel = `${prefix(lang)}${p}`;
      const page = await open(printing, rel);
      await page.emulateMedia({ media: 'print' });
      const found = await page.evaluate(() => {
        const seen = new Map();
        const gray = (c) => {
          const m = c.match(/rgba?\(([^)]*)\)/);
          if (!m) return true;
          const [r, g, b, a] = m[1].split(',').map((x) => parseFloat(x));
          return a === 0 || (r === g && g === b);
        };
        for (const el of document.querySelectorAll('body *')) {
          const cs = getComputedStyle(el);
          if (cs.display === 'none' || cs.visibility === 'hidden') continue;
          for (const prop of ['color', 'backgroundColor', 'borderTopColor']) {
            if (prop === 'borderTopColor' && cs.borderTopStyle === 'none') continue;
            const c = cs[prop];
            if (!gray(c) && !seen.has(c + prop)) seen.set(c + prop, `${prop} ${c} on ${el.tagName.toLowerCase()}.${el.className}`);
          }
        }
        return [...seen.values()];
      });
      out.colors.push({ page: rel, found });
      await page.close();
    }
  }
} finally {
  await browser.close();
}
out.errors = errors;
// Not process.exit(): it would cut a large output to a pipe short.
process.stdout.write(JSON.stringify(out) + '\n');
process.exitCode = errors.length ? 1 : 0;
