/* NVTX names for CUDA runtime objects (our own text; see nvToolsExt.h: no tool attached, so no-ops). */
#pragma once
#include "nvToolsExt.h"
#include "../cuda_runtime_api.h"
static inline void nvtxNameCudaDeviceA(int device, const char *name) { (void)device; (void)name; }
static inline void nvtxNameCudaStreamA(cudaStream_t stream, const char *name) { (void)stream; (void)name; }
static inline void nvtxNameCudaEventA(cudaEvent_t event, const char *name) { (void)event; (void)name; }
