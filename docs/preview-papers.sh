#!/usr/bin/env bash
# Writes one sample of every Word paper the bot makes (the proposal, the annual and three-yearly review reports to
# SMT, the Audit Committee summary) and converts each to PDF with LibreOffice and every page of that PDF to PNG with
# poppler's pdftoppm (Debian's libreoffice-writer-nogui has no PNG export filter for Writer documents: "no export
# filter"), so a person can look at them: docs/paper-preview/NAME.{docx,pdf} and NAME-1.png, NAME-2.png, ... Not part
# of `dotnet test`; the bot itself never needs LibreOffice (the papers are written with DocumentFormat.OpenXml).
# Usage: docs/preview-papers.sh            (from anywhere in the repository)
set -euo pipefail

docs_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(dirname "$docs_dir")"
out_dir="$docs_dir/paper-preview"

if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  echo "Installing Debian's libreoffice-writer-nogui and poppler-utils..." >&2
  if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libreoffice-writer-nogui poppler-utils fonts-dejavu-core >/dev/null
fi

# The samples come from the test that checks them (PaperSamplesTests): the same builders and data as the tests.
dotnet test "$repo_dir/tests" --filter "FullyQualifiedName~PaperSamplesTests" --nologo -v q >/dev/null
samples="$(find "$repo_dir/tests/bin" -type d -name paper-samples -print -quit)"
[[ -n "$samples" ]] || { echo "No paper-samples folder was written under tests/bin." >&2; exit 1; }

mkdir -p "$out_dir"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
cp "$samples"/*.docx "$out_dir/"
for docx in "$out_dir"/*.docx; do
  # A throw-away profile: no first-run dialogs, nothing written to the user's LibreOffice settings.
  soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out_dir" "$docx" >/dev/null 2>&1
  pdf="${docx%.docx}.pdf"
  [[ -s "$pdf" ]] || { echo "LibreOffice did not convert $docx to PDF." >&2; exit 1; }
  rm -f "${docx%.docx}"-*.png
  pdftoppm -png -r 100 "$pdf" "${docx%.docx}"
  echo "$pdf"
  ls "${docx%.docx}"-*.png
done
