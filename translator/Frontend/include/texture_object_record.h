/* The record a texture or surface object handle points to. cudaCreateTextureObject and
   cudaCreateSurfaceObject write it into device memory and hand out its device address as the
   handle, so fetches are ordinary device code on every device (texture_indirect_functions.h,
   surface_indirect_functions.h). The runtime writes the same layout (TextureRecord in
   runtime/Native/Exports/ResourceTypes.cs); a test keeps the two equal. Our own layout, not CUDA's. */
#pragma once
#include "host_defines.h"

struct __tr_resource {
  unsigned long long data;  /* device address of element (0, 0) of plane 0 */
  unsigned long long pitch; /* bytes from one row to the next */
  unsigned long long slice; /* bytes from one plane (3-D slice, layer, cube face) to the next */
  int width, height, depth; /* in elements; 1 where the resource has no such dimension */
  int layers;               /* planes of a layered or cubemap resource (faces × layers); 1 otherwise */
  int kind;                 /* enum cudaChannelFormatKind: 0 signed, 1 unsigned, 2 float */
  int channels;             /* 1, 2 or 4 */
  int channelBytes;         /* 1, 2 or 4 */
  int elementBytes;         /* channels × channelBytes */
  int filterMode;           /* enum cudaTextureFilterMode */
  int readMode;             /* enum cudaTextureReadMode */
  int normalizedCoords;     /* coordinates in [0, 1) instead of [0, size) */
  int addressMode[3];       /* enum cudaTextureAddressMode per dimension */
  float borderColor[4];
};
