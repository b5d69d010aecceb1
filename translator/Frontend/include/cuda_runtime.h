/* Translate's cuda_runtime.h: everything a .cu file sees without including anything (the frontend
   includes this header first, as nvcc does). */
#pragma once
#include "host_defines.h"

/* The C library. The frontend parses host-only, where device code may name these host
   declarations; the lifter decides, per function, what device code can call. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <assert.h>

#include "vector_types.h"
#include "vector_functions.h"
#include "driver_types.h"
#include "cuda_runtime_api.h"
#include "device_launch_parameters.h"
#include "device_functions.h"
#include "math_functions.h"
