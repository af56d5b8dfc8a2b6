import Testing
import ZKServer

@Test func serverModuleLinks() { #expect(ZKServerVersion.apiVersion == "v1") }
