#!/usr/bin/env bash
# Makes sure the Debian packages the tests need are present:
#   chromium       - the browser Playwright drives (never `playwright install`)
#   default-jre-headless - Java 17, runs the W3C Nu HTML checker (npm vnu-jar)
#   npm            - installs vnu-jar (and, for make lighthouse, Lighthouse) from package-lock.json
#   valgrind       - with --bench only: counts the instructions a build executes
# Installs them when missing and we are root; otherwise says what to run.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [[ "${1:-}" == "--bench" ]]; then
  command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
fi
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
