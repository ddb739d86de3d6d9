import Features
import Foundation
import Frontend
import Support
import TestSupport
import Testing

/// Items both sides can make: item i has `frames[i]` frames of 40 values (i·1009 + j·7) mod 65536.
let compatibilityFrames = [3, 1, 10, 0, 7, 250]

func compatibilityItem(_ index: Int) -> Spectrogram {
    let count = compatibilityFrames[index] * 40
    return Spectrogram(values: (0 ..< count).map { UInt16((index * 1009 + $0 * 7) % 65536) })
}

/// Every file under `folder`, by relative path, with its bytes.
func tree(_ folder: String) -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let path = enumerator?.nextObject() as? String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
            files[path] = FileManager.default.contents(atPath: folder + "/" + path)
        }
    }
    return files
}

@Suite struct RaggedMmapTests {
    @Test func writesAndReadsBack() throws {
        let folder = TemporaryDirectory("ragged")
        let writer = try RaggedMmapWriter(folder: folder.appending("a_mmap").path)
        for index in compatibilityFrames.indices { try writer.append(compatibilityItem(index)) }
        try writer.finish()
        let reader = try RaggedMmapReader(folder: folder.appending("a_mmap").path)
        #expect(reader.count == compatibilityFrames.count)
        for index in compatibilityFrames.indices {
            #expect(try reader.spectrogram(index) == compatibilityItem(index))
            #expect(reader.shapes[index] == [compatibilityFrames[index], 40])
        }
        // No items: an empty folder, read as an empty store.
        let empty = try RaggedMmapWriter(folder: folder.appending("empty_mmap").path)
        try empty.finish()
        #expect(try RaggedMmapReader(folder: folder.appending("empty_mmap").path).count == 0)
        #expect(tree(folder.appending("empty_mmap").path).isEmpty)
    }

    @Test func refusesDamagedStores() throws {
        let folder = TemporaryDirectory("ragged")
        let path = folder.appending("b_mmap").path
        let writer = try RaggedMmapWriter(folder: path)
        for index in compatibilityFrames.indices { try writer.append(compatibilityItem(index)) }
        try writer.finish()
        // Truncate the data: opening fails with a message, no crash.
        let handle = try #require(FileHandle(forWritingAtPath: path + "/data.ninja"))
        try handle.truncate(atOffset: 100)
        try handle.close()
        #expect(throws: StoreError.self) { try RaggedMmapReader(folder: path) }
        #expect(throws: StoreError.self) { try RaggedMmapReader(folder: folder.appending("missing").path) }
    }
}

@Suite(.enabled(if: oraclePython != nil, "needs the Python oracle (.venv with mmap_ninja)"))
struct RaggedMmapPythonTests {
    static let makeItems = """
    import numpy as np
    frames = \(compatibilityFrames)
    def item(i):
        return ((i * 1009 + np.arange(frames[i] * 40) * 7) % 65536).astype(np.uint16).reshape(frames[i], 40)
    """

    @Test func swiftStoresAreByteIdenticalToMmapNinjaAndReadableByIt() throws {
        let folder = TemporaryDirectory("ragged-python")
        let swiftStore = folder.appending("swift_mmap").path
        let writer = try RaggedMmapWriter(folder: swiftStore)
        for index in compatibilityFrames.indices { try writer.append(compatibilityItem(index)) }
        try writer.finish()
        let script = Self.makeItems + """

        import sys
        from mmap_ninja.ragged import RaggedMmap
        swift, python = sys.argv[1], sys.argv[2]
        store = RaggedMmap(swift)
        assert len(store) == len(frames), len(store)
        for i in range(len(frames)):
            got = store[i]
            assert got.dtype == np.uint16 and got.shape == (frames[i], 40), (got.dtype, got.shape)
            assert np.array_equal(got, item(i)), i
        # Python's own store of the same items: two batches, as a writer that flushes does.
        made = RaggedMmap.from_lists(python, [item(i) for i in range(3)], dtype=np.uint16)
        made.extend([item(i) for i in range(3, len(frames))])
        print("ok")
        """
        let result = try runProcess(try #require(oraclePython), ["-c", script, swiftStore, folder.appending("python_mmap").path])
        #expect(result.status == 0 && result.standardOutput.contains("ok"), "\(result.standardError)")
        let ours = tree(swiftStore), theirs = tree(folder.appending("python_mmap").path)
        #expect(ours.keys.sorted() == theirs.keys.sorted())
        for (path, bytes) in theirs { #expect(ours[path] == bytes, "\(path) differs") }
    }

    @Test func readsMmapNinjaStoresInBothDtypes() throws {
        let folder = TemporaryDirectory("ragged-python")
        let script = Self.makeItems + """

        import sys
        from mmap_ninja.ragged import RaggedMmap
        RaggedMmap.from_lists(sys.argv[1], [item(i) for i in range(len(frames))], dtype=np.uint16)
        # microWakeWord's float features: raw × 0.0390625.
        RaggedMmap.from_lists(sys.argv[2], [item(i).astype(np.float32) * np.float32(0.0390625) for i in range(len(frames))])
        """
        let uint16 = folder.appending("u_mmap").path, float32 = folder.appending("f_mmap").path
        let result = try runProcess(try #require(oraclePython), ["-c", script, uint16, float32])
        #expect(result.status == 0, "\(result.standardError)")
        for path in [uint16, float32] {
            let reader = try RaggedMmapReader(folder: path)
            #expect(reader.count == compatibilityFrames.count)
            for index in compatibilityFrames.indices { #expect(try reader.spectrogram(index) == compatibilityItem(index)) }
        }
    }
}

@Suite struct RaggedMmapAccessTests {
    @Test func framesWithoutCopying() throws {
        let folder = TemporaryDirectory("ragged")
        let writer = try RaggedMmapWriter(folder: folder.appending("c_mmap").path)
        for index in compatibilityFrames.indices { try writer.append(compatibilityItem(index)) }
        try writer.finish()
        let reader = try RaggedMmapReader(folder: folder.appending("c_mmap").path)
        for index in compatibilityFrames.indices {
            #expect(reader.frameCount(of: index) == compatibilityFrames[index])
            #expect(reader.withFrames(of: index) { Array($0) } == compatibilityItem(index).values)
        }
    }
}

@Suite struct FeatureStoreSpectrogramsTests {
    @Test func aSplitsStoresReadAsOneInNameOrder() throws {
        let folder = TemporaryDirectory("split-stores")
        // Two stores, written out of name order: "b" holds items 0 … 2, "a" items 3 … 5.
        for (name, items) in [("b_mmap", 0 ..< 3), ("a_mmap", 3 ..< 6)] {
            let writer = try RaggedMmapWriter(folder: folder.appending("set/training/" + name).path)
            for index in items { try writer.append(compatibilityItem(index)) }
            try writer.finish()
        }
        let stores = try #require(try FeatureStoreSpectrograms(setFolder: folder.appending("set").path, split: "training"))
        #expect(stores.count == 6)
        #expect(stores.readers.map { $0.folder.hasSuffix("a_mmap") } == [true, false])
        let order = [3, 4, 5, 0, 1, 2]
        for (index, item) in order.enumerated() {
            #expect(stores.frameCount(of: index) == compatibilityFrames[item])
            #expect(stores.frames(at: index) == compatibilityItem(item).values)
            #expect(stores.withFrames(of: index) { $0.count } == compatibilityFrames[item] * 40)
        }
        #expect(stores.totalFrames == compatibilityFrames.reduce(0, +))
        #expect(try FeatureStoreSpectrograms(setFolder: folder.appending("set").path, split: "validation") == nil)
    }
}
