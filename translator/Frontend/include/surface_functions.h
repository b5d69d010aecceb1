/* Surface accesses. CUDA 12 has surface objects only (surface references are gone): the functions
   are those of surface_indirect_functions.h. */
#pragma once
#define __SURFACE_FUNCTIONS_H__
#include "surface_indirect_functions.h"
