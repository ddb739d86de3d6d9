#pragma once
#include "tensorflow/lite/micro/micro_interpreter.h"
namespace tflite {
template<unsigned N> class MicroMutableOpResolver : public MicroOpResolver {
 public:
  TfLiteStatus AddCallOnce(); TfLiteStatus AddVarHandle(); TfLiteStatus AddReshape(); TfLiteStatus AddReadVariable();
  TfLiteStatus AddStridedSlice(); TfLiteStatus AddConcatenation(); TfLiteStatus AddAssignVariable(); TfLiteStatus AddConv2D();
  TfLiteStatus AddMul(); TfLiteStatus AddAdd(); TfLiteStatus AddMean(); TfLiteStatus AddFullyConnected(); TfLiteStatus AddLogistic();
  TfLiteStatus AddQuantize(); TfLiteStatus AddDepthwiseConv2D(); TfLiteStatus AddAveragePool2D(); TfLiteStatus AddMaxPool2D();
  TfLiteStatus AddPad(); TfLiteStatus AddPack(); TfLiteStatus AddSplitV();
};
}
