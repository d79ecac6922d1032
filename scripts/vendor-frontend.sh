#!/usr/bin/env bash
# Refreshes the vendored front-end files under src/Kehu.Web/wwwroot/lib from the npm
# registry. Kehu needs no Node.js to run; this is only for maintainers bumping versions.
set -euo pipefail
cd "$(dirname "$0")/.."
lib=src/Kehu.Web/wwwroot/lib
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name version files-to-copy (relative to the package folder)
packages=(
  "bootstrap 5.3.8 dist/css/bootstrap.min.css dist/js/bootstrap.bundle.min.js"
  "htmx.org 2.0.8 dist/htmx.min.js"
  "tom-select 2.4.3 dist/css/tom-select.bootstrap5.min.css dist/js/tom-select.complete.min.js"
  "echarts 6.1.0 dist/echarts.min.js"
)

: > "$lib/VERSIONS.md.tmp"
echo "| package | version | licence |" >> "$lib/VERSIONS.md.tmp"
echo "|---|---|---|" >> "$lib/VERSIONS.md.tmp"
for entry in "${packages[@]}"; do
  read -r name version files <<<"$entry"
  (cd "$work" && npm pack --silent "$name@$version" >/dev/null)
  tarball=$(ls "$work"/*.tgz)
  mkdir -p "$work/x" && tar -xzf "$tarball" -C "$work/x"
  dest="$lib/$name"
  rm -rf "$dest" && mkdir -p "$dest"
  for f in $files; do cp "$work/x/package/$f" "$dest/"; done
  cp "$work/x/package/LICENSE"* "$dest/" 2>/dev/null || true
  licence=$(node -p "require('$work/x/package/package.json').license")
  echo "| $name | $version | $licence |" >> "$lib/VERSIONS.md.tmp"
  rm -rf "$work/x" "$tarball"
done
mv "$lib/VERSIONS.md.tmp" "$lib/VERSIONS.md"
echo "vendored into $lib"
