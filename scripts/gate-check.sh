#!/usr/bin/env bash
# Asks Preflight's deployment gate whether a deployment may ship, as a pipeline step would;
# with --mark-deployed, also records the go-live once the gate is open.
#
#   PREFLIGHT_URL=https://preflight.example.com PREFLIGHT_TOKEN=pf_… scripts/gate-check.sh <deploymentId>
#   … scripts/gate-check.sh --mark-deployed [--pipeline-url <url>] <deploymentId>
#
# Exit 0: ready (signed off, sign-off valid); with --mark-deployed: ready and now marked
# deployed (or already deployed). Exit 1: not ready, or Preflight refused to mark it
# deployed (409); the reasons are printed. Exit 2: usage error, or Preflight could not
# answer (network, 400/401/403/404, 429 rate-limited: retry after the seconds it
# prints, 5xx) — for --mark-deployed the token needs the WRITE
# scope and a user whose role may deploy (engineer, reviewer, admin).
# Needs bash and curl; uses jq to print the reasons when it is installed.
set -euo pipefail

usage() {
  echo "usage: PREFLIGHT_URL=<base url> PREFLIGHT_TOKEN=<token> $0 [--mark-deployed [--pipeline-url <url>]] <deploymentId>" >&2
  exit 2
}

mark_deployed=""
pipeline_url=""
deployment_id=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --mark-deployed) mark_deployed=1; shift ;;
    --pipeline-url)
      [[ $# -ge 2 && -n "$2" ]] || { echo "--pipeline-url needs a URL." >&2; usage; }
      pipeline_url="$2"; shift 2 ;;
    --pipeline-url=*) pipeline_url="${1#--pipeline-url=}"; shift ;;
    -h | --help) usage ;;
    -*) echo "Unknown option '$1'." >&2; usage ;;
    *)
      [[ -z "$deployment_id" ]] || { echo "Give one deployment id." >&2; usage; }
      deployment_id="$1"; shift ;;
  esac
done

[[ -n "$deployment_id" ]] || usage
[[ -n "${PREFLIGHT_URL:-}" ]] || { echo "PREFLIGHT_URL is not set." >&2; usage; }
[[ -n "${PREFLIGHT_TOKEN:-}" ]] || { echo "PREFLIGHT_TOKEN is not set." >&2; usage; }
[[ "$deployment_id" =~ ^[A-Za-z0-9_-]{1,64}$ ]] || { echo "'$deployment_id' is not a deployment id." >&2; exit 2; }
if [[ -n "$pipeline_url" ]]; then
  [[ -n "$mark_deployed" ]] || { echo "--pipeline-url goes with --mark-deployed." >&2; usage; }
  # Put into JSON as it is, so nothing that would need escaping is accepted.
  [[ "$pipeline_url" =~ ^https?://[^[:space:]\"\\]+$ ]] || {
    echo "'$pipeline_url' is not an http(s) URL." >&2
    exit 2
  }
fi

body_file="$(mktemp)"
trap 'rm -f "$body_file"' EXIT

# $1: method, $2: path, $3: JSON body (optional). Prints the HTTP status; the body goes to
# $body_file. The token goes in a header read from stdin, so it never shows in the process list.
call() {
  local data=()
  [[ $# -ge 3 ]] && data=(--header 'Content-Type: application/json' --data-binary "$3")
  printf 'Authorization: Bearer %s\n' "$PREFLIGHT_TOKEN" | curl --silent --show-error --max-time 30 \
    --request "$1" --header @- --header 'Accept: application/json' ${data[@]+"${data[@]}"} \
    --output "$body_file" --write-out '%{http_code}' \
    "${PREFLIGHT_URL%/}$2"
}

print_field() { # $1: jq filter; falls back to the raw body without jq
  if command -v jq >/dev/null 2>&1; then jq -r "$1" "$body_file" 2>/dev/null || cat "$body_file"; else cat "$body_file"; echo; fi
}

unexpected() {
  echo "Preflight answered HTTP $1:" >&2
  print_field '.error // .' >&2
  exit 2
}

if ! status="$(call GET "/api/v1/deployments/$deployment_id/gate")"; then
  echo "Could not reach Preflight at $PREFLIGHT_URL." >&2
  exit 2
fi

case "$status" in
  200)
    echo "Deployment $deployment_id is ready: signed off."
    print_field '"Signed off at \(.signedOffAt) by \([.approvals[].reviewer.name] | join(", ")); next review \(.nextReviewAt // "none")."'
    ;;
  409)
    echo "Deployment $deployment_id is NOT ready:"
    print_field '.reasons[] | "  - \(.code): \(.message)"'
    exit 1
    ;;
  *) unexpected "$status" ;;
esac

[[ -n "$mark_deployed" ]] || exit 0

# A rerun of the pipeline after the go-live was recorded: nothing left to do.
if grep -q '"status":"DEPLOYED"' "$body_file"; then
  echo "Deployment $deployment_id was already marked deployed."
  exit 0
fi

patch='{"status":"DEPLOYED"'
[[ -n "$pipeline_url" ]] && patch+=",\"pipelineRunUrl\":\"$pipeline_url\""
patch+='}'
if ! status="$(call PATCH "/api/v1/deployments/$deployment_id" "$patch")"; then
  echo "Could not reach Preflight at $PREFLIGHT_URL to mark the deployment deployed." >&2
  exit 2
fi

case "$status" in
  200)
    echo "Marked deployment $deployment_id deployed."
    print_field '"Deployed at \(.deployedAt)\(if .pipelineRunUrl then " (\(.pipelineRunUrl))" else "" end)."'
    exit 0
    ;;
  409)
    echo "Preflight refused to mark deployment $deployment_id deployed:"
    print_field '"  \(.error)", (.reasons // [] | .[] | "  - \(.code): \(.message)")'
    exit 1
    ;;
  *) unexpected "$status" ;;
esac
