/* Texture fetches. CUDA 12 has texture objects only (texture references are gone): the fetch
   functions are those of texture_indirect_functions.h. */
#pragma once
#define __TEXTURE_FETCH_FUNCTIONS_H__
#include "texture_indirect_functions.h"
