#!/usr/bin/env bash
# The exporter × model table of Tests/Fixtures/exporters: every real-exporter fixture imported
# with the zkinfer CLI (calibrated on its three reference inputs and 29 seeded Gaussian samples,
# agreement measured on 64 other seeded Gaussian samples), committed, proven on its first
# reference input and verified. Prints a Markdown table. From the repository root, after
# `swift build -c release`:
#   bash Benchmarks/exporter_table.sh
set -euo pipefail
cd "$(dirname "$0")/.."
zkinfer=.build/release/zkinfer
fixtures=Tests/Fixtures/exporters
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }

echo "| fixture | exporter | imported | agreement (64 samples) | proven | verified | prove time (s) | proof bytes |"
echo "|---|---|---|---|---|---|---:|---:|"
for onnx in "$fixtures"/*.onnx; do
    name=$(basename "$onnx" .onnx)
    python3 - "$fixtures/reference.json" "$name" "$work" <<'PY'
import json, math, random, sys
reference = json.load(open(sys.argv[1]))[sys.argv[2]]
count = len(reference["inputs"][0])
def gaussian(seed, samples):
    rng = random.Random(seed)
    return [[rng.gauss(0.0, 1.0) for _ in range(count)] for _ in range(samples)]
json.dump({"input_data": reference["inputs"] + gaussian(0xCA11, 29)}, open(f"{sys.argv[3]}/calibration.json", "w"))
json.dump({"input_data": gaussian(0xA62EE, 64)}, open(f"{sys.argv[3]}/test.json", "w"))
json.dump({"input_data": reference["inputs"][:1]}, open(f"{sys.argv[3]}/input.json", "w"))
kinds = {"dynamo": "PyTorch dynamo", "ts13": "PyTorch TorchScript", "ts17": "PyTorch TorchScript", "skl": "skl2onnx", "tf": "tf2onnx"}
print(f'{kinds[sys.argv[2].split("_")[0]]}, opset {reference["opset"]}', file=open(f"{sys.argv[3]}/exporter.txt", "w"))
PY
    exporter=$(sed 's/|/\\|/g' "$work/exporter.txt")
    if ! "$zkinfer" import "$onnx" --calibration "$work/calibration.json" --test "$work/test.json" \
            --output "$work/model.zkm" > "$work/import.log" 2>&1; then
        echo "| \`$name\` | $exporter | no: $(tail -1 "$work/import.log" | cut -c1-120) | | | | | |"
        continue
    fi
    agreement=$(grep -o "test set.*top-1 agreement with the float model [0-9.]*%" "$work/import.log" | grep -o "[0-9.]*%$" || echo "?")
    "$zkinfer" commit "$work/model.zkm" --output "$work/model.zkpub" > /dev/null
    start=$(now)
    if "$zkinfer" prove "$work/model.zkm" --input "$work/input.json" --output "$work/proof.zkp" > /dev/null 2>&1; then
        elapsed=$(echo "$(now) - $start" | bc)
        proven=yes
        verified=$("$zkinfer" verify "$work/proof.zkp" --model "$work/model.zkpub" > /dev/null 2>&1 && echo yes || echo NO)
        bytes=$(stat -c %s "$work/proof.zkp")
    else
        elapsed=""; proven=NO; verified=""; bytes=""
    fi
    printf '| `%s` | %s | yes | %s | %s | %s | %.2f | %s |\n' "$name" "$exporter" "$agreement" "$proven" "$verified" "${elapsed:-0}" "$bytes"
done
