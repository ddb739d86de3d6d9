void esp_task_wdt_reset();
