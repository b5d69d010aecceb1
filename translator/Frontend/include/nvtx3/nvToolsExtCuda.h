/* NVTX names for CUDA driver objects (our own text; see nvToolsExt.h: no tool attached, so no-ops). */
#pragma once
#include "nvToolsExt.h"
#include "../cuda.h"
static inline void nvtxNameCuDeviceA(CUdevice device, const char *name) { (void)device; (void)name; }
static inline void nvtxNameCuContextA(CUcontext context, const char *name) { (void)context; (void)name; }
static inline void nvtxNameCuStreamA(CUstream stream, const char *name) { (void)stream; (void)name; }
static inline void nvtxNameCuEventA(CUevent event, const char *name) { (void)event; (void)name; }
