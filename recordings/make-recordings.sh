#!/usr/bin/env bash
# Makes the bundled recordings again (docs/replay.md, "Bundled recordings"): for each guide incident,
# a demo run of that incident alone on the sandbox, kept running; its correlator inputs recorded from
# LEAD seconds before the injection started to TAIL seconds after it ended (the Kubernetes records
# from the start, so that the recording holds the cluster's initial state), gzipped; then its golden
# findings written by verify with the demo's settings. Review the goldens' diff like code.
#   recordings/make-recordings.sh [incident-3 ...]      (default: all six)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
cd "$ROOT"
LEAD=${LEAD:-40}
TAIL=${TAIL:-30}
WORK="$(mktemp -d)"
INCIDENTS=("$@")
[ ${#INCIDENTS[@]} -gt 0 ] || INCIDENTS=(incident-1 incident-2 incident-3 incident-4 incident-5 incident-8)
[ -f demo/target/demo-0.1.0-SNAPSHOT.jar ] && [ -f replay/target/replay-0.1.0-SNAPSHOT.jar ] \
  || { echo "build first: ./sockshop build" >&2; exit 2; }

iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
replay() { java -jar replay/target/replay-0.1.0-SNAPSHOT.jar "$@"; }

for id in "${INCIDENTS[@]}"; do
  echo "== $id"
  java -Dsockshop.home="$ROOT" -jar demo/target/demo-0.1.0-SNAPSHOT.jar --scenario "$id" --keep-running \
    --data-dir "$WORK/$id" > "$WORK/$id.out" 2>&1 &
  demo=$!
  until grep -q "keeping the pipeline up" "$WORK/$id.out"; do
    kill -0 "$demo" 2> /dev/null || { cat "$WORK/$id.out"; exit 1; }
    sleep 2
  done
  grep -E "^(incident|scenario)|PASS|FAIL" "$WORK/$id.out" || true
  bootstrap="$(sed -n 's/.*Kafka at \([^;]*\);.*/\1/p' "$WORK/$id.out")"
  replay record --bootstrap-servers "$bootstrap" --topics sockshop.injections.v1 --out "$WORK/$id.injections.ndjson"
  started="$(grep '"phase":"STARTED"' "$WORK/$id.injections.ndjson" | head -n 1 | sed 's/.*"time":"\([^"]*\)".*/\1/')"
  ended="$(grep '"phase":"COMPLETED"' "$WORK/$id.injections.ndjson" | tail -n 1 | sed 's/.*"time":"\([^"]*\)".*/\1/')"
  from="$(iso $(( $(date -u -d "$started" +%s) - LEAD )))"
  to="$(iso $(( $(date -u -d "$ended" +%s) + TAIL )))"
  echo "$id: injection $started .. $ended, recording $from .. $to"
  replay record --bootstrap-servers "$bootstrap" --topics sockshop.k8s.v1 --to "$to" --out "$WORK/$id.k8s.ndjson"
  replay record --bootstrap-servers "$bootstrap" --from "$from" --to "$to" \
    --topics sockshop.datadog.logs.v1,sockshop.datadog.metrics.v1,sockshop.injections.v1 --out "$WORK/$id.signals.ndjson"
  kill "$demo"
  wait "$demo" || true
  cat "$WORK/$id.k8s.ndjson" "$WORK/$id.signals.ndjson" | gzip -9 > "$HERE/$id.ndjson.gz"
  replay verify --in "$HERE/$id.ndjson.gz" --settings "$HERE/correlator.properties" --write-golden "$HERE/$id.golden.ndjson"
done
ls -la "$HERE"
rm -rf "$WORK"
