#!/usr/bin/env bash
# Installs the npm-delivered dev tools (scripts/npm-tools/package.json) into tools/npm.
# Idempotent: does nothing when the installed set matches the manifest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/tools/npm"
mkdir -p "$dest"
if [ -f "$dest/.installed" ] && cmp -s "$root/scripts/npm-tools/package.json" "$dest/.installed"; then
  exit 0
fi
cp "$root/scripts/npm-tools/package.json" "$dest/package.json"
(cd "$dest" && npm install --no-audit --no-fund --loglevel=error)
cp "$root/scripts/npm-tools/package.json" "$dest/.installed"
