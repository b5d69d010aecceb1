/* The warp reduce intrinsics of compute capability 8.0 are declared with the 7.0 ones. */
#pragma once
#include "sm_70_rt.h"
