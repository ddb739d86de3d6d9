import Foundation
import Support
import Synchronization

extension DeviceSession {
    /// Acoustic mode: starts a stream on the device's own microphone (`START mode=1`), plays the audio with
    /// `play` on another thread while reading the device's reports, then stops the stream. The outcome's sample
    /// counts are the microphone's, from the start; a stream cut by a reset is played again.
    public func streamAcoustically(play: @escaping @Sendable () throws -> Void) throws -> StreamOutcome {
        try attempting { try streamAcousticallyOnce(play: play) }
    }

    private func streamAcousticallyOnce(play: @escaping @Sendable () throws -> Void) throws -> StreamOutcome {
        guard let identity else { throw StreamAbort.lostStream("no identity") }
        streamCounter &+= 1
        current = StreamState(id: streamCounter, models: identity.models.count)
        current?.startSequence = sendSequenced(.start(stream: streamCounter, mode: 1), samplesAfter: 0)
        let playing = Mutex<(done: Bool, error: String?)>((false, nil))
        var playbackStarted = false
        var stopSent = false
        while true {
            try checkStop()
            guard let state = current else { throw StreamAbort.lostStream("no stream") }
            if let fatal = state.fatal { throw fatal }
            if let abort = state.abort {
                // The device lost the stream: let the playback end before it is played again.
                while playbackStarted, !playing.withLock({ $0.done }) { try pump(wait: 0.05, watchTimeouts: false) }
                throw abort
            }
            if state.stopped { break }
            if state.started, !playbackStarted {
                playbackStarted = true
                Thread.detachNewThread {
                    var message: String?
                    do { try play() } catch { message = "\(error)" }
                    playing.withLock { $0 = (true, message) }
                }
            }
            let finished = playing.withLock { $0 }
            if let error = finished.error { throw Failure("playback failed: \(error)") }
            if finished.done, !stopSent {
                current?.stopSequence = sendSequenced(.stop(stream: state.id), samplesAfter: 0)
                stopSent = true
            }
            try pump(wait: 0.05)
        }
        guard let state = current else { throw StreamAbort.lostStream("no stream") }
        current = nil
        var outcome = state.outcome
        outcome.samples = Int(state.stoppedSamples)
        return outcome
    }
}
