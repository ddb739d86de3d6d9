#include <cstdint>
uint32_t esp_cpu_get_cycle_count();
