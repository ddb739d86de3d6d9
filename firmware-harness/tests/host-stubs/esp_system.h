#pragma once
#include <cstdint>
#include <cstddef>
[[noreturn]] void esp_system_abort(const char*); void esp_restart(); uint32_t esp_random(); uint32_t esp_get_free_heap_size();
