import CALSA
import CShims
import Foundation
import Support

/// Plays test audio through ALSA for acoustic mode: a speaker next to the device, whose own microphone
/// hears it. `device` is any ALSA playback name: `default`, `plughw:1,0`, or (for tests without a sound card)
/// `null` or `file:FILE=/tmp/out.raw,FORMAT=raw`, which writes the exact samples played.
public final class AcousticPlayer: Sendable {
    /// How many features an acoustic detection may be off the host's: the start of playback after the
    /// device's START, ALSA's buffering and the way through the air are not known to the chunk.
    public static let toleranceFeatures = 50

    public let device: String

    /// The player for `--acoustic` (nil without it); checks that the ALSA device opens.
    public static func chosen(_ acoustic: Bool, device: String?) throws -> AcousticPlayer? {
        guard acoustic else { return nil }
        let player = AcousticPlayer(device: device ?? "default")
        try player.withPCM { _ in }
        return player
    }

    public init(device: String) { self.device = device }

    /// Plays 16 kHz 16-bit mono samples and returns when the last one has been played.
    public func play(_ samples: [Int16]) throws {
        try withPCM { pcm in
            var offset = 0
            while offset < samples.count {
                try Interrupt.check()
                let count = min(1600, samples.count - offset)
                let written = samples.withUnsafeBufferPointer { buffer in
                    snd_pcm_writei(pcm, buffer.baseAddress.map { $0 + offset }, snd_pcm_uframes_t(count))
                }
                if written < 0 {
                    let recovered = snd_pcm_recover(pcm, Int32(written), 1)
                    if recovered < 0 { throw problem("playback failed", Int32(written)) }
                    continue
                }
                offset += Int(written)
            }
            snd_pcm_drain(pcm)
        }
    }

    private func withPCM(_ body: (OpaquePointer) throws -> Void) throws {
        var handle: OpaquePointer?
        wakesmith_alsa_silence_errors()
        defer { wakesmith_alsa_restore_errors() }
        let opened = snd_pcm_open(&handle, device, SND_PCM_STREAM_PLAYBACK, 0)
        guard opened >= 0, let pcm = handle else { throw problem("cannot open the ALSA playback device", opened) }
        defer { snd_pcm_close(pcm) }
        let configured = snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1, 16000, 1, 100_000)
        guard configured >= 0 else { throw problem("cannot play 16 kHz 16-bit mono", configured) }
        try body(pcm)
    }

    private func problem(_ what: String, _ code: Int32) -> Failure {
        Failure("\(what) '\(device)': \(String(cString: snd_strerror(code)))",
                hint: "`aplay -L` lists the playback devices; choose one with --alsa-device")
    }
}
