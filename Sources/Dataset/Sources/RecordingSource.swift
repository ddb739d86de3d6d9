/// The documented list of Debian packages whose recordings become negatives and background.
///
/// Every entry names the package, which of its files to take (patterns on the path inside the package, `*`
/// crossing folders), what they become (`negative`: speech that is not the wake word; `background`: music
/// and ambience mixed under training clips and used for false accepts per hour), and the licence read from
/// the package's /usr/share/doc/PKG/copyright (the full text is copied next to the data at fetch time).
/// Sizes are Debian bookworm download sizes; `lite` stays under 100 MB.
public struct RecordingSource: Sendable, Equatable {
    /// Files matching `pattern` become `kind`.
    public struct Rule: Sendable, Equatable {
        public let pattern: String
        public let kind: SampleKind
        /// Sample rate of headerless 16-bit little-endian `.raw` files.
        public var rawRate: Int? = nil
        public var exclude: [String] = []
    }

    public let package: String
    public let sets: [FetchSet]
    public let licence: String
    public let description: String
    public let downloadMB: Double
    public let rules: [Rule]

    /// The catalog, in the order sources are fetched.
    public static let catalog: [RecordingSource] = [
        RecordingSource(
            package: "pocketsphinx-testdata", sets: [.lite, .full],
            licence: "BSD-2-Clause (Carnegie Mellon University)",
            description: "read US English speech: card names, digits, a LibriVox excerpt",
            downloadMB: 1.8, rules: [
                .init(pattern: "usr/share/pocketsphinx/test/data/*.wav", kind: .negative),
                .init(pattern: "usr/share/pocketsphinx/test/data/*.raw", kind: .negative, rawRate: 16000),
            ]),
        RecordingSource(
            package: "kajongg", sets: [.lite, .full],
            licence: "GPL-2+ (KDE Kajongg voices)",
            description: "four English and four German speakers calling mahjongg tiles",
            downloadMB: 4.7, rules: [
                .init(pattern: "usr/share/kajongg/voices/*.ogg", kind: .negative),
            ]),
        RecordingSource(
            package: "codec2-examples", sets: [.lite, .full],
            licence: "LGPL-2.1 (David Rowe, codec2)",
            description: "English test speech, mostly 8 kHz, male and female, some radio recordings",
            downloadMB: 11.4, rules: [
                .init(pattern: "usr/share/codec2/wav/*.wav", kind: .negative, exclude: ["*/all.wav"]),
                .init(pattern: "usr/share/codec2/raw/speech_orig_16k.wav", kind: .negative),
            ]),
        RecordingSource(
            package: "etw-data", sets: [.lite, .full],
            licence: "GPL-2+ (Gabriele Greco, Eat The Whistle)",
            description: "football stadium crowd, whistles, commentary-free game sounds",
            downloadMB: 5.0, rules: [
                .init(pattern: "usr/share/games/etw/*.wav", kind: .background),
            ]),
        RecordingSource(
            package: "sonic-pi-samples", sets: [.lite, .full],
            licence: "mostly CC0 (freesound.org), a few CC-BY-SA-4.0 / MIT; per-file list in the copyright file",
            description: "ambient drones, loops, instruments, percussion",
            downloadMB: 21.9, rules: [
                .init(pattern: "usr/share/sonic-pi/samples/*.flac", kind: .background),
            ]),
        RecordingSource(
            package: "qabcs-data", sets: [.lite, .full],
            licence: "GPL-3+ (DanSoft, qABCs)",
            description: "single words spoken in 7 languages (en, de, fr, pl, ru, uk, be); animal and instrument noises",
            downloadMB: 33.6, rules: [
                .init(pattern: "usr/share/qabcs/abcs/*/sounds/*.ogg", kind: .negative),
                .init(pattern: "usr/share/qabcs/abcs/all/noises/*.ogg", kind: .background),
            ]),
        RecordingSource(
            package: "lugaru-data", sets: [.full],
            licence: "CC-BY-SA-3.0 (Wolfire Games, Lugaru data)",
            description: "game music, wind, desert and nature ambience, effects",
            downloadMB: 34.2, rules: [
                .init(pattern: "usr/share/games/lugaru/Sounds/*.ogg", kind: .background),
            ]),
        RecordingSource(
            package: "fillets-ng-data", sets: [.full],
            licence: "GPL-2+ (Fish Fillets NG)",
            description: "English dialogue by many voice actors; game music",
            downloadMB: 70.6, rules: [
                .init(pattern: "usr/share/games/fillets-ng/sound/*/en/*.ogg", kind: .negative),
                .init(pattern: "usr/share/games/fillets-ng/music/*.ogg", kind: .background),
            ]),
        RecordingSource(
            package: "drascula-music", sets: [.full],
            licence: "Drascula licence (freeware, redistributable; Alcachofa Soft)",
            description: "adventure game soundtrack (31 tracks)",
            downloadMB: 36.4, rules: [
                .init(pattern: "usr/share/scummvm/drascula/audio/*.ogg", kind: .background),
            ]),
        RecordingSource(
            package: "planetblupi-music-ogg", sets: [.full],
            licence: "GPL-3+ (Mathieu Schroeter, Planet Blupi)",
            description: "game soundtrack (10 tracks)",
            downloadMB: 60.1, rules: [
                .init(pattern: "usr/share/planetblupi/music/*.ogg", kind: .background),
            ]),
    ]

    /// The sources of a set, in catalog order.
    public static func sources(in set: FetchSet) -> [RecordingSource] {
        catalog.filter { $0.sets.contains(set) }
    }

    /// The catalog entries called `packages`; an unknown name is an error.
    public static func named(_ packages: [String]) throws(SourceError) -> [RecordingSource] {
        let unknown = packages.filter { name in !catalog.contains { $0.package == name } }
        guard unknown.isEmpty else {
            throw SourceError("not in the catalog: \(unknown.joined(separator: ", "))", hint: "see `wakesmith data list`")
        }
        return packages.compactMap { name in catalog.first { $0.package == name } }
    }

    /// The download size of a set in MB.
    public static func downloadMB(_ set: FetchSet) -> Double {
        sources(in: set).reduce(0) { $0 + $1.downloadMB }
    }
}

/// Which catalog packages `data fetch` downloads.
public enum FetchSet: String, CaseIterable, Sendable {
    /// Six packages, about 78 MB.
    case lite
    /// Ten packages, about 280 MB.
    case full
}
