#pragma once
#include "frontend.h"
int FrontendPopulateState(const FrontendConfig*, FrontendState*, int); void FrontendFreeStateContents(FrontendState*);
