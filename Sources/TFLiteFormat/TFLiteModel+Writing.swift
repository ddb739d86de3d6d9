extension TFLiteModel {
    /// The model as the bytes of a .tflite file (schema version as set, identifier `TFL3`), written by a
    /// back-to-front FlatBuffers builder: every field equal to its schema default is omitted, buffer data
    /// is 16-byte aligned (the schema's `force_align`). Reading the bytes back gives an equal model.
    public func serialized() -> [UInt8] {
        var b = FlatBufferBuilder()
        // Children first: the last fields of the Model table are written first, as the official builder does.
        let signatures = signatureDefs.map { defs in b.vector(offsets: defs.map { write($0, &b) }) }
        let metadataTables = metadata.map { entries in
            b.vector(offsets: entries.map { entry -> FlatBufferBuilder.Offset in
                let name = entry.name.map { b.string($0) }
                b.startTable()
                b.add(0, name)
                b.add(1, entry.buffer)
                return b.endTable()
            })
        }
        let metadataBufferVector = metadataBuffer.map { b.vector($0) }
        let bufferTables = b.vector(offsets: buffers.reversed().map { buffer -> FlatBufferBuilder.Offset in
            let data = buffer.data.map { b.vector($0, alignment: 16) }
            b.startTable()
            b.add(2, buffer.size)
            b.add(1, buffer.offset)
            b.add(0, data)
            return b.endTable()
        }.reversed())
        let descriptionString = description.map { b.string($0) }
        let subgraphTables = b.vector(offsets: subgraphs.reversed().map { write($0, &b) }.reversed())
        let codes = b.vector(offsets: operatorCodes.reversed().map { code -> FlatBufferBuilder.Offset in
            let custom = code.customCode.map { b.string($0) }
            b.startTable()
            b.add(3, code.builtinCode)
            b.add(2, code.version, default: 1)
            b.add(1, custom)
            b.add(0, code.deprecatedBuiltinCode)
            return b.endTable()
        }.reversed())
        b.startTable()
        b.add(7, signatures)
        b.add(6, metadataTables)
        b.add(5, metadataBufferVector)
        b.add(4, bufferTables)
        b.add(3, descriptionString)
        b.add(2, subgraphTables)
        b.add(1, codes)
        b.add(0, version)
        let root = b.endTable()
        return b.finish(root: root, identifier: Self.fileIdentifier)
    }

    private func write(_ subgraph: Subgraph, _ b: inout FlatBufferBuilder) -> FlatBufferBuilder.Offset {
        let name = subgraph.name.map { b.string($0) }
        let operators = b.vector(offsets: subgraph.operators.reversed().map { write($0, &b) }.reversed())
        let outputs = b.vector(subgraph.outputs)
        let inputs = b.vector(subgraph.inputs)
        let tensors = b.vector(offsets: subgraph.tensors.reversed().map { write($0, &b) }.reversed())
        b.startTable()
        b.add(4, name)
        b.add(3, operators)
        b.add(2, outputs)
        b.add(1, inputs)
        b.add(0, tensors)
        return b.endTable()
    }

    private func write(_ tensor: Tensor, _ b: inout FlatBufferBuilder) -> FlatBufferBuilder.Offset {
        let signature = tensor.shapeSignature.map { b.vector($0) }
        let quantization = tensor.quantization.map { q -> FlatBufferBuilder.Offset in
            let zeroPoint = q.zeroPoint.map { b.vector($0) }
            let scale = q.scale.map { b.vector($0) }
            let maximum = q.max.map { b.vector($0) }
            let minimum = q.min.map { b.vector($0) }
            b.startTable()
            b.add(6, q.quantizedDimension)
            b.add(4, q.detailsType)
            b.add(3, zeroPoint)
            b.add(2, scale)
            b.add(1, maximum)
            b.add(0, minimum)
            return b.endTable()
        }
        let name = tensor.name.map { b.string($0) }
        let shape = tensor.shape.map { b.vector($0) }
        b.startTable()
        b.add(8, tensor.hasRank)
        b.add(7, signature)
        b.add(5, tensor.isVariable)
        b.add(4, quantization)
        b.add(3, name)
        b.add(2, tensor.buffer)
        b.add(1, tensor.type.rawValue)
        b.add(0, shape)
        return b.endTable()
    }

    private func write(_ op: Operator, _ b: inout FlatBufferBuilder) -> FlatBufferBuilder.Offset {
        let intermediates = op.intermediates.map { b.vector($0) }
        let mutating = op.mutatingVariableInputs.map { b.vector($0) }
        let custom = op.customOptions.map { b.vector($0) }
        let options = op.options.write(&b)
        let outputs = b.vector(op.outputs)
        let inputs = b.vector(op.inputs)
        b.startTable()
        b.add(8, intermediates)
        b.add(7, mutating)
        b.add(5, custom)
        b.add(4, options)
        b.add(3, op.options.typeCode)
        b.add(2, outputs)
        b.add(1, inputs)
        b.add(0, op.opcodeIndex)
        return b.endTable()
    }

    private func write(_ signature: SignatureDef, _ b: inout FlatBufferBuilder) -> FlatBufferBuilder.Offset {
        func maps(_ list: [TensorMap]?) -> FlatBufferBuilder.Offset? {
            list.map { entries in
                b.vector(offsets: entries.reversed().map { entry -> FlatBufferBuilder.Offset in
                    let name = entry.name.map { b.string($0) }
                    b.startTable()
                    b.add(1, entry.tensorIndex)
                    b.add(0, name)
                    return b.endTable()
                }.reversed())
            }
        }
        let key = signature.signatureKey.map { b.string($0) }
        let outputs = maps(signature.outputs)
        let inputs = maps(signature.inputs)
        b.startTable()
        b.add(4, signature.subgraphIndex)
        b.add(2, key)
        b.add(1, outputs)
        b.add(0, inputs)
        return b.endTable()
    }
}
