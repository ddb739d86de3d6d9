import CYAML
import Support

/// Reads YAML text into a `YAMLNode` tree through libyaml's document API.
///
/// The parser struct is heap-allocated (libyaml keeps a pointer to it) and the input bytes stay alive for the
/// whole parse. Aliases are expanded; a tree that would grow past `maximumNodes` (an alias bomb) or nest
/// deeper than `maximumDepth` is refused rather than followed.
public enum YAMLDocument {
    static let maximumNodes = 1_000_000
    static let maximumDepth = 200

    /// The single document in `text`, or nil when the text holds no document (empty or only comments).
    /// `source` names the text in errors (a file path).
    public static func parse(_ text: String, source: String) throws(YAMLSyntaxError) -> YAMLNode? {
        let bytes = Array(text.utf8)
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLSyntaxError(source: source, mark: nil, reason: "cannot start the YAML parser (out of memory)")
        }
        defer { yaml_parser_delete(parser) }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLSyntaxError) -> YAMLNode? in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            let document = UnsafeMutablePointer<yaml_document_t>.allocate(capacity: 1)
            defer { document.deallocate() }
            guard yaml_parser_load(parser, document) == 1 else { throw error(of: parser, source: source) }
            defer { yaml_document_delete(document) }
            guard let root = yaml_document_get_root_node(document) else { return nil }
            var builder = TreeBuilder(document: document, source: source)
            let tree = try builder.node(root, depth: 0)
            // A second document in one config file is a mistake (PyYAML's safe_load refuses it too).
            let next = UnsafeMutablePointer<yaml_document_t>.allocate(capacity: 1)
            defer { next.deallocate() }
            guard yaml_parser_load(parser, next) == 1 else { throw error(of: parser, source: source) }
            defer { yaml_document_delete(next) }
            if let extra = yaml_document_get_root_node(next) {
                throw YAMLSyntaxError(source: source, mark: mark(extra.pointee.start_mark),
                                      reason: "a second YAML document ('---') in one file; a config holds one")
            }
            return tree
        }
    }

    private static func error(of parser: UnsafeMutablePointer<yaml_parser_t>, source: String) -> YAMLSyntaxError {
        let state = parser.pointee
        var reason = state.problem.map { String(cString: $0) } ?? "not valid YAML"
        if let context = state.context.map({ String(cString: $0) }) { reason += " (\(context))" }
        if state.error == YAML_READER_ERROR {
            return YAMLSyntaxError(source: source, mark: nil,
                                   reason: "\(reason) at byte \(state.problem_offset)")
        }
        return YAMLSyntaxError(source: source, mark: mark(state.problem_mark), reason: reason)
    }

    static func mark(_ raw: yaml_mark_t) -> SourceMark {
        SourceMark(line: Int(raw.line) + 1, column: Int(raw.column) + 1)
    }

    /// Walks libyaml's node table (1-based indices) into `YAMLNode`s.
    private struct TreeBuilder {
        let document: UnsafeMutablePointer<yaml_document_t>
        let source: String
        var visited = 0

        mutating func node(_ pointer: UnsafeMutablePointer<yaml_node_t>, depth: Int) throws(YAMLSyntaxError) -> YAMLNode {
            let raw = pointer.pointee
            let here = YAMLDocument.mark(raw.start_mark)
            visited += 1
            guard visited <= YAMLDocument.maximumNodes, depth <= YAMLDocument.maximumDepth else {
                throw YAMLSyntaxError(source: source, mark: here,
                                      reason: "the document is too large or nests too deeply (aliases expanding without end?)")
            }
            switch raw.type {
            case YAML_SCALAR_NODE:
                let scalar = raw.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let quoted = scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
                    || scalar.style == YAML_LITERAL_SCALAR_STYLE || scalar.style == YAML_FOLDED_SCALAR_STYLE
                return .scalar(YAMLScalar(text: text, isQuoted: quoted), here)
            case YAML_SEQUENCE_NODE:
                var items: [YAMLNode] = []
                var item = raw.data.sequence.items.start
                while let current = item, current != raw.data.sequence.items.top {
                    items.append(try child(current.pointee, depth: depth))
                    item = current + 1
                }
                return .sequence(items, here)
            case YAML_MAPPING_NODE:
                var pairs: [(key: String, keyMark: SourceMark, value: YAMLNode)] = []
                var pair = raw.data.mapping.pairs.start
                while let current = pair, current != raw.data.mapping.pairs.top {
                    let keyNode = try child(current.pointee.key, depth: depth)
                    guard case let .scalar(key, keyMark) = keyNode else {
                        throw YAMLSyntaxError(source: source, mark: keyNode.mark,
                                              reason: "a mapping key must be a plain name, not \(keyNode.shortDescription)")
                    }
                    pairs.append((key.text, keyMark, try child(current.pointee.value, depth: depth)))
                    pair = current + 1
                }
                return .mapping(pairs, here)
            default:
                throw YAMLSyntaxError(source: source, mark: here, reason: "an empty node")
            }
        }

        private mutating func child(_ index: Int32, depth: Int) throws(YAMLSyntaxError) -> YAMLNode {
            guard let pointer = yaml_document_get_node(document, index) else {
                throw YAMLSyntaxError(source: source, mark: nil, reason: "a node refers to a missing node \(index)")
            }
            return try node(pointer, depth: depth + 1)
        }
    }
}

/// Text that is not valid YAML: where (line and column, from 1) and what libyaml says is wrong.
public struct YAMLSyntaxError: UserFacingError, Equatable {
    public let source: String
    public let mark: SourceMark?
    public let reason: String

    public var message: String {
        if let mark { return "\(source):\(mark.line):\(mark.column): not valid YAML: \(reason)" }
        return "\(source): not valid YAML: \(reason)"
    }

    public var hint: String? { "fix the YAML at that line and column (indentation, a missing ':' or closing bracket)" }
}
