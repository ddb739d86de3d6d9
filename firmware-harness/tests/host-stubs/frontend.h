#pragma once
#include <cstdint>
#include <cstddef>
struct FrontendConfig { struct { int size_ms, step_size_ms; } window; struct { int num_channels; float lower_band_limit, upper_band_limit; } filterbank;
  struct { int smoothing_bits; float even_smoothing, odd_smoothing, min_signal_remaining; } noise_reduction;
  struct { int enable_pcan; float strength, offset; int gain_bits; } pcan_gain_control; struct { int enable_log, scale_shift; } log_scale; };
struct FrontendState { int x; };
struct FrontendOutput { const uint16_t *values; size_t size; };
FrontendOutput FrontendProcessSamples(FrontendState*, const int16_t*, size_t, size_t*);
