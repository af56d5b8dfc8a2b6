import ZKAlgebra
import ZKProof

/// Windows of power-of-two size equal to the stride tile the input exactly, so window element
/// (dy, dx) of output position (b, c, y, x) is the input at (b, c, y·kh + dy, x·kw + dx): on the
/// hypercube that is the input's extension with the window bits fixed below the output's
/// row and column bits. No wiring predicate is needed.
package enum PoolingWindow {
    package static func inputPoint(_ outputPoint: [Fr], output: TensorLayout, kernelBits: (Int, Int), offset: (Int, Int)) -> [Fr] {
        func bits(_ value: Int, _ count: Int) -> [Fr] { (0..<count).map { (value >> $0) & 1 == 1 ? Fr.one : Fr.zero } }
        let widthBits = output.dimensionBits[3], heightBits = output.dimensionBits[2]
        return bits(offset.1, kernelBits.1) + outputPoint[..<widthBits]
            + bits(offset.0, kernelBits.0) + outputPoint[widthBits..<(widthBits + heightBits)]
            + outputPoint[(widthBits + heightBits)...]
    }

    package static func offsets(_ kernelBits: (Int, Int)) -> [(Int, Int)] {
        (0..<(1 << kernelBits.0)).flatMap { dy in (0..<(1 << kernelBits.1)).map { dx in (dy, dx) } }
    }

    /// Padded index in `input` of window element `offset` of output position `index` (NCHW):
    /// the witness generator's side of `inputPoint`.
    package static func inputIndex(_ index: Int, offset: (Int, Int), output: TensorLayout, input: TensorLayout) -> Int {
        let c = output.coordinates(ofPaddedIndex: index)
        let kh = input.paddedShape[2] / output.paddedShape[2], kw = input.paddedShape[3] / output.paddedShape[3]
        return ((c[0] * input.paddedShape[1] + c[1]) * input.paddedShape[2] + c[2] * kh + offset.0) * input.paddedShape[3]
            + c[3] * kw + offset.1
    }
}
