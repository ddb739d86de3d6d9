#pragma once
#include <cstdint>
#include <cstddef>
typedef enum { kTfLiteOk = 0, kTfLiteError = 1 } TfLiteStatus;
typedef enum { kTfLiteNoType = 0, kTfLiteFloat32 = 1, kTfLiteInt8 = 9, kTfLiteUInt8 = 3 } TfLiteType;
struct TfLiteIntArray { int size; int data[1]; };
union TfLitePtrUnion { int8_t *int8; uint8_t *uint8; float *f; void *data; };
struct TfLiteTensor { TfLiteType type; TfLitePtrUnion data; TfLiteIntArray *dims; };
