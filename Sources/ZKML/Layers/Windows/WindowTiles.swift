/// How the Windows layer lays pooling windows out: window (oy, ox) becomes a tile of
/// tileHeight × tileWidth (the kernel rounded up to powers of two) at rows oy·tileHeight… and
/// columns ox·tileWidth…, so that a max over each tile is the power-of-two pooling the MaxPool
/// protocol proves. Every tile slot holds an in-image element of its window: slots beyond the
/// kernel repeat its last in-image row or column, and padded positions the nearest in-image one.
/// Repeating a window's own elements never changes its maximum, and it makes the gather a pure
/// relabelling (each output element is one input element), separable in rows and columns.
package struct WindowTiles: Sendable, Equatable {
    package let geometry: PoolGeometry

    package init(_ geometry: PoolGeometry) { self.geometry = geometry }

    package var tileHeight: Int { Self.powerOfTwo(atLeast: geometry.kernelHeight) }
    package var tileWidth: Int { Self.powerOfTwo(atLeast: geometry.kernelWidth) }

    /// [1, C, outH·tileHeight, outW·tileWidth], or nil when the windows do not fit the input.
    package func outputShape(input: [Int]) -> [Int]? {
        guard input.count == 4, let size = geometry.outputSize(height: input[2], width: input[3]),
              geometry.padTop < geometry.kernelHeight, geometry.padBottom < geometry.kernelHeight,
              geometry.padLeft < geometry.kernelWidth, geometry.padRight < geometry.kernelWidth else { return nil }
        return [input[0], input[1], size.height * tileHeight, size.width * tileWidth]
    }

    /// The input row of every output row.
    package func sourceRows(inputHeight: Int, outputHeight: Int) -> [Int] {
        Self.sources(count: outputHeight, tile: tileHeight, kernel: geometry.kernelHeight, stride: geometry.strideHeight,
                     padBefore: geometry.padTop, length: inputHeight)
    }

    /// The input column of every output column.
    package func sourceColumns(inputWidth: Int, outputWidth: Int) -> [Int] {
        Self.sources(count: outputWidth, tile: tileWidth, kernel: geometry.kernelWidth, stride: geometry.strideWidth,
                     padBefore: geometry.padLeft, length: inputWidth)
    }

    /// Along one axis: slot d of window o reads min(d, kernel − 1) into the window, clamped to
    /// the window's in-image part (never empty: padding is smaller than the kernel).
    static func sources(count: Int, tile: Int, kernel: Int, stride: Int, padBefore: Int, length: Int) -> [Int] {
        (0..<count).map { index in
            let (window, slot) = index.quotientAndRemainder(dividingBy: tile)
            let start = window * stride - padBefore
            let first = max(start, 0), last = min(start + kernel - 1, length - 1)
            return min(max(start + min(slot, kernel - 1), first), last)
        }
    }

    static func powerOfTwo(atLeast value: Int) -> Int {
        var power = 1
        while power < value { power <<= 1 }
        return power
    }
}
