"""Unit tests: neither MkDocs nor Chromium."""
