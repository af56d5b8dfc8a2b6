import ArgumentParser
import Foundation
import Synchronization
import ZKChain
import ZKProof
import ZKServer

extension CLIError {
    /// The user-facing form of any error a command lets escape: its category (hence exit code)
    /// and a message without Foundation error codes or Swift type dumps. Errors from file
    /// decoders are translated where the file's path is known (`Loaders`); this catches the rest.
    static func from(_ error: any Error) -> CLIError {
        switch error {
        case let error as CLIError:
            return error
        case let error as NodeClientError:
            return fromNode(error, url: nil)
        case let error as ChainError:
            // Not a switch: cases the chain adds later are store-side failures until mapped here.
            if case let .invalidBlock(reason) = error {
                return .rejected("the chain refused the transaction: \(terminalSafe(reason.description))")
            }
            if case let .unknownModel(id) = error { return .rejected("model \(id.hex) is not registered on this chain") }
            if case let .unknownDataset(root) = error { return .rejected("dataset \(root.hex) is not registered on this chain") }
            return .chain("the chain store failed: \(terminalSafe(error.description))")
        case let error as ChainValidationError:
            return .rejected("the chain refused the transaction: \(terminalSafe(error.description))")
        case let error as ReceiptError:
            return .rejected("receipt rejected: \(terminalSafe(error.description))")
        case let error as ChainDecodingError:
            return .input(terminalSafe(error.description))
        default:
            break
        }
        let text = String(describing: error)
        if let address = addressInUse(text) {
            return .chain("address \(address) is already in use: stop the process using it or choose another --listen port")
        }
        if ZKInfer.exitCode(for: error) == .validationFailure {
            return .usage(ZKInfer.message(for: error))
        }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain || nsError.domain == NSPOSIXErrorDomain {
            var message = nsError.localizedDescription
            if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
                message += " (\(String(cString: strerror(Int32(underlying.code)))))"
            }
            return .input(terminalSafe(message))
        }
        return .input(terminalSafe(text))
    }

    /// A node's answer or transport failure: 4xx is the chain refusing (exit 1), anything else
    /// means the chain could not be used (exit 4).
    static func fromNode(_ error: NodeClientError, url: URL?) -> CLIError {
        let node = url.map { "the node at \($0.absoluteString)" } ?? "the node"
        if case let .rejected(status, message) = error {
            if (400..<500).contains(status) { return .rejected("\(node) refused: \(terminalSafe(message)) (HTTP \(status))") }
            return .chain("\(node) failed: \(terminalSafe(message)) (HTTP \(status)); try again later or ask its operator")
        }
        if case let .transport(reason) = error {
            return .chain("cannot reach \(node): \(terminalSafe(reason)); check --node and that the node is running")
        }
        if case let .malformedResponse(reason) = error {
            // The client's reason may embed a Swift decoding dump; keep only the part before it.
            let shown = reason.range(of: "DecodingError").map { String(reason[..<$0.lowerBound]) + "an unexpected JSON shape" } ?? reason
            return .chain("\(node) answered something that is not the zkinfer API: \(terminalSafe(shown)); check the --node URL")
        }
        return .chain("\(node) refused: \(terminalSafe(error.description))")
    }

    /// "HOST:PORT" when `text` describes a failed bind because the address is taken (SwiftNIO
    /// reports `bind(descriptor:ptr:bytes:) failed: Address already in use (errno: 98)`).
    private static func addressInUse(_ text: String) -> String? {
        guard text.contains("bind"), text.contains("Address already in use") || text.contains("errno: 98") else { return nil }
        return NodeBindAddress.current.withLock { $0 } ?? "the --listen address"
    }
}

/// The address `node start` is binding, so a bind failure can name it.
enum NodeBindAddress {
    static let current = Mutex<String?>(nil)
}
