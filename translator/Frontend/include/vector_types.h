/* CUDA's built-in vector types. The lifter maps every type declared here to an IR (vec N T). */
#pragma once
#define __VECTOR_TYPES_H__
#include "host_defines.h"

#define __TR_VECTORS(T, N, A2, A4)                                  \
  struct N##1 { T x; };                                             \
  struct __align__(A2) N##2 { T x, y; };                            \
  struct N##3 { T x, y, z; };                                       \
  struct __align__(A4) N##4 { T x, y, z, w; };                      \
  typedef struct N##1 N##1; typedef struct N##2 N##2;               \
  typedef struct N##3 N##3; typedef struct N##4 N##4;

__TR_VECTORS(signed char, char, 2, 4)
__TR_VECTORS(unsigned char, uchar, 2, 4)
__TR_VECTORS(short, short, 4, 8)
__TR_VECTORS(unsigned short, ushort, 4, 8)
__TR_VECTORS(int, int, 8, 16)
__TR_VECTORS(unsigned int, uint, 8, 16)
__TR_VECTORS(long, long, 16, 16)
__TR_VECTORS(unsigned long, ulong, 16, 16)
__TR_VECTORS(long long, longlong, 16, 16)
__TR_VECTORS(unsigned long long, ulonglong, 16, 16)
__TR_VECTORS(float, float, 8, 16)
__TR_VECTORS(double, double, 16, 16)
#undef __TR_VECTORS

/* dim3: a uint3 whose components default to 1. */
struct dim3 {
  unsigned int x, y, z;
  __host__ __device__ constexpr dim3(unsigned int vx = 1, unsigned int vy = 1, unsigned int vz = 1) : x(vx), y(vy), z(vz) {}
  __host__ __device__ constexpr dim3(uint3 v) : x(v.x), y(v.y), z(v.z) {}
  __host__ __device__ constexpr operator uint3() const { return uint3{x, y, z}; }
};
typedef struct dim3 dim3;
