/* <mma.h>: warp matrix operations, nvcuda::wmma — fragments of the shapes and types CUDA documents,
   load_matrix_sync, store_matrix_sync, fill_fragment, mma_sync, __float_to_tf32.

   CUDA leaves unspecified which lane holds which elements of a fragment; programs may only treat
   x[0 .. num_elements) as a whole (fill it, scale it, convert it element by element). So here every
   lane holds the whole tile, row by row (num_elements is rows × columns: M×K for matrix_a, K×N for
   matrix_b, M×N for the accumulator), and each lane loads, multiplies and stores all of it. Results
   are CUDA's for every program that does not depend on the layout; the cost is 32 times the
   arithmetic of a tensor core's share per lane, and the stores of a warp write the same values 32
   times. The sum in mma_sync runs over k in order, in the accumulator's type (float for half, bf16
   and tf32 inputs, each product exact); CUDA does not specify the tensor cores' order either, so
   results agree bit for bit whenever the sums are exact.

   Not offered (a static_assert names them): the experimental sub-byte types (s4, u4, b1) and
   shapes or types CUDA does not document. */
#pragma once
#include "cuda_runtime.h"
#include "cuda_fp16.h"
#include "cuda_bf16.h"

namespace nvcuda {
namespace wmma {

struct matrix_a {};
struct matrix_b {};
struct accumulator {};
struct row_major {};
struct col_major {};
enum layout_t { mem_row_major, mem_col_major };

namespace precision {
/* TensorFloat-32: held in a float, used with 10 mantissa bits. */
struct tf32 {};
} // namespace precision

/* Rounds to TensorFloat-32 (19 bits: sign, 8 exponent, 10 mantissa), to nearest with ties away from
   zero, as cvt.rna.tf32.f32; infinities and NaNs are kept. */
__device__ inline float __float_to_tf32(float in) {
  unsigned int bits = __float_as_uint(in);
  if ((bits & 0x7f800000u) == 0x7f800000u) return in;
  return __uint_as_float((bits + 0x1000u) & 0xffffe000u);
}

namespace __detail {
template <class Use, int M, int N, int K> struct dims;
template <int M, int N, int K> struct dims<matrix_a, M, N, K> { static constexpr int rows = M, cols = K; };
template <int M, int N, int K> struct dims<matrix_b, M, N, K> { static constexpr int rows = K, cols = N; };
template <int M, int N, int K> struct dims<accumulator, M, N, K> { static constexpr int rows = M, cols = N; };

/* What x[] holds for each type a fragment names. */
template <class T> struct storage { typedef T type; };
template <> struct storage<precision::tf32> { typedef float type; };

template <int M, int N, int K> struct shape {
  static constexpr bool m16n16k16 = M == 16 && N == 16 && K == 16;
  static constexpr bool sixteen_bit = m16n16k16 || (M == 32 && N == 8 && K == 16) || (M == 8 && N == 32 && K == 16);
  static constexpr bool tf32 = M == 16 && N == 16 && K == 8;
  static constexpr bool dbl = M == 8 && N == 8 && K == 4;
};
template <class A, class B> struct is_same { static constexpr bool value = false; };
template <class A> struct is_same<A, A> { static constexpr bool value = true; };

/* The shapes and types CUDA documents for the multiplicands and the accumulator. */
template <class Use, int M, int N, int K, class T> struct documented {
  typedef shape<M, N, K> s;
  static constexpr bool multiplicand =
      ((is_same<T, __half>::value || is_same<T, __nv_bfloat16>::value || is_same<T, signed char>::value ||
        is_same<T, unsigned char>::value) && s::sixteen_bit) ||
      (is_same<T, precision::tf32>::value && s::tf32) || (is_same<T, double>::value && s::dbl);
  static constexpr bool acc = ((is_same<T, float>::value || is_same<T, __half>::value || is_same<T, int>::value) &&
                               (s::sixteen_bit || (s::tf32 && is_same<T, float>::value))) ||
                              (is_same<T, double>::value && s::dbl);
  static constexpr bool value = is_same<Use, accumulator>::value ? acc : multiplicand;
};

/* The multiplicands as the type products are formed in, and the accumulator to and from it. */
__device__ inline float wide(__half v) { return __half2float(v); }
__device__ inline float wide(__nv_bfloat16 v) { return __bfloat162float(v); }
__device__ inline float wide(float v) { return v; }
__device__ inline double wide(double v) { return v; }
__device__ inline int wide(signed char v) { return v; }
__device__ inline int wide(unsigned char v) { return v; }
/* Integer sums run in 64 bits, so an overflow of the 32-bit accumulator wraps (or saturates) as in CUDA. */
__device__ inline long long wide(int v) { return v; }
__device__ inline void narrow(__half &d, float v) { d = __float2half(v); }
__device__ inline void narrow(float &d, float v) { d = v; }
__device__ inline void narrow(double &d, double v) { d = v; }
__device__ inline void narrow(int &d, long long v) { d = (int)(unsigned int)(unsigned long long)v; }

/* satf: an infinite element becomes the largest finite value of its sign, a NaN +0; an integer sum
   is clamped to the 32-bit range. */
__device__ inline float clamp_finite(float v, float largest) {
  if (v != v) return 0.0f;
  if (v > largest) return largest;
  if (v < -largest) return -largest;
  return v;
}
__device__ inline float saturate_as(const float &, float v) { return clamp_finite(v, 3.40282347e38f); }
__device__ inline float saturate_as(const __half &, float v) { return clamp_finite(v, 65504.0f); }
__device__ inline double saturate_as(const double &, double v) { return v; }
__device__ inline long long saturate_as(const int &, long long v) {
  return v > 2147483647ll ? 2147483647ll : v < -2147483648ll ? -2147483648ll : v;
}
} // namespace __detail

template <class Use, int M, int N, int K, class T, class Layout = void> class fragment {
  static_assert(__detail::documented<Use, M, N, K, T>::value,
                "nvcuda::wmma::fragment: Translate offers the shapes and types CUDA documents (half, bf16, signed/unsigned "
                "char at m16n16k16, m32n8k16, m8n32k16; tf32 at m16n16k8; double at m8n8k4); not the sub-byte types");

public:
  typedef T element_type;
  typedef typename __detail::storage<T>::type storage_element_type;
  static constexpr int __rows = __detail::dims<Use, M, N, K>::rows;
  static constexpr int __cols = __detail::dims<Use, M, N, K>::cols;
  static constexpr int num_elements = __rows * __cols;
  /* Element (r, c) of the tile is x[r * __cols + c]. */
  storage_element_type x[__rows * __cols];
};

template <class Use, int M, int N, int K, class T, class Layout, class V>
__device__ void fill_fragment(fragment<Use, M, N, K, T, Layout> &f, const V &v) {
  typedef typename fragment<Use, M, N, K, T, Layout>::storage_element_type E;
  E value = (E)v;
  for (int i = 0; i < f.num_elements; i++) f.x[i] = value;
}

namespace __detail {
template <class F, class P> __device__ void load(F &f, const P *p, unsigned ldm, bool rowMajor) {
  for (int r = 0; r < F::__rows; r++)
    for (int c = 0; c < F::__cols; c++) f.x[r * F::__cols + c] = rowMajor ? p[r * ldm + c] : p[c * ldm + r];
}
template <class F, class P> __device__ void store(P *p, const F &f, unsigned ldm, bool rowMajor) {
  for (int r = 0; r < F::__rows; r++)
    for (int c = 0; c < F::__cols; c++) {
      if (rowMajor) p[r * ldm + c] = f.x[r * F::__cols + c];
      else p[c * ldm + r] = f.x[r * F::__cols + c];
    }
}
template <class Layout> struct is_row { static constexpr bool value = is_same<Layout, row_major>::value; };
} // namespace __detail

/* A multiplicand whose layout is part of its type. */
template <class Use, int M, int N, int K, class T, class Layout, class P>
__device__ void load_matrix_sync(fragment<Use, M, N, K, T, Layout> &f, const P *p, unsigned ldm) {
  static_assert(!__detail::is_same<Use, accumulator>::value, "load_matrix_sync of an accumulator takes a layout_t");
  static_assert(!__detail::is_same<Layout, void>::value, "load_matrix_sync of a fragment without a layout takes a layout_t");
  __detail::load(f, p, ldm, __detail::is_row<Layout>::value);
}
/* An accumulator, or a multiplicand declared without a layout: the layout is given here. */
template <class Use, int M, int N, int K, class T, class P>
__device__ void load_matrix_sync(fragment<Use, M, N, K, T, void> &f, const P *p, unsigned ldm, layout_t layout) {
  __detail::load(f, p, ldm, layout == mem_row_major);
}

template <int M, int N, int K, class T, class P>
__device__ void store_matrix_sync(P *p, const fragment<accumulator, M, N, K, T, void> &f, unsigned ldm, layout_t layout) {
  __detail::store(p, f, ldm, layout == mem_row_major);
}

/* d = a × b + c over the whole tile. */
template <int M, int N, int K, class TA, class LA, class TB, class LB, class TC, class TD>
__device__ void mma_sync(fragment<accumulator, M, N, K, TD, void> &d, const fragment<matrix_a, M, N, K, TA, LA> &a,
                         const fragment<matrix_b, M, N, K, TB, LB> &b, const fragment<accumulator, M, N, K, TC, void> &c,
                         bool satf = false) {
  static_assert(__detail::is_same<TA, TB>::value, "mma_sync: matrix_a and matrix_b must hold the same type");
  typedef decltype(__detail::wide(c.x[0])) Acc;
  Acc sums[M * N];
  for (int m = 0; m < M; m++)
    for (int n = 0; n < N; n++) {
      Acc sum = __detail::wide(c.x[m * N + n]);
      for (int k = 0; k < K; k++) sum += (Acc)__detail::wide(a.x[m * K + k]) * (Acc)__detail::wide(b.x[k * N + n]);
      sums[m * N + n] = sum;
    }
  /* d may be c: every sum is formed before any is written. */
  for (int i = 0; i < M * N; i++) {
    Acc v = sums[i];
    if (satf) v = __detail::saturate_as(d.x[i], v);
    __detail::narrow(d.x[i], v);
  }
}

} // namespace wmma
} // namespace nvcuda
