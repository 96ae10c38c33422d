#!/usr/bin/env bash
# Renders every card template with its sample data (NAME.data.json) to cards/preview/NAME.png using the
# official adaptivecards JS renderer in headless Chromium (Debian's package; never a browser download).
# Usage: cards/preview.sh            (from anywhere in the repository)
set -euo pipefail

cards_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(dirname "$cards_dir")"
node_dir="$repo_dir/tests/Cards/node"
out_dir="$cards_dir/preview"

if [[ ! -x /usr/bin/chromium ]]; then
  echo "Installing Debian's chromium..." >&2
  if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

if [[ ! -d "$node_dir/node_modules/adaptivecards" ]]; then
  (cd "$node_dir" && npm ci --no-audit --no-fund --ignore-scripts)
fi

mkdir -p "$out_dir"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

node "$node_dir/preview.mjs" "$cards_dir" "$out_dir" | while read -r name height; do
  /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --allow-file-access-from-files \
    --screenshot="$out_dir/$name.png" --window-size="520,$height" \
    "file://$out_dir/$name.html" </dev/null >/dev/null 2>&1
  echo "$out_dir/$name.png"
done
