/* Surface types: the boundary and format modes of surface_types.h (CUDA 12 has no surface references). */
#pragma once
#define __CUDA_SURFACE_TYPES_H__
#include "surface_types.h"
