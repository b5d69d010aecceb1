/* make_<vector>(...) constructors. The lifter turns each call into (make (vec N T) ...). */
#pragma once
#include "vector_types.h"

#define __TR_MAKERS(T, N)                                                                           \
  static __inline__ __host__ __device__ N##1 make_##N##1(T x) { N##1 r; r.x = x; return r; }        \
  static __inline__ __host__ __device__ N##2 make_##N##2(T x, T y) { N##2 r; r.x = x; r.y = y; return r; } \
  static __inline__ __host__ __device__ N##3 make_##N##3(T x, T y, T z) { N##3 r; r.x = x; r.y = y; r.z = z; return r; } \
  static __inline__ __host__ __device__ N##4 make_##N##4(T x, T y, T z, T w) { N##4 r; r.x = x; r.y = y; r.z = z; r.w = w; return r; }

__TR_MAKERS(signed char, char)
__TR_MAKERS(unsigned char, uchar)
__TR_MAKERS(short, short)
__TR_MAKERS(unsigned short, ushort)
__TR_MAKERS(int, int)
__TR_MAKERS(unsigned int, uint)
__TR_MAKERS(long, long)
__TR_MAKERS(unsigned long, ulong)
__TR_MAKERS(long long, longlong)
__TR_MAKERS(unsigned long long, ulonglong)
__TR_MAKERS(float, float)
__TR_MAKERS(double, double)
#undef __TR_MAKERS
