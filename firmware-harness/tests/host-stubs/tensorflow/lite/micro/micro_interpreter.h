#pragma once
#include "tensorflow/lite/core/c/common.h"
#define TFLITE_SCHEMA_VERSION 3
namespace tflite {
struct Model { uint32_t version() const; };
const Model *GetModel(const void *);
class MicroOpResolver {};
class MicroAllocator { public: static MicroAllocator *Create(uint8_t*, size_t); };
class MicroResourceVariables { public: static MicroResourceVariables *Create(MicroAllocator*, int); };
class MicroInterpreter {
 public:
  MicroInterpreter(const Model*, const MicroOpResolver&, uint8_t*, size_t, MicroResourceVariables* = nullptr);
  TfLiteStatus AllocateTensors(); TfLiteStatus Invoke();
  TfLiteTensor *input(size_t); TfLiteTensor *output(size_t);
  size_t arena_used_bytes() const;
};
template<typename T> T *GetTensorData(TfLiteTensor *t);
}
