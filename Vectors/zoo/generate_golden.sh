#!/usr/bin/env bash
# Golden integer outputs of zkinfer's quantized zoo models: import each model with its committed
# calibration set, then run exact integer inference on the inputs of Vectors/zoo/<model>.json.
# The Swift tests recompute these in process and must match exactly; regenerate only on purpose
# (a change of quantization semantics), from the repository root:
#   swift build -c release && bash Vectors/zoo/generate_golden.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
zkinfer=.build/release/zkinfer
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for model in digits_mlp_small digits_mlp mnist_mlp digits_cnn lenet5 cifar_cnn resnet8_cifar vgg11_cifar; do
    "$zkinfer" import "Circuits/$model/model.onnx" --calibration "Circuits/$model/calibration.json" \
        --output "$work/$model.zkm" > /dev/null
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); json.dump({'input_data': d['inputs']}, open(sys.argv[2], 'w'))" \
        "Vectors/zoo/$model.json" "$work/$model.input.json"
    "$zkinfer" infer "$work/$model.zkm" --input "$work/$model.input.json" --json --quantized > "Vectors/zoo/$model.golden.json"
    echo "Vectors/zoo/$model.golden.json"
done
