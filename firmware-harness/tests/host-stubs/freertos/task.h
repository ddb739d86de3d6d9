#pragma once
#include "FreeRTOS.h"
typedef enum { eRunning = 0, eReady, eBlocked, eSuspended, eDeleted, eInvalid } eTaskState;
eTaskState eTaskGetState(TaskHandle_t); void vTaskSuspend(TaskHandle_t); void vTaskResume(TaskHandle_t); void vTaskDelete(TaskHandle_t);
TaskHandle_t xTaskGetCurrentTaskHandle(); BaseType_t xTaskCreate(TaskFunction_t, const char*, uint32_t, void*, UBaseType_t, TaskHandle_t*);
void xTaskNotifyGive(TaskHandle_t); uint32_t ulTaskNotifyTake(BaseType_t, TickType_t);
BaseType_t xTaskCreatePinnedToCore(TaskFunction_t, const char*, uint32_t, void*, UBaseType_t, TaskHandle_t*, BaseType_t);
TaskHandle_t xTaskCreateStatic(TaskFunction_t, const char*, uint32_t, void*, UBaseType_t, StackType_t*, StaticTask_t*);
