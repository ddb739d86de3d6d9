import CALSA
import COpenBLAS
import CSerialPort
import CSndFile
import CSoxr
import CYAML

/// The C libraries the binary links, with the versions actually loaded. If one were missing the program would
/// not start, so these checks report versions (useful in bug reports) rather than failures.
enum LibraryChecks {
    static func all() -> [DoctorCheck] {
        [
            DoctorCheck("libsndfile", .ok, found: String(cString: sf_version_string())),
            DoctorCheck("libyaml", .ok, found: String(cString: yaml_get_version_string())),
            DoctorCheck("libsoxr", .ok, found: String(cString: soxr_version())),
            DoctorCheck("OpenBLAS", .ok, found: "\(String(cString: openblas_get_config()).trimmed) (core \(String(cString: openblas_get_corename())))"),
            DoctorCheck("libserialport", .ok, found: String(cString: sp_get_lib_version_string())),
            DoctorCheck("ALSA", .ok, found: String(cString: snd_asoundlib_version())),
        ]
    }
}

extension String {
    var trimmed: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
