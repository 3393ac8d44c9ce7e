"""Helpers the tests share (no tests here): project copies, servers, browsing, data makers."""
