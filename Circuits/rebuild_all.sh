#!/usr/bin/env bash
# Rebuilds the whole model zoo (Circuits/<model>/, Circuits/README.md) and its
# reference vectors (Vectors/zoo/*.json). Deterministic; about 30 s on one core.
# Set ZOO_SKIP_PIP=1 to skip installing Circuits/requirements.txt.
# Set ZOO_TORCH_PYTHON=/path/to/venv/bin/python (an environment with
# Circuits/requirements-torch.txt) to also rebuild the PyTorch-exported models
# (Circuits/build_torch_zoo.py, about 6 more minutes); otherwise their committed
# files are kept and only their reference vectors are rewritten.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
if [ "${ZOO_SKIP_PIP:-0}" != 1 ]; then
    python3 -m pip install --quiet -r Circuits/requirements.txt
fi
python3 Circuits/build_zoo.py
if [ -n "${ZOO_TORCH_PYTHON:-}" ]; then
    "$ZOO_TORCH_PYTHON" Circuits/build_torch_zoo.py
fi
python3 Vectors/zoo/generate_zoo_vectors.py
