import Foundation
import Testing
import ZKAlgebra
import ZKML
import ZKTestSupport

/// One entry of `Tests/Fixtures/exporters/reference.json`: three inputs and onnxruntime's
/// outputs, and for scikit-learn classifiers the labels the model's own label output gives.
struct ExporterReference: Decodable, Sendable {
    var exporter: String
    var opset: Int
    var ops: [String]
    var inputShape: [Int]
    var outputShape: [Int]
    var inputs: [[Float]]
    var outputs: [[Float]]
    var labels: [Int]?

    enum CodingKeys: String, CodingKey {
        case exporter, opset, ops, inputs, outputs, labels
        case inputShape = "input_shape"
        case outputShape = "output_shape"
    }
}

/// Models as PyTorch (dynamo and TorchScript), scikit-learn and TensorFlow export them with
/// their default settings (`Tests/Fixtures/exporters/generate.py`).
enum ExporterFixtures {
    static let directory = "Tests/Fixtures/exporters"
    static let models = ["mlp", "cnn", "resnet8", "mobilenet_block", "fire_module", "resnet_stem"]
    static let all = ["dynamo", "ts13", "ts17"].flatMap { exporter in models.map { "\(exporter)_\($0)" } }
        + ["skl_mlp", "skl_mlp_batchnone", "tf_mlp", "tf_cnn"]

    static let reference = Result<[String: ExporterReference], LoadFailure>(loading: {
        try Repository.json("\(directory)/reference.json")
    })

    static func url(_ name: String) -> URL { Repository.url("\(directory)/\(name).onnx") }

    static func reference(_ name: String) throws -> ExporterReference {
        try #require(try reference.get()[name], "reference.json has no entry \(name)")
    }

    /// The fixture imported and quantized: calibrated on its three reference inputs and 29
    /// seeded Gaussian samples of the same shape.
    static func quantized(_ name: String) throws -> (FloatGraph, QuantizedModel, ExporterReference) {
        let reference = try reference(name)
        let graph = try ONNXImporter.importModel(contentsOf: url(name))
        let calibration = reference.inputs + gaussianSamples(29, count: reference.inputs[0].count, seed: 0xCA11)
        return (graph, try Quantizer(graph: graph).quantize(calibration: calibration), reference)
    }

    static func gaussianSamples(_ samples: Int, count: Int, seed: UInt64) -> [[Float]] {
        var rng = SplitMix64(seed: seed)
        func uniform() -> Double { (Double(rng.next() >> 11) + 0.5) / Double(1 << 53) }
        return (0..<samples).map { _ in
            (0..<count).map { _ in Float((-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())) }
        }
    }
}

/// Every real-exporter fixture: imported, its float reference checked against onnxruntime,
/// quantized, and proven and verified end to end.
@Suite("Real-exporter fixtures")
struct ExporterFixtureTests {
    @Test("the fixture list covers reference.json and every model file of the folder")
    func coverage() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Repository.url(ExporterFixtures.directory).path)
        let models = Set(files.filter { $0.hasSuffix(".onnx") }.map { String($0.dropLast(5)) })
        #expect(models == Set(ExporterFixtures.all))
        #expect(Set(try ExporterFixtures.reference.get().keys) == Set(ExporterFixtures.all))
    }

    @Test("float reference equals onnxruntime within 1e-4", arguments: ExporterFixtures.all)
    func floatReference(_ name: String) throws {
        let reference = try ExporterFixtures.reference(name)
        let graph = try ONNXImporter.importModel(contentsOf: ExporterFixtures.url(name))
        #expect(graph.outputShape == reference.outputShape)
        for (index, (input, expected)) in zip(reference.inputs, reference.outputs).enumerated() {
            let output = graph.evaluate(input).scalars
            // A trailing Softmax is dropped: zkinfer proves the scores before it.
            let comparable = graph.droppedTrailingSoftmax ? softmax(output) : output
            let error = maximumAbsoluteDifference(comparable, expected)
            #expect(error <= 1e-4, "\(name) sample \(index): max |zkinfer − onnxruntime| = \(error)")
            if let labels = reference.labels {
                #expect(output.indices.max { output[$0] < output[$1] } == labels[index], "\(name) sample \(index): label")
            }
        }
    }

    /// Top-1 agreement of the int8 model with the float graph on 64 seeded Gaussian inputs and
    /// the three reference inputs. The weights are random (seeded), so the classes are close and
    /// this is a harsh test of the quantization; measured agreements are in the README.
    @Test("int8 inference agrees with the float graph", arguments: ExporterFixtures.all)
    func agreement(_ name: String) throws {
        let (graph, model, reference) = try ExporterFixtures.quantized(name)
        let samples = reference.inputs + ExporterFixtures.gaussianSamples(64, count: reference.inputs[0].count, seed: 0xA62EE)
        var agreeing = 0
        for sample in samples {
            let float = graph.evaluate(sample).scalars
            let quantized = model.infer(model.quantizeInput(sample)).output.scalars
            let floatTop = float.indices.max { float[$0] < float[$1] }
            let quantizedTop = quantized.indices.max { quantized[$0] < quantized[$1] }
            if floatTop == quantizedTop { agreeing += 1 }
        }
        let agreement = Double(agreeing) / Double(samples.count)
        #expect(agreement >= 0.8, "\(name): top-1 agreement \(agreement)")
    }

    /// Proven and verified; a changed output and changed bytes anywhere in the proof are rejected
    /// (the fixtures cover every new layer kind: GroupedConv, Windows, Concat).
    @Test("proven and verified; a wrong output or a flipped byte is rejected", arguments: ExporterFixtures.all)
    func proveAndVerify(_ name: String) throws {
        let (_, model, reference) = try ExporterFixtures.quantized(name)
        let input = model.quantizeInput(reference.inputs[0])
        let prover = InferenceProver(model: model)
        let proof = try prover.prove([input])
        let bytes = proof.encoded()
        let verified = try InferenceVerifier.verify(InferenceProof(decoding: bytes), descriptor: prover.descriptor)
        #expect(verified == [model.infer(input).output])

        var forged = proof
        forged.output[0] = forged.output[0] == 127 ? 126 : forged.output[0] + 1
        #expect(throws: (any Error).self, "\(name): a changed output verified") {
            try InferenceVerifier.verify(forged, descriptor: prover.descriptor)
        }
        for offset in stride(from: bytes.count / 9, to: bytes.count, by: bytes.count / 9) {
            var tampered = bytes
            tampered[offset] ^= 0x5A
            #expect(throws: (any Error).self, "\(name): byte \(offset) flipped and the proof still verified") {
                try InferenceVerifier.verify(InferenceProof(decoding: tampered), descriptor: prover.descriptor)
            }
        }
    }
}
