#!/usr/bin/env bash
# Asks Preflight's deployment gate whether a deployment may ship, as a pipeline step would.
#
#   PREFLIGHT_URL=https://preflight.example.com PREFLIGHT_TOKEN=pf_… scripts/gate-check.sh <deploymentId>
#
# Exit 0: ready (signed off, sign-off valid). Exit 1: not ready; the reasons are printed.
# Exit 2: usage error, or Preflight could not answer (network, 401/403/404, 5xx).
# Needs bash and curl; uses jq to print the reasons when it is installed.
set -euo pipefail

usage() {
  echo "usage: PREFLIGHT_URL=<base url> PREFLIGHT_TOKEN=<token> $0 <deploymentId>" >&2
  exit 2
}

[[ $# -eq 1 && -n "$1" ]] || usage
[[ -n "${PREFLIGHT_URL:-}" ]] || { echo "PREFLIGHT_URL is not set." >&2; usage; }
[[ -n "${PREFLIGHT_TOKEN:-}" ]] || { echo "PREFLIGHT_TOKEN is not set." >&2; usage; }
[[ "$1" =~ ^[A-Za-z0-9_-]{1,64}$ ]] || { echo "'$1' is not a deployment id." >&2; exit 2; }

body_file="$(mktemp)"
trap 'rm -f "$body_file"' EXIT

# The token goes in a header read from stdin, so it never shows in the process list.
if ! status="$(printf 'Authorization: Bearer %s\n' "$PREFLIGHT_TOKEN" | curl --silent --show-error --max-time 30 \
  --header @- --header 'Accept: application/json' \
  --output "$body_file" --write-out '%{http_code}' \
  "${PREFLIGHT_URL%/}/api/v1/deployments/$1/gate")"; then
  echo "Could not reach Preflight at $PREFLIGHT_URL." >&2
  exit 2
fi

print_field() { # $1: jq filter; falls back to the raw body without jq
  if command -v jq >/dev/null 2>&1; then jq -r "$1" "$body_file" 2>/dev/null || cat "$body_file"; else cat "$body_file"; echo; fi
}

case "$status" in
  200)
    echo "Deployment $1 is ready: signed off."
    print_field '"Signed off at \(.signedOffAt) by \([.approvals[].reviewer.name] | join(", ")); next review \(.nextReviewAt // "none")."'
    exit 0
    ;;
  409)
    echo "Deployment $1 is NOT ready:"
    print_field '.reasons[] | "  - \(.code): \(.message)"'
    exit 1
    ;;
  *)
    echo "Preflight answered HTTP $status:" >&2
    print_field '.error // .' >&2
    exit 2
    ;;
esac
