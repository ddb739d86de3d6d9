#pragma once
#include "FreeRTOS.h"
SemaphoreHandle_t xSemaphoreCreateMutex(); BaseType_t xSemaphoreTake(SemaphoreHandle_t, TickType_t); BaseType_t xSemaphoreGive(SemaphoreHandle_t);
SemaphoreHandle_t xSemaphoreCreateRecursiveMutex(); void vSemaphoreDelete(SemaphoreHandle_t);
