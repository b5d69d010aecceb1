/* The runtime API's built-in types in one include, as CUDA's builtin_types.h gathers them. */
#pragma once
#include "driver_types.h"
#include "surface_types.h"
#include "texture_types.h"
#include "vector_types.h"
