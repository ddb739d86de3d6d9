#pragma once
#include "FreeRTOS.h"
EventGroupHandle_t xEventGroupCreate(); EventBits_t xEventGroupGetBits(EventGroupHandle_t); EventBits_t xEventGroupSetBits(EventGroupHandle_t, EventBits_t);
EventBits_t xEventGroupClearBits(EventGroupHandle_t, EventBits_t); EventBits_t xEventGroupWaitBits(EventGroupHandle_t, EventBits_t, BaseType_t, BaseType_t, TickType_t);
QueueHandle_t xQueueCreate(UBaseType_t, UBaseType_t); BaseType_t xQueueReceive(QueueHandle_t, void*, TickType_t); BaseType_t xQueueSend(QueueHandle_t, const void*, TickType_t); BaseType_t xQueueReset(QueueHandle_t);
