#!/usr/bin/env node
// Prints pages to PDF in headless Chromium, as a person pressing Print would, and reports
// how many sheets each takes: for the monthly statements, which should fit on one page.
//
//   node tests/e2e/print-pages.mjs [--format Letter|A4] [--pdf OUTDIR] FILE ...
//
// Prints one line per file: `<pages>\t<file>`. Exit code 1 if a page failed to load.

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
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--format') format = args[++i];
  else if (args[i] === '--pdf') pdfDir = args[++i];
  else files.push(args[i]);
}
if (!files.length) {
  console.error('usage: node tests/e2e/print-pages.mjs [--format Letter|A4] [--pdf OUTDIR] FILE ...');
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
    const page = await context.newPage();
    const response = await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
    if (response && !response.ok()) {
      console.log(`FAIL\t${file}: ${response.status()}`);
      failed = true;
      continue;
    }
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format, preferCSSPageSize: true, printBackground: false });
    if (pdfDir) {
      fs.mkdirSync(pdfDir, { recursive: true });
      fs.writeFileSync(path.join(pdfDir, path.basename(file, '.html') + '.pdf'), pdf);
    }
    console.log(`${pageCount(pdf)}\t${file}`);
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
