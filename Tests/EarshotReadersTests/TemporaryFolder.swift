import EarshotTestSupport

typealias TemporaryFolder = TemporaryDirectory
