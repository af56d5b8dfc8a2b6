#!/usr/bin/env bash
# Throughput of the proving service against a loop of `zkinfer prove` CLI calls, on the same
# model, machine and inputs, in one run: N samples of the zoo's digits test set proven one per
# CLI call (each call reads the model and prepares its prover again), then the same N samples
# sent to `zkinfer serve` (model loaded once, --workers cores) by `zkinfer client load` with C
# concurrent clients, every bundle verified offline afterwards (not timed). From the repository
# root, after `swift build -c release`:
#   bash Benchmarks/serve_vs_cli.sh [N] [C] [MODEL]     (defaults: 40 4 digits_mlp)
set -euo pipefail
cd "$(dirname "$0")/.."
zkinfer=$PWD/.build/release/zkinfer
count=${1:-40}
clients=${2:-4}
model=${3:-digits_mlp}
work=$(mktemp -d)
serve_pid=
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; rm -rf "$work"' EXIT
now() { date +%s.%N; }

cd "$work"
$zkinfer import "$OLDPWD/Circuits/$model/model.onnx" --calibration "$OLDPWD/Circuits/$model/calibration.json" --output m.zkm >/dev/null
$zkinfer commit m.zkm --output m.zkpub >/dev/null
$zkinfer chain init --data chain >/dev/null
$zkinfer keygen --output owner.json >/dev/null
$zkinfer register m.zkpub --key owner.json --data chain >/dev/null
model_id=$($zkinfer inspect m.zkpub --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["model_id"])')
python3 - "$OLDPWD/Circuits/$model/test.json" "$count" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["input_data"][: int(sys.argv[2])]
json.dump({"input_data": rows}, open("samples.json", "w"))
for index, row in enumerate(rows):
    json.dump({"input_data": [row]}, open(f"sample{index}.json", "w"))
PY

start=$(now)
for ((i = 0; i < count; i++)); do $zkinfer prove m.zkm --input "sample$i.json" --output "p$i.zkp" >/dev/null; done
cli_s=$(echo "$(now) - $start" | bc -l)

$zkinfer serve --model m.zkm --chain-data chain --listen 127.0.0.1:0 --queue-depth "$count" > serve.out 2>/dev/null &
serve_pid=$!
for _ in $(seq 100); do grep -q "^listening on" serve.out 2>/dev/null && break; sleep 0.1; done
url=$(head -1 serve.out | sed 's/^listening on //')
$zkinfer client load "$url" --model "$model_id" --input samples.json --requests "$count" --concurrency "$clients" \
    --genesis chain/genesis.json --json > load.json
peak=$(grep VmHWM "/proc/$serve_pid/status" | awk '{print $2}')
kill -TERM "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=

python3 - "$count" "$cli_s" "$model" "$clients" "$peak" <<'PY'
import json, sys
count, cli_s, model, clients, peak = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
load = json.load(open("load.json"))
serve_rate = load["proofs_per_s"]
cli_rate = count / cli_s
print(f"model {model}, {count} samples, one run on this machine")
print("| mode | proofs | wall (s) | proofs/s | p50 latency (s) | p99 latency (s) |")
print("|---|---:|---:|---:|---:|---:|")
print(f"| `zkinfer prove` loop (one CLI call per sample) | {count} | {cli_s:.2f} | {cli_rate:.2f} | {cli_s / count:.3f} | – |")
print(f"| `zkinfer serve` + `client load` ({clients} clients) | {load['proven']} | {load['wall_s']:.2f} | {serve_rate:.2f} | {load['p50_s']} | {load['p99_s']} |")
print(f"serve/CLI throughput ratio {serve_rate / cli_rate:.2f}; serve peak RSS {peak / 1024:.0f} MiB; "
      f"bundles verified offline {load['verified']}/{load['proven']}, 429 answers {load['answers_429']}")
PY
