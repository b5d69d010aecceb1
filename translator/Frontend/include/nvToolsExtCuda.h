/* The NVTX 2 include path of the same API (see nvtx3/nvToolsExtCuda.h). */
#pragma once
#include "nvtx3/nvToolsExtCuda.h"
