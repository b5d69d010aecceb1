/* CUDA's SIMD intrinsics on 32-bit words: two 16-bit lanes (...2) or four 8-bit lanes (...4), and the
   32-bit DPX forms (__vimax_s32 ...). Written here as ordinary lane-by-lane code, so every device
   computes them exactly. Suffixes as documented: s signed, u unsigned, ss signed saturating, us
   unsigned saturating. Comparisons: __vcmp* give all ones per true lane, __vset* give 1. */
#pragma once
#include "host_defines.h"

__host__ __device__ inline int __tr_clamp_lane(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }
__host__ __device__ inline int __tr_abs_lane(int v) { return v < 0 ? -v : v; }

/* The lane of BITS bits at shift in word x, unsigned and signed. */
__host__ __device__ inline int __tr_ulane(unsigned int x, int shift, int bits) { return (int)((x >> shift) & ((1u << bits) - 1u)); }
__host__ __device__ inline int __tr_slane(unsigned int x, int shift, int bits) {
  int u = __tr_ulane(x, shift, bits);
  return u >= (1 << (bits - 1)) ? u - (1 << bits) : u;
}

/* NAME(a, b) applying EXPR to each lane (ua/ub the unsigned lane values, sa/sb the signed ones);
   COMBINE(r, v, shift) folds a lane's result v into r. */
#define __TR_SIMD_LANEWISE(NAME, BITS, EXPR, COMBINE)                                                  \
  __host__ __device__ inline unsigned int NAME(unsigned int a, unsigned int b) {                        \
    unsigned int r = 0;                                                                                 \
    for (int shift = 0; shift < 32; shift += BITS) {                                                    \
      int ua = __tr_ulane(a, shift, BITS), ub = __tr_ulane(b, shift, BITS);                             \
      int sa = __tr_slane(a, shift, BITS), sb = __tr_slane(b, shift, BITS);                             \
      (void)ua; (void)ub; (void)sa; (void)sb;                                                           \
      COMBINE(r, (unsigned int)(EXPR), shift);                                                          \
    }                                                                                                   \
    return r;                                                                                           \
  }
#define __TR_SIMD_PLACE16(r, v, shift) r |= ((v) & 0xffffu) << (shift)
#define __TR_SIMD_PLACE8(r, v, shift) r |= ((v) & 0xffu) << (shift)
#define __TR_SIMD_ADD(r, v, shift) r += (v)
#define __TR_SIMD_BINARY(NAME, BITS, EXPR) __TR_SIMD_LANEWISE(NAME, BITS, EXPR, __TR_SIMD_PLACE##BITS)
#define __TR_SIMD_SUM(NAME, BITS, EXPR) __TR_SIMD_LANEWISE(NAME, BITS, EXPR, __TR_SIMD_ADD)

/* Every two-operand form, for lanes of BITS bits; SMIN/SMAX the signed lane range, UMAX the unsigned. */
#define __TR_SIMD_FAMILY(N, BITS, SMIN, SMAX, UMAX)                                                    \
  __TR_SIMD_BINARY(__vadd##N, BITS, ua + ub)                                                           \
  __TR_SIMD_BINARY(__vsub##N, BITS, ua - ub)                                                           \
  __TR_SIMD_BINARY(__vaddss##N, BITS, __tr_clamp_lane(sa + sb, SMIN, SMAX))                            \
  __TR_SIMD_BINARY(__vsubss##N, BITS, __tr_clamp_lane(sa - sb, SMIN, SMAX))                            \
  __TR_SIMD_BINARY(__vaddus##N, BITS, __tr_clamp_lane(ua + ub, 0, UMAX))                               \
  __TR_SIMD_BINARY(__vsubus##N, BITS, __tr_clamp_lane(ua - ub, 0, UMAX))                               \
  __TR_SIMD_BINARY(__vabsdiffs##N, BITS, __tr_abs_lane(sa - sb))                                       \
  __TR_SIMD_BINARY(__vabsdiffu##N, BITS, __tr_abs_lane(ua - ub))                                       \
  __TR_SIMD_BINARY(__vavgs##N, BITS, (sa + sb + 1) >> 1)                                               \
  __TR_SIMD_BINARY(__vavgu##N, BITS, (ua + ub + 1) >> 1)                                               \
  __TR_SIMD_BINARY(__vhaddu##N, BITS, (ua + ub) >> 1)                                                  \
  __TR_SIMD_BINARY(__vmaxs##N, BITS, sa > sb ? sa : sb)                                                \
  __TR_SIMD_BINARY(__vmaxu##N, BITS, ua > ub ? ua : ub)                                                \
  __TR_SIMD_BINARY(__vmins##N, BITS, sa < sb ? sa : sb)                                                \
  __TR_SIMD_BINARY(__vminu##N, BITS, ua < ub ? ua : ub)                                                \
  __TR_SIMD_BINARY(__vcmpeq##N, BITS, ua == ub ? -1 : 0)                                               \
  __TR_SIMD_BINARY(__vcmpne##N, BITS, ua != ub ? -1 : 0)                                               \
  __TR_SIMD_BINARY(__vcmpges##N, BITS, sa >= sb ? -1 : 0)                                              \
  __TR_SIMD_BINARY(__vcmpgeu##N, BITS, ua >= ub ? -1 : 0)                                              \
  __TR_SIMD_BINARY(__vcmpgts##N, BITS, sa > sb ? -1 : 0)                                               \
  __TR_SIMD_BINARY(__vcmpgtu##N, BITS, ua > ub ? -1 : 0)                                               \
  __TR_SIMD_BINARY(__vcmples##N, BITS, sa <= sb ? -1 : 0)                                              \
  __TR_SIMD_BINARY(__vcmpleu##N, BITS, ua <= ub ? -1 : 0)                                              \
  __TR_SIMD_BINARY(__vcmplts##N, BITS, sa < sb ? -1 : 0)                                               \
  __TR_SIMD_BINARY(__vcmpltu##N, BITS, ua < ub ? -1 : 0)                                               \
  __TR_SIMD_BINARY(__vseteq##N, BITS, ua == ub)                                                        \
  __TR_SIMD_BINARY(__vsetne##N, BITS, ua != ub)                                                        \
  __TR_SIMD_BINARY(__vsetges##N, BITS, sa >= sb)                                                       \
  __TR_SIMD_BINARY(__vsetgeu##N, BITS, ua >= ub)                                                       \
  __TR_SIMD_BINARY(__vsetgts##N, BITS, sa > sb)                                                        \
  __TR_SIMD_BINARY(__vsetgtu##N, BITS, ua > ub)                                                        \
  __TR_SIMD_BINARY(__vsetles##N, BITS, sa <= sb)                                                       \
  __TR_SIMD_BINARY(__vsetleu##N, BITS, ua <= ub)                                                       \
  __TR_SIMD_BINARY(__vsetlts##N, BITS, sa < sb)                                                        \
  __TR_SIMD_BINARY(__vsetltu##N, BITS, ua < ub)                                                        \
  __TR_SIMD_SUM(__vsads##N, BITS, __tr_abs_lane(sa - sb))                                              \
  __TR_SIMD_SUM(__vsadu##N, BITS, __tr_abs_lane(ua - ub))                                              \
  __TR_SIMD_BINARY(__tr_vabs##N, BITS, __tr_abs_lane(sa))                                              \
  __TR_SIMD_BINARY(__tr_vabsss##N, BITS, __tr_clamp_lane(__tr_abs_lane(sa), SMIN, SMAX))               \
  __TR_SIMD_BINARY(__tr_vneg##N, BITS, -ua)                                                            \
  __TR_SIMD_BINARY(__tr_vnegss##N, BITS, __tr_clamp_lane(-sa, SMIN, SMAX))                             \
  __host__ __device__ inline unsigned int __vabs##N(unsigned int a) { return __tr_vabs##N(a, 0u); }      \
  __host__ __device__ inline unsigned int __vabsss##N(unsigned int a) { return __tr_vabsss##N(a, 0u); }  \
  __host__ __device__ inline unsigned int __vneg##N(unsigned int a) { return __tr_vneg##N(a, 0u); }      \
  __host__ __device__ inline unsigned int __vnegss##N(unsigned int a) { return __tr_vnegss##N(a, 0u); }

__TR_SIMD_FAMILY(2, 16, -32768, 32767, 65535)
__TR_SIMD_FAMILY(4, 8, -128, 127, 255)
#undef __TR_SIMD_FAMILY
#undef __TR_SIMD_BINARY
#undef __TR_SIMD_SUM
#undef __TR_SIMD_LANEWISE
#undef __TR_SIMD_PLACE16
#undef __TR_SIMD_PLACE8
#undef __TR_SIMD_ADD

/* DPX: 32-bit max/min of two or three values, add-then-max/min, ReLU forms (max with 0), and the
   16x2 lane forms. */
__host__ __device__ inline int __vimax_s32(int a, int b) { return a > b ? a : b; }
__host__ __device__ inline unsigned int __vimax_u32(unsigned int a, unsigned int b) { return a > b ? a : b; }
__host__ __device__ inline int __vimin_s32(int a, int b) { return a < b ? a : b; }
__host__ __device__ inline unsigned int __vimin_u32(unsigned int a, unsigned int b) { return a < b ? a : b; }
__host__ __device__ inline int __vimax3_s32(int a, int b, int c) { return __vimax_s32(__vimax_s32(a, b), c); }
__host__ __device__ inline unsigned int __vimax3_u32(unsigned int a, unsigned int b, unsigned int c) { return __vimax_u32(__vimax_u32(a, b), c); }
__host__ __device__ inline int __vimin3_s32(int a, int b, int c) { return __vimin_s32(__vimin_s32(a, b), c); }
__host__ __device__ inline unsigned int __vimin3_u32(unsigned int a, unsigned int b, unsigned int c) { return __vimin_u32(__vimin_u32(a, b), c); }
__host__ __device__ inline int __vimax_s32_relu(int a, int b) { return __vimax_s32(__vimax_s32(a, b), 0); }
__host__ __device__ inline int __vimin_s32_relu(int a, int b) { return __vimax_s32(__vimin_s32(a, b), 0); }
__host__ __device__ inline int __vimax3_s32_relu(int a, int b, int c) { return __vimax_s32(__vimax3_s32(a, b, c), 0); }
__host__ __device__ inline int __vimin3_s32_relu(int a, int b, int c) { return __vimax_s32(__vimin3_s32(a, b, c), 0); }
/* The sum wraps as 32-bit arithmetic does on the device. */
__host__ __device__ inline int __tr_wrap_add(int a, int b) { return (int)((unsigned int)a + (unsigned int)b); }
__host__ __device__ inline int __viaddmax_s32(int a, int b, int c) { return __vimax_s32(__tr_wrap_add(a, b), c); }
__host__ __device__ inline unsigned int __viaddmax_u32(unsigned int a, unsigned int b, unsigned int c) { return __vimax_u32(a + b, c); }
__host__ __device__ inline int __viaddmin_s32(int a, int b, int c) { return __vimin_s32(__tr_wrap_add(a, b), c); }
__host__ __device__ inline unsigned int __viaddmin_u32(unsigned int a, unsigned int b, unsigned int c) { return __vimin_u32(a + b, c); }
__host__ __device__ inline int __viaddmax_s32_relu(int a, int b, int c) { return __vimax_s32(__viaddmax_s32(a, b, c), 0); }
__host__ __device__ inline int __viaddmin_s32_relu(int a, int b, int c) { return __vimax_s32(__viaddmin_s32(a, b, c), 0); }
__host__ __device__ inline int __vibmax_s32(int a, int b, bool *pred) { *pred = a >= b; return __vimax_s32(a, b); }
__host__ __device__ inline unsigned int __vibmax_u32(unsigned int a, unsigned int b, bool *pred) { *pred = a >= b; return __vimax_u32(a, b); }
__host__ __device__ inline int __vibmin_s32(int a, int b, bool *pred) { *pred = a <= b; return __vimin_s32(a, b); }
__host__ __device__ inline unsigned int __vibmin_u32(unsigned int a, unsigned int b, bool *pred) { *pred = a <= b; return __vimin_u32(a, b); }
__host__ __device__ inline unsigned int __vimax_s16x2(unsigned int a, unsigned int b) { return __vmaxs2(a, b); }
__host__ __device__ inline unsigned int __vimax_u16x2(unsigned int a, unsigned int b) { return __vmaxu2(a, b); }
__host__ __device__ inline unsigned int __vimin_s16x2(unsigned int a, unsigned int b) { return __vmins2(a, b); }
__host__ __device__ inline unsigned int __vimin_u16x2(unsigned int a, unsigned int b) { return __vminu2(a, b); }
__host__ __device__ inline unsigned int __vimax_s16x2_relu(unsigned int a, unsigned int b) { return __vmaxs2(__vmaxs2(a, b), 0u); }
__host__ __device__ inline unsigned int __vimin_s16x2_relu(unsigned int a, unsigned int b) { return __vmaxs2(__vmins2(a, b), 0u); }
