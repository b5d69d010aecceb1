// Class templates deriving from a base that names the template's parameters (PyTorch's
// `TensorAccessor<T, N> : TensorAccessorBase<T, N, PtrTraits, index_t>`, CRTP helpers, policy bases).
// libclang 19 shows no base classes of an implicit instantiation; the lifter finds them by naming each one
// through the derived class (its inherited injected-class-name) in a second parse.
#include <cstdio>
#include <cstdint>

template <typename T> struct RestrictPtr { typedef T *__restrict__ Type; };

namespace acc {
template <typename T, size_t N, template <typename U> class Traits, typename Index = int64_t>
class AccessorBase {
public:
  typedef typename Traits<T>::Type Ptr;
  __host__ __device__ AccessorBase(Ptr data, const Index *sizes, const Index *strides)
      : data_(data), sizes_(sizes), strides_(strides) {}
  __host__ __device__ Index size(Index i) const { return sizes_[i]; }
protected:
  Ptr data_;
  const Index *sizes_;
  const Index *strides_;
};

template <typename T, size_t N, template <typename U> class Traits, typename Index = int64_t>
class Accessor : public AccessorBase<T, N, Traits, Index> {
public:
  __host__ __device__ Accessor(typename Traits<T>::Type data, const Index *sizes, const Index *strides)
      : AccessorBase<T, N, Traits, Index>(data, sizes, strides) {}
  __host__ __device__ Accessor<T, N - 1, Traits, Index> operator[](Index i) const {
    return Accessor<T, N - 1, Traits, Index>(this->data_ + this->strides_[0] * i, this->sizes_ + 1, this->strides_ + 1);
  }
};

template <typename T, template <typename U> class Traits, typename Index>
class Accessor<T, 1, Traits, Index> : public AccessorBase<T, 1, Traits, Index> {
public:
  __host__ __device__ Accessor(typename Traits<T>::Type data, const Index *sizes, const Index *strides)
      : AccessorBase<T, 1, Traits, Index>(data, sizes, strides) {}
  __host__ __device__ T &operator[](Index i) const { return this->data_[this->strides_[0] * i]; }
};
} // namespace acc

// A counter policy mixed in as a base with a data member, and a CRTP base whose member calls the derived class.
template <typename T> struct Counted { int count; __device__ void bump() { count += 1; } };
template <typename Derived> struct Shape {
  __device__ float twiceArea() const { return 2.0f * static_cast<const Derived *>(this)->area(); }
};
template <typename T> struct Rect : Shape<Rect<T>>, Counted<T> {
  T w, h;
  __device__ float area() const { return (float)(w * h); }
};

__global__ void scale(acc::Accessor<float, 2, RestrictPtr> a, float f) {
  int r = blockIdx.x, c = threadIdx.x;
  if (r < a.size(0) && c < a.size(1)) a[r][c] = a[r][c] * f + r;
}

__global__ void shapes(float *out, int *counts) {
  Rect<int> r;
  r.w = threadIdx.x; r.h = 3; r.count = 0;
  r.bump(); r.bump();
  out[threadIdx.x] = r.twiceArea();
  counts[threadIdx.x] = r.count;
}

int main() {
  const int R = 7, C = 33;
  float *m, *out;
  int *counts;
  int64_t *meta;
  cudaMallocManaged(&m, R * C * sizeof(float));
  cudaMallocManaged(&out, 64 * sizeof(float));
  cudaMallocManaged(&counts, 64 * sizeof(int));
  cudaMallocManaged(&meta, 4 * sizeof(int64_t));
  meta[0] = R; meta[1] = C; meta[2] = C; meta[3] = 1;
  for (int i = 0; i < R * C; i++) m[i] = (float)i;
  scale<<<R, 64>>>(acc::Accessor<float, 2, RestrictPtr>(m, meta, meta + 2), 0.5f);
  shapes<<<1, 64>>>(out, counts);
  cudaDeviceSynchronize();
  int bad = 0;
  for (int i = 0; i < R * C; i++) if (m[i] != i * 0.5f + i / C) bad++;
  for (int i = 0; i < 64; i++) if (out[i] != 6.0f * i || counts[i] != 2) bad++;
  printf("%d mismatches\n", bad);
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad ? 1 : 0;
}
