#!/usr/bin/env bash
# Install everything the project and its tests need, then run lint, types and all tests.
# Complete on a fresh Debian machine with Python 3.11+ (run as root, or with sudo for apt).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
command -v npm >/dev/null || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing with apt-get: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
# The product as an author installs it (tests/browser/test_wheel.py): this repository's wheel
# and the wheels of its dependencies, which the test installs into a fresh environment with
# --no-index (tests install nothing from the network). A clean build folder: setuptools does
# not remove what an earlier build copied there.
rm -rf build tests/.wheelhouse/studysite-*.whl
.venv/bin/python -m pip wheel -q --disable-pip-version-check --no-deps --no-build-isolation \
  -w tests/.wheelhouse .
.venv/bin/python -m pip wheel -q --disable-pip-version-check -w tests/.wheelhouse \
  tests/.wheelhouse/studysite-*.whl
rm -rf build
# The iframe-worker shim for the offline build (python -m generator offline): from npm, never a CDN.
npm ci --prefix generator --no-audit --no-fund --silent
if [ -f tests/package.json ]; then
  npm install --prefix tests --no-audit --no-fund --silent
fi

.venv/bin/ruff check generator tests
# The widget scripts and styles: Biome's linter and formatter check, writing nothing (to format:
# tests/node_modules/.bin/biome check --write --config-path=tests generator/assets).
tests/node_modules/.bin/biome ci --config-path=tests generator/assets
.venv/bin/ruff format --check generator tests
.venv/bin/mypy
# Two workers, each test file whole on one of them (its module fixtures, such as a site built
# from a project copy, are made once): the browser tests spend much of their time waiting on
# Chromium, servers and MkDocs, so two files at a time finish well before one after another.
# Tests share no port, folder or file they write (temporary folders, free ports); to run
# one test alone, pass -n 0.
.venv/bin/python -m pytest -n 2 --dist loadfile "$@"
