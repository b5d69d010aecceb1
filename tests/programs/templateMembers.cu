// Class templates whose member types name a template parameter (vec<N> o;), the shape of HeCBench
// attentionMultiHeadKVCache's state_t: the lifter took N, an expression inside the member's type, for the
// member's initializer (TR0404 "conversion from 'unsigned long' to 'vec<4>'"); and std::is_same_v<T, U>
// (a constexpr variable template) was not folded (TR0404).
#include <cstdio>
#include <type_traits>

template <int N> struct vec {
  float d[N];
  __device__ void fill(float v) {
    for (int i = 0; i < N; i++) d[i] = v;
  }
};

template <int N> struct state {
  vec<N> o;
  float m = 2.5f;
  __device__ void init() { o.fill(1.f); }
};

template <typename T> __device__ float kind() {
  if (std::is_same_v<T, float>) return 10.f;
  return 20.f;
}

__global__ void k(float *out) {
  state<4> s;
  s.init();
  out[threadIdx.x] = s.o.d[3] + s.m + kind<float>() + kind<int>();
}

int main() {
  float *p;
  cudaMallocManaged(&p, 4 * sizeof(float));
  k<<<1, 4>>>(p);
  cudaDeviceSynchronize();
  printf("%g\n", p[3]);
  printf("%s\n", p[3] == 33.5f ? "PASSED" : "FAILED");
  return p[3] != 33.5f;
}
