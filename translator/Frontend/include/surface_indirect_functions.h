/* Surface reads and writes through surface objects (surf1D/2D/3D, layered and cubemap forms). The x
   coordinate counts bytes, as in CUDA; an access of sizeof(T) bytes that leaves the surface follows
   the boundary mode: trap (the default: the kernel stops, cudaErrorLaunchFailure), zero (reads give
   0, writes are dropped) or clamp (moved to the nearest element inside). Ordinary device code over
   the record the handle points to (texture_object_record.h). */
#pragma once
#define __SURFACE_INDIRECT_FUNCTIONS_H__
#include "host_defines.h"
#include "driver_types.h"
#include "surface_types.h"
#include "device_functions.h"
#include "texture_object_record.h"

static __inline__ __device__ int __tr_surface_clamp(int v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : v); }

/* The address of the sizeof(T) bytes at byte x of row y of plane `plane` (out of `planes`), or 0 for
   an access outside in zero mode. */
static __inline__ __device__ unsigned char *__tr_surface_at(unsigned long long handle, int x, int y, int plane, int planes,
                                                            int bytes, int mode) {
  const struct __tr_resource *r = (const struct __tr_resource *)handle;
  int rowBytes = r->width * r->elementBytes;
  if (x < 0 || x + bytes > rowBytes || y < 0 || y >= r->height || plane < 0 || plane >= planes) {
    if (mode == cudaBoundaryModeTrap) __trap();
    if (mode != cudaBoundaryModeClamp) return 0;
    x = __tr_surface_clamp(x, 0, rowBytes - bytes);
    y = __tr_surface_clamp(y, 0, r->height - 1);
    plane = __tr_surface_clamp(plane, 0, planes - 1);
  }
  return (unsigned char *)r->data + (unsigned long long)plane * r->slice + (unsigned long long)y * r->pitch + (unsigned long long)x;
}

template <class T> static __inline__ __device__ T __tr_surface_read(unsigned long long s, int x, int y, int plane, int planes, int mode) {
  unsigned char *p = __tr_surface_at(s, x, y, plane, planes, (int)sizeof(T), mode);
  T v;
  unsigned char *bytes = (unsigned char *)&v;
  for (int b = 0; b < (int)sizeof(T); b++) bytes[b] = p ? p[b] : (unsigned char)0;
  return v;
}

template <class T> static __inline__ __device__ void __tr_surface_write(T v, unsigned long long s, int x, int y, int plane, int planes, int mode) {
  unsigned char *p = __tr_surface_at(s, x, y, plane, planes, (int)sizeof(T), mode);
  if (p) *(T *)p = v;
}

static __inline__ __device__ int __tr_surface_depth(unsigned long long s) { return ((const struct __tr_resource *)s)->depth; }
static __inline__ __device__ int __tr_surface_layers(unsigned long long s) { return ((const struct __tr_resource *)s)->layers; }

#define __TR_SURFACE(NAME, PARAMS, Y, PLANE, PLANES)                                                                       \
  template <class T> static __inline__ __device__ T NAME##read(cudaSurfaceObject_t s, PARAMS,                              \
                                                               enum cudaSurfaceBoundaryMode mode = cudaBoundaryModeTrap) { \
    return __tr_surface_read<T>(s, x, Y, PLANE, PLANES, mode);                                                             \
  }                                                                                                                        \
  template <class T> static __inline__ __device__ void NAME##read(T *ret, cudaSurfaceObject_t s, PARAMS,                   \
                                                                  enum cudaSurfaceBoundaryMode mode = cudaBoundaryModeTrap) { \
    *ret = __tr_surface_read<T>(s, x, Y, PLANE, PLANES, mode);                                                             \
  }                                                                                                                        \
  template <class T> static __inline__ __device__ void NAME##write(T data, cudaSurfaceObject_t s, PARAMS,                  \
                                                                   enum cudaSurfaceBoundaryMode mode = cudaBoundaryModeTrap) { \
    __tr_surface_write<T>(data, s, x, Y, PLANE, PLANES, mode);                                                             \
  }
#define __TR_COMMA ,
__TR_SURFACE(surf1D, int x, 0, 0, 1)
__TR_SURFACE(surf2D, int x __TR_COMMA int y, y, 0, 1)
__TR_SURFACE(surf3D, int x __TR_COMMA int y __TR_COMMA int z, y, z, __tr_surface_depth(s))
__TR_SURFACE(surf1DLayered, int x __TR_COMMA int layer, 0, layer, __tr_surface_layers(s))
__TR_SURFACE(surf2DLayered, int x __TR_COMMA int y __TR_COMMA int layer, y, layer, __tr_surface_layers(s))
__TR_SURFACE(surfCubemap, int x __TR_COMMA int y __TR_COMMA int face, y, face, 6)
__TR_SURFACE(surfCubemapLayered, int x __TR_COMMA int y __TR_COMMA int layerFace, y, layerFace, __tr_surface_layers(s))
#undef __TR_COMMA
#undef __TR_SURFACE
