#pragma once
#define RTC_NOINIT_ATTR
