#pragma once
#include "FreeRTOS.h"
typedef void *RingbufHandle_t; typedef struct { int x; } StaticRingbuffer_t;
