# zkinfer — quick start: `make demo`, `make test`.
#
# The test suite runs in release mode: the cryptographic kernels are 20–50× slower in debug
# builds, and one release build serves the tests, the demo and the benchmarks alike.

SWIFT ?= swift
CONFIG ?= release
BIN := .build/$(CONFIG)/zkinfer
APT_PACKAGES := libgmp-dev libssl-dev pkg-config

.PHONY: all deps build test demo bench bench-package zoo-large bench-large vectors golden openapi clean

all: build

# Installs the C libraries zkinfer links (GMP, OpenSSL's libcrypto) when they are missing.
deps:
	@if pkg-config --exists gmp libcrypto 2>/dev/null && [ -f /usr/include/gmp.h -o -f /usr/include/x86_64-linux-gnu/gmp.h ]; then \
		:; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "installing $(APT_PACKAGES)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	else \
		echo "missing system packages; run: sudo apt-get install -y $(APT_PACKAGES)"; exit 1; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

# The scale-out test starts a throwaway PostgreSQL server: its binaries come from Debian's
# postgresql package, installed here when missing (the package's own cluster is not used).
test: deps
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "installing postgresql (for the scale-out test)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; \
		else \
			echo "missing PostgreSQL for the scale-out test; run: sudo apt-get install -y postgresql"; exit 1; \
		fi; \
	fi
	$(SWIFT) build -c $(CONFIG) --build-tests
	$(SWIFT) test -c $(CONFIG) --skip-build

# End to end on the bundled digits model with the embedded chain: create a local chain and an
# owner key (first run only), import and quantize the model, commit to it, register it, prove a
# prediction, fetch the registration receipt, and verify everything offline. Work files go to
# .demo/ (ignored by git); a second run reuses the chain and finds the model registered.
DEMO_MODEL ?= digits_mlp
DEMO_DIR := .demo
demo: build
	@mkdir -p $(DEMO_DIR)
	@[ -f $(DEMO_DIR)/chain/genesis.json ] || $(BIN) chain init --data $(DEMO_DIR)/chain --name zkinfer-demo
	@[ -f $(DEMO_DIR)/owner.json ] || $(BIN) keygen --output $(DEMO_DIR)/owner.json
	$(BIN) import Circuits/$(DEMO_MODEL)/model.onnx --calibration Circuits/$(DEMO_MODEL)/calibration.json --output $(DEMO_DIR)/model.zkm
	$(BIN) commit $(DEMO_DIR)/model.zkm --output $(DEMO_DIR)/model.zkpub
	$(BIN) register $(DEMO_DIR)/model.zkpub --key $(DEMO_DIR)/owner.json --data $(DEMO_DIR)/chain --name $(DEMO_MODEL)
	$(BIN) prove $(DEMO_DIR)/model.zkm --input Circuits/$(DEMO_MODEL)/test.json --first 1 --output $(DEMO_DIR)/proof.zkp
	$(BIN) receipt get --model $(DEMO_DIR)/model.zkpub --data $(DEMO_DIR)/chain --output $(DEMO_DIR)/model.receipt
	@echo "--- offline verification (proof + receipt + genesis) ---"
	$(BIN) verify $(DEMO_DIR)/proof.zkp --model $(DEMO_DIR)/model.zkpub --receipt $(DEMO_DIR)/model.receipt --genesis $(DEMO_DIR)/chain/genesis.json

# The proving service's API: Sources/ZKServer/Service/openapi.yaml is the source; the Swift in
# Service/Generated/ is regenerated from it here (committed, so builds need no generator plugin).
# The generator is built once in $(OPENAPI_TOOL), outside the repository.
OPENAPI_TOOL ?= /tmp/zkinfer-openapi-generator
OPENAPI_DIR := Sources/ZKServer/Service
openapi:
	@mkdir -p $(OPENAPI_TOOL)/Sources/stub
	@printf '// swift-tools-version: 6.0\nimport PackageDescription\nlet package = Package(name: "tool", dependencies: [.package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3")], targets: [.executableTarget(name: "stub")])\n' > $(OPENAPI_TOOL)/Package.swift
	@echo 'print("")' > $(OPENAPI_TOOL)/Sources/stub/main.swift
	$(SWIFT) build --package-path $(OPENAPI_TOOL) --product swift-openapi-generator
	rm -f $(OPENAPI_DIR)/Generated/*.swift
	$(OPENAPI_TOOL)/.build/debug/swift-openapi-generator generate $(OPENAPI_DIR)/openapi.yaml \
		--config $(OPENAPI_DIR)/openapi-generator-config.yaml --output-directory $(OPENAPI_DIR)/Generated

bench: build
	$(BIN) bench core
	$(BIN) bench prove

# Larger models, built by script outside the repository (VGG-16 for CIFAR is ~60 MB): needs a
# Python with torch and onnx (TORCH_PYTHON; see Circuits/README.md), then `make bench-large`.
TORCH_PYTHON ?= python3
ZOO_LARGE ?= /tmp/zkinfer-zoo-large
zoo-large:
	OMP_NUM_THREADS=1 $(TORCH_PYTHON) Circuits/build_large_zoo.py $(ZOO_LARGE)/vgg16_cifar

bench-large: build
	$(BIN) bench prove --zoo $(ZOO_LARGE) --repetitions 1

# The package-benchmark suite (statistics, allocations) lives in its own package.
bench-package: deps
	cd Benchmarks && $(SWIFT) package benchmark

# Regenerates the known-answer vectors with the independent Python implementation.
vectors:
	pip install gmpy2 && python3 Vectors/generate_core_vectors.py

# Rewrites the golden proofs in Vectors/proofs/ (seeded randomness; only after a deliberate
# protocol or format version change, see Vectors/proofs/README.md).
golden: deps
	ZKINFER_REGENERATE_GOLDEN=1 $(SWIFT) test -c $(CONFIG) --filter GoldenProofTests

clean:
	rm -rf .build
