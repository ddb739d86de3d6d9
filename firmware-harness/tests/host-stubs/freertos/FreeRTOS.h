#pragma once
#include <cstdint>
#include <cstddef>
typedef int BaseType_t; typedef unsigned int UBaseType_t; typedef uint32_t TickType_t; typedef uint32_t EventBits_t;
typedef void *TaskHandle_t; typedef void *SemaphoreHandle_t; typedef void *QueueHandle_t; typedef void *EventGroupHandle_t;
typedef void (*TaskFunction_t)(void *); typedef uint8_t StackType_t; struct StaticTask_t { int x; };
typedef int portMUX_TYPE;
#define portMAX_DELAY 0xffffffffu
#define pdTRUE 1
#define pdFALSE 0
#define pdPASS 1
#define portTICK_PERIOD_MS 1
#define pdMS_TO_TICKS(x) (x)
#define portMUX_INITIALIZER_UNLOCKED 0
#define configMAX_PRIORITIES 25
BaseType_t xPortInIsrContext(); void vPortYield(); void vTaskDelay(TickType_t);
void portENTER_CRITICAL(portMUX_TYPE*); void portEXIT_CRITICAL(portMUX_TYPE*);
TickType_t xTaskGetTickCount();
