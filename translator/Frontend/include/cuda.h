/* Minimal cuda.h: the driver API is not offered; the runtime API is. */
#pragma once
#include "cuda_runtime.h"
#define CUDA_VERSION 12000
