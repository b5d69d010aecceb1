/* Texture types: the descriptors of texture_types.h (CUDA 12 has no texture references). */
#pragma once
#define __CUDA_TEXTURE_TYPES_H__
#include "texture_types.h"
