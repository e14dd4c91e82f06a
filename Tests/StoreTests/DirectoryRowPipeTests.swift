import Foundation
@testable import Store
import Testing

/// A streamed import's producer runs on a thread of its own while the
/// transaction's thread writes (`DirectoryRowPipe`): batches arrive in
/// order, and either side's failure stops the other.
@Suite("Store: the pipe between a directory's reader and its writer")
struct DirectoryRowPipeTests {
    static func batch(_ n: Int) -> DirectoryRowPipe.Batch { [(key: "k\(n)", json: "{}")] }

    @Test("every batch reaches the writer, in order, and the producer runs on another thread")
    func inOrder() throws {
        let pipe = DirectoryRowPipe(capacity: 2)
        var written: [String] = []
        var producerThread: Thread?
        try DirectoryRowPipe.run(pipe, produce: {
            producerThread = Thread.current
            for n in 0..<100 { #expect(pipe.put(Self.batch(n))) }
        }, write: { written += $0.map(\.key) })
        #expect(written == (0..<100).map { "k\($0)" })
        #expect(producerThread != nil && producerThread != Thread.current)
    }

    @Test("a producer's error is thrown once what it sent before is written")
    func producerFails() {
        struct Broken: Error {}
        let pipe = DirectoryRowPipe()
        var written = 0
        #expect(throws: Broken.self) {
            try DirectoryRowPipe.run(pipe, produce: {
                for n in 0..<3 { _ = pipe.put(Self.batch(n)) }
                throw Broken()
            }, write: { written += $0.count })
        }
        #expect(written == 3)
    }

    @Test("a writer's error stops the producer at its next batch and is the one thrown")
    func writerFails() {
        struct Refused: Error {}
        let pipe = DirectoryRowPipe(capacity: 2)
        var sent = 0
        #expect(throws: Refused.self) {
            try DirectoryRowPipe.run(pipe, produce: {
                for n in 0..<10_000 {
                    guard pipe.put(Self.batch(n)) else { return }
                    sent += 1
                }
            }, write: { batch in if batch[0].key == "k5" { throw Refused() } })
        }
        // At most the batches in flight when the writer stopped: the capacity and one each side.
        #expect(sent < 5 + 2 + 2)
    }

    @Test("a key the database refuses ends the import early; nothing of it is written", arguments: StoreFixture.all)
    func refusedKeyStopsTheReader(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let j = County.kuancheng.code
        var appended = 0
        expectRefused(.conflict) {
            try t.store.importDirectory(.entities, jurisdiction: j, expectedRows: nil, by: County.clerk) { sink in
                for n in 0..<200_000 {
                    // The key of row 0 again at row 3,000: the writer refuses it in the second batch.
                    try sink.append(key: "k\(n == 3_000 ? 0 : n)", json: "{}")
                    appended += 1
                }
            }
        }
        #expect(appended < 200_000)
        #expect(try t.store.directoryImports(.entities, jurisdiction: j).isEmpty)
        #expect(try t.store.directoryRows(.entities, jurisdiction: j).isEmpty)
    }
}
