/// Window geometry shared by convolution and pooling over NCHW tensors: kernel, strides and
/// padding (top, left, bottom, right), with output size floor((in + pads − kernel)/stride) + 1.
public struct PoolGeometry: Sendable, Equatable {
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideHeight: Int
    public var strideWidth: Int
    public var padTop: Int
    public var padLeft: Int
    public var padBottom: Int
    public var padRight: Int

    public init(kernel: (Int, Int), strides: (Int, Int) = (1, 1), pads: (Int, Int, Int, Int) = (0, 0, 0, 0)) {
        kernelHeight = kernel.0; kernelWidth = kernel.1
        strideHeight = strides.0; strideWidth = strides.1
        padTop = pads.0; padLeft = pads.1; padBottom = pads.2; padRight = pads.3
    }

    public func outputSize(height: Int, width: Int) -> (height: Int, width: Int)? {
        let paddedHeight = height + padTop + padBottom
        let paddedWidth = width + padLeft + padRight
        guard kernelHeight >= 1, kernelWidth >= 1, strideHeight >= 1, strideWidth >= 1,
              paddedHeight >= kernelHeight, paddedWidth >= kernelWidth else { return nil }
        return ((paddedHeight - kernelHeight) / strideHeight + 1, (paddedWidth - kernelWidth) / strideWidth + 1)
    }

    /// Input coordinates covered by the window at output (oy, ox) that fall inside the image.
    @inlinable
    public func forEachInput(outputY oy: Int, outputX ox: Int, height: Int, width: Int,
                             _ body: (_ kernelY: Int, _ kernelX: Int, _ y: Int, _ x: Int) -> Void) {
        for ky in 0..<kernelHeight {
            let y = oy * strideHeight + ky - padTop
            guard y >= 0 && y < height else { continue }
            for kx in 0..<kernelWidth {
                let x = ox * strideWidth + kx - padLeft
                guard x >= 0 && x < width else { continue }
                body(ky, kx, y, x)
            }
        }
    }
}
