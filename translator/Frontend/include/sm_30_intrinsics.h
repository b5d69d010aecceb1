/* Part of cuda_runtime.h in Translate. */
#pragma once
#include "cuda_runtime.h"
