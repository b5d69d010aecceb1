/* Texture fetches through texture objects (tex1D, tex2D, tex3D, tex1Dfetch, the layered and cubemap
   forms, their Lod/Grad spellings), as the CUDA programming guide's "Texture Fetching" appendix
   defines them: the address modes (wrap and mirror with normalized coordinates only; clamp; border),
   point sampling, linear filtering with weights in 9-bit fixed point (8 fractional bits), and the
   normalized-float read mode. Ordinary device code over the record the handle points to
   (texture_object_record.h), so every device runs it as it runs any other. There are no mipmaps:
   the Lod and Grad forms read level 0. */
#pragma once
#define __TEXTURE_INDIRECT_FUNCTIONS_H__
#include "host_defines.h"
#include "driver_types.h"
#include "texture_types.h"
#include "vector_types.h"
#include "vector_functions.h"
#include "device_functions.h"
#include "texture_object_record.h"

/* One texel: its channels as floats (after the read mode) and as integers (the element's own values). */
struct __tr_texel {
  float4 f;
  int4 i;
};

static __forceinline__ __device__ const struct __tr_resource *__tr_record(unsigned long long handle) {
  return (const struct __tr_resource *)handle;
}

static __forceinline__ __device__ float __tr_half_to_float(unsigned int h) {
  unsigned int sign = (h & 0x8000u) << 16, e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
  if (e == 0) { float v = (float)m * 5.9604644775390625e-8f; return sign ? -v : v; }
  if (e == 31) return __int_as_float((int)(sign | 0x7f800000u | (m << 13)));
  return __int_as_float((int)(sign | ((e + 112u) << 23) | (m << 13)));
}

/* Channel c of the element at p. Normalized float reads map 8- and 16-bit integers onto [0, 1]
   (unsigned) or [-1, 1] (signed); the runtime refuses the mode for other formats. */
static __forceinline__ __device__ void __tr_channel(const struct __tr_resource *r, const unsigned char *p, int c, float *f, int *i) {
  int v;
  if (r->channelBytes == 1) v = r->kind == 0 ? (int)((const signed char *)p)[c] : (int)p[c];
  else if (r->channelBytes == 2) v = r->kind == 0 ? (int)((const short *)p)[c] : (int)((const unsigned short *)p)[c];
  else v = ((const int *)p)[c];
  *i = v;
  if (r->kind == 2) *f = r->channelBytes == 4 ? __int_as_float(v) : __tr_half_to_float((unsigned int)v);
  else if (r->readMode == 1) {
    float scale = r->channelBytes == 1 ? (r->kind == 0 ? 127.0f : 255.0f) : (r->kind == 0 ? 32767.0f : 65535.0f);
    float n = (float)v / scale;
    *f = n < -1.0f ? -1.0f : n;
  } else *f = r->kind == 1 ? (float)(unsigned int)v : (float)v;
}

/* The element at (x, y) of plane `plane`; channels the format lacks read as 0. */
static __forceinline__ __device__ struct __tr_texel __tr_load(const struct __tr_resource *r, int x, int y, int plane) {
  const unsigned char *p = (const unsigned char *)r->data + (unsigned long long)plane * r->slice +
                           (unsigned long long)y * r->pitch + (unsigned long long)x * (unsigned long long)r->elementBytes;
  float f[4] = {0.0f, 0.0f, 0.0f, 0.0f};
  int i[4] = {0, 0, 0, 0};
  for (int c = 0; c < r->channels; c++) __tr_channel(r, p, c, &f[c], &i[c]);
  struct __tr_texel t;
  t.f = make_float4(f[0], f[1], f[2], f[3]);
  t.i = make_int4(i[0], i[1], i[2], i[3]);
  return t;
}

static __forceinline__ __device__ struct __tr_texel __tr_border(const struct __tr_resource *r) {
  struct __tr_texel t;
  t.f = make_float4(r->borderColor[0], r->borderColor[1], r->borderColor[2], r->borderColor[3]);
  t.i = make_int4((int)r->borderColor[0], (int)r->borderColor[1], (int)r->borderColor[2], (int)r->borderColor[3]);
  return t;
}

/* Where texel index i of a dimension of n texels lands under address mode `mode`: 0 when it falls
   outside in border mode. Wrap and mirror exist for normalized coordinates only; otherwise they clamp. */
static __forceinline__ __device__ int __tr_address(int i, int n, int mode, int normalized, int *out) {
  if (!normalized && (mode == cudaAddressModeWrap || mode == cudaAddressModeMirror)) mode = cudaAddressModeClamp;
  if (mode == cudaAddressModeWrap) {
    int m = i % n;
    *out = m < 0 ? m + n : m;
    return 1;
  }
  if (mode == cudaAddressModeMirror) {
    int period = 2 * n, m = i % period;
    if (m < 0) m += period;
    *out = m < n ? m : period - 1 - m;
    return 1;
  }
  if (mode == cudaAddressModeBorder && (i < 0 || i >= n)) return 0;
  *out = i < 0 ? 0 : (i >= n ? n - 1 : i);
  return 1;
}

/* The texel at integer coordinates after addressing: planes of layered and cubemap resources are
   chosen by `layer`, those of 3-D ones by z. */
static __forceinline__ __device__ struct __tr_texel __tr_texel_at(const struct __tr_resource *r, int dims, int normalized, int x, int y, int z, int layer) {
  int ax = 0, ay = 0, az = 0;
  if (!__tr_address(x, r->width, r->addressMode[0], normalized, &ax)) return __tr_border(r);
  if (dims > 1 && !__tr_address(y, r->height, r->addressMode[1], normalized, &ay)) return __tr_border(r);
  if (dims > 2 && !__tr_address(z, r->depth, r->addressMode[2], normalized, &az)) return __tr_border(r);
  return __tr_load(r, ax, ay, dims > 2 ? az : layer);
}

/* A linear-filtering weight: frac(x) in 9-bit fixed point with 8 fractional bits. */
static __forceinline__ __device__ float __tr_weight(float x) {
  return floorf((x - floorf(x)) * 256.0f + 0.5f) / 256.0f;
}

/* A fetch at texture coordinates (x, y, z) of a dims-dimensional resource, layer `layer`. */
static __forceinline__ __device__ struct __tr_texel __tr_sample(const struct __tr_resource *r, int dims, int normalized,
                                                           float x, float y, float z, int layer) {
  layer = layer < 0 ? 0 : (layer >= r->layers ? r->layers - 1 : layer);
  if (normalized) {
    x *= (float)r->width;
    y *= (float)r->height;
    z *= (float)r->depth;
  }
  if (r->filterMode == cudaFilterModePoint)
    return __tr_texel_at(r, dims, normalized, (int)floorf(x), (int)floorf(y), (int)floorf(z), layer);
  float xb = x - 0.5f, yb = y - 0.5f, zb = z - 0.5f;
  int i = (int)floorf(xb), j = (int)floorf(yb), k = (int)floorf(zb);
  float a = __tr_weight(xb), b = dims > 1 ? __tr_weight(yb) : 0.0f, c = dims > 2 ? __tr_weight(zb) : 0.0f;
  float4 sum = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
  for (int corner = 0; corner < (1 << dims); corner++) {
    int dx = corner & 1, dy = (corner >> 1) & 1, dz = (corner >> 2) & 1;
    float w = (dx ? a : 1.0f - a) * (dy ? b : 1.0f - b) * (dz ? c : 1.0f - c);
    struct __tr_texel t = __tr_texel_at(r, dims, normalized, i + dx, j + dy, k + dz, layer);
    sum.x += w * t.f.x;
    sum.y += w * t.f.y;
    sum.z += w * t.f.z;
    sum.w += w * t.f.w;
  }
  struct __tr_texel t;
  t.f = sum;
  t.i = make_int4((int)sum.x, (int)sum.y, (int)sum.z, (int)sum.w);
  return t;
}

/* Cubemap face selection (programming guide, "Cubemap Textures"): the major axis picks the face,
   the other two components divided by it give the face's normalized coordinates. */
static __forceinline__ __device__ struct __tr_texel __tr_cubemap(const struct __tr_resource *r, float x, float y, float z, int layer) {
  float ax = fabsf(x), ay = fabsf(y), az = fabsf(z), m, s, t;
  int face;
  if (ax >= ay && ax >= az) { m = ax; face = x >= 0.0f ? 0 : 1; s = x >= 0.0f ? -z : z; t = -y; }
  else if (ay >= az) { m = ay; face = y >= 0.0f ? 2 : 3; s = x; t = y >= 0.0f ? z : -z; }
  else { m = az; face = z >= 0.0f ? 4 : 5; s = z >= 0.0f ? x : -x; t = -y; }
  return __tr_sample(r, 2, 1, (s / m + 1.0f) * 0.5f, (t / m + 1.0f) * 0.5f, 0.0f, layer * 6 + face);
}

/* A texel as the type the fetch returns: float types take the float channels, integer types the element's. */
#define __TR_OUT(T, V) static __forceinline__ __device__ void __tr_out(T *o, const struct __tr_texel *t) { *o = V; }
#define __TR_OUTS(S, N, C)                                            \
  __TR_OUT(S, (S)t->C.x)                                              \
  __TR_OUT(N##1, make_##N##1((S)t->C.x))                              \
  __TR_OUT(N##2, make_##N##2((S)t->C.x, (S)t->C.y))                   \
  __TR_OUT(N##4, make_##N##4((S)t->C.x, (S)t->C.y, (S)t->C.z, (S)t->C.w))
__TR_OUTS(float, float, f)
__TR_OUTS(signed char, char, i)
__TR_OUTS(unsigned char, uchar, i)
__TR_OUTS(short, short, i)
__TR_OUTS(unsigned short, ushort, i)
__TR_OUTS(int, int, i)
__TR_OUTS(unsigned int, uint, i)
__TR_OUT(char, (char)t->i.x)
#undef __TR_OUTS
#undef __TR_OUT

template <class T> static __forceinline__ __device__ T __tr_as(struct __tr_texel t) {
  T v;
  __tr_out(&v, &t);
  return v;
}

/* tex1Dfetch: element x of a linear resource, unfiltered; outside it reads 0. */
template <class T> static __forceinline__ __device__ T tex1Dfetch(cudaTextureObject_t o, int x) {
  const struct __tr_resource *r = __tr_record(o);
  if (x < 0 || x >= r->width) {
    struct __tr_texel zero;
    zero.f = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    zero.i = make_int4(0, 0, 0, 0);
    return __tr_as<T>(zero);
  }
  return __tr_as<T>(__tr_load(r, x, 0, 0));
}

#define __TR_FETCH(NAME, DIMS, PARAMS, X, Y, Z, LAYER)                                                           \
  template <class T> static __forceinline__ __device__ T NAME(cudaTextureObject_t o, PARAMS) {                       \
    const struct __tr_resource *r = __tr_record(o);                                                              \
    return __tr_as<T>(__tr_sample(r, DIMS, r->normalizedCoords, X, Y, Z, LAYER));                               \
  }
#define __TR_COMMA ,
__TR_FETCH(tex1D, 1, float x, x, 0.0f, 0.0f, 0)
__TR_FETCH(tex2D, 2, float x __TR_COMMA float y, x, y, 0.0f, 0)
__TR_FETCH(tex3D, 3, float x __TR_COMMA float y __TR_COMMA float z, x, y, z, 0)
__TR_FETCH(tex1DLayered, 1, float x __TR_COMMA int layer, x, 0.0f, 0.0f, layer)
__TR_FETCH(tex2DLayered, 2, float x __TR_COMMA float y __TR_COMMA int layer, x, y, 0.0f, layer)
__TR_FETCH(tex1DLod, 1, float x __TR_COMMA float level, x, 0.0f, 0.0f, 0)
__TR_FETCH(tex2DLod, 2, float x __TR_COMMA float y __TR_COMMA float level, x, y, 0.0f, 0)
__TR_FETCH(tex3DLod, 3, float x __TR_COMMA float y __TR_COMMA float z __TR_COMMA float level, x, y, z, 0)
__TR_FETCH(tex1DLayeredLod, 1, float x __TR_COMMA int layer __TR_COMMA float level, x, 0.0f, 0.0f, layer)
__TR_FETCH(tex2DLayeredLod, 2, float x __TR_COMMA float y __TR_COMMA int layer __TR_COMMA float level, x, y, 0.0f, layer)
__TR_FETCH(tex1DGrad, 1, float x __TR_COMMA float dx __TR_COMMA float dy, x, 0.0f, 0.0f, 0)
__TR_FETCH(tex2DGrad, 2, float x __TR_COMMA float y __TR_COMMA float2 dx __TR_COMMA float2 dy, x, y, 0.0f, 0)
__TR_FETCH(tex3DGrad, 3, float x __TR_COMMA float y __TR_COMMA float z __TR_COMMA float4 dx __TR_COMMA float4 dy, x, y, z, 0)
#undef __TR_FETCH

template <class T> static __forceinline__ __device__ T texCubemap(cudaTextureObject_t o, float x, float y, float z) {
  return __tr_as<T>(__tr_cubemap(__tr_record(o), x, y, z, 0));
}
template <class T> static __forceinline__ __device__ T texCubemapLayered(cudaTextureObject_t o, float x, float y, float z, int layer) {
  return __tr_as<T>(__tr_cubemap(__tr_record(o), x, y, z, layer));
}
template <class T> static __forceinline__ __device__ T texCubemapLod(cudaTextureObject_t o, float x, float y, float z, float level) {
  return __tr_as<T>(__tr_cubemap(__tr_record(o), x, y, z, 0));
}
template <class T> static __forceinline__ __device__ T texCubemapLayeredLod(cudaTextureObject_t o, float x, float y, float z, int layer, float level) {
  return __tr_as<T>(__tr_cubemap(__tr_record(o), x, y, z, layer));
}

/* The forms that store through a pointer: tex2D(&v, tex, x, y) is v = tex2D<T>(tex, x, y). */
#define __TR_STORE(NAME, PARAMS, ARGS) \
  template <class T> static __inline__ __device__ void NAME(T *ret, cudaTextureObject_t o, PARAMS) { *ret = NAME<T>(o, ARGS); }
__TR_STORE(tex1Dfetch, int x, x)
__TR_STORE(tex1D, float x, x)
__TR_STORE(tex2D, float x __TR_COMMA float y, x __TR_COMMA y)
__TR_STORE(tex3D, float x __TR_COMMA float y __TR_COMMA float z, x __TR_COMMA y __TR_COMMA z)
__TR_STORE(tex1DLayered, float x __TR_COMMA int layer, x __TR_COMMA layer)
__TR_STORE(tex2DLayered, float x __TR_COMMA float y __TR_COMMA int layer, x __TR_COMMA y __TR_COMMA layer)
__TR_STORE(tex1DLod, float x __TR_COMMA float level, x __TR_COMMA level)
__TR_STORE(tex2DLod, float x __TR_COMMA float y __TR_COMMA float level, x __TR_COMMA y __TR_COMMA level)
__TR_STORE(tex3DLod, float x __TR_COMMA float y __TR_COMMA float z __TR_COMMA float level, x __TR_COMMA y __TR_COMMA z __TR_COMMA level)
__TR_STORE(texCubemap, float x __TR_COMMA float y __TR_COMMA float z, x __TR_COMMA y __TR_COMMA z)
__TR_STORE(texCubemapLayered, float x __TR_COMMA float y __TR_COMMA float z __TR_COMMA int layer, x __TR_COMMA y __TR_COMMA z __TR_COMMA layer)
#undef __TR_STORE
#undef __TR_COMMA
