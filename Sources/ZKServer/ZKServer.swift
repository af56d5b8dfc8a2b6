import Hummingbird
import ZKChain

/// The chain node's HTTP API (Hummingbird). Filled in by the node work of the chain issue.
public enum ZKServerVersion {
    public static let apiVersion = "v1"
}
