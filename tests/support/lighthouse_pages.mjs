// Lighthouse on several pages with one Chromium: the CLI starts Node and a browser for each
// page, which was about half of each page's time. Called by tests/support/lighthouse_report.py.
// Usage: node tests/lighthouse_pages.mjs '{"pages": [[url, report.json], ...],
//   "categories": [...], "chromePath": "...", "chromeFlags": [...]}'
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const job = JSON.parse(process.argv[2]);
const chrome = await chromeLauncher.launch({
  chromePath: job.chromePath,
  chromeFlags: job.chromeFlags,
});
try {
  for (const [url, out] of job.pages) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: job.categories,
      formFactor: "mobile",
      maxWaitForLoad: 60000,
      // The full-page screenshot is for the HTML report's viewer; no score uses it.
      disableFullPageScreenshot: true,
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    fs.writeFileSync(out, result.report);
  }
} finally {
  await chrome.kill();
}
