/* The profiler control API. There is no profiler to start or stop, so both calls succeed and do
   nothing, as they do under CUDA when no profiling tool is attached. */
#pragma once
#define __CUDA_PROFILER_API_H__
#include "cuda_runtime_api.h"

extern "C" {
cudaError_t cudaProfilerStart(void);
cudaError_t cudaProfilerStop(void);
}
