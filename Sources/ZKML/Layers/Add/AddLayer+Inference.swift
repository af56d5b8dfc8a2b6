extension AddLayer {
    /// acc = a·M_a + b·M_b elementwise; the multipliers are already applied, so the rescale
    /// divides by 2^S with rounding and clamps.
    static func evaluate(_ layer: QuantizedLayer, _ x: Tensor<Int8>, _ y: Tensor<Int8>, rescale: Rescale) -> (Tensor<Int8>, LayerWitness) {
        let left = rescale.multipliers[0], right = rescale.multipliers[1]
        var accumulators = [Int64](repeating: 0, count: x.count)
        var quotients = accumulators
        var output = [Int8](repeating: 0, count: x.count)
        for i in 0..<x.count {
            let sum = Int64(x.scalars[i]) * left + Int64(y.scalars[i]) * right
            accumulators[i] = sum
            let quotient = (sum + (Int64(1) << (rescale.shift - 1))) >> rescale.shift
            quotients[i] = quotient
            output[i] = Int8(min(max(quotient, rescale.lower), rescale.upper))
        }
        return (Tensor(shape: layer.outputShape, scalars: output), LayerWitness(accumulators: accumulators, quotients: quotients))
    }
}
