#!/usr/bin/env node
// Prints pages to PDF in headless Chromium, as a person pressing Print would, and reports
// how many sheets each takes: for the monthly statements, which should fit on one page.
//
//   node tests/e2e/print-pages.mjs [--format Letter|A4] [--pdf OUTDIR] [--each SELECTOR] FILE ...
//
// Prints one line per file: `<pages>\t<file>`. With `--each SELECTOR`, each element the
// selector matches is printed alone (the other matches removed), one line per element:
// `<pages>\t<file>#<element id>`: for the choice sheets, the pages of each type group.
// Exit code 1 if a page failed to load.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const args = process.argv.slice(2);
let format = 'Letter';
let pdfDir = null;
let each = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--format') format = args[++i];
  else if (args[i] === '--pdf') pdfDir = args[++i];
  else if (args[i] === '--each') each = args[++i];
  else files.push(args[i]);
}
if (!files.length) {
  console.error('usage: node tests/e2e/print-pages.mjs [--format Letter|A4] [--pdf OUTDIR] [--each SELECTOR] FILE ...');
  process.exit(2);
}

// A PDF's page objects are the dictionaries of /Type /Page (not /Pages, the tree nodes).
function pageCount(pdf) {
  const text = pdf.toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
let failed = false;
try {
  const context = await browser.newContext({ javaScriptEnabled: false });
  for (const file of files) {
    const url = pathToFileURL(path.resolve(file)).href;
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response && !response.ok()) {
      console.log(`FAIL\t${file}: ${response.status()}`);
      failed = true;
      continue;
    }
    await page.emulateMedia({ media: 'print' });
    // JavaScript is off in the page; Playwright's evaluate still runs in its own world.
    const ids = each ? await page.locator(each).evaluateAll((els) => els.map((e, i) => e.id || e.querySelector('[id]')?.id || String(i))) : [null];
    for (let k = 0; k < ids.length; k++) {
      if (each) {
        await page.goto(url, { waitUntil: 'load' });
        await page.locator(each).evaluateAll((els, keep) => els.forEach((e, i) => { if (i !== keep) e.remove(); }), k);
      }
      const pdf = await page.pdf({ format, preferCSSPageSize: true, printBackground: false });
      const name = path.basename(file, '.html') + (ids[k] === null ? '' : `-${ids[k]}`);
      if (pdfDir) {
        fs.mkdirSync(pdfDir, { recursive: true });
        fs.writeFileSync(path.join(pdfDir, name + '.pdf'), pdf);
      }
      console.log(`${pageCount(pdf)}\t${file}${ids[k] === null ? '' : '#' + ids[k]}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
