"""Browser tests: Chromium driven by Playwright."""
