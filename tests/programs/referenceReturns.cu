// Functions returning references (issue 16: "reference returns"): operator[] of a small array class,
// methods returning *this chained and discarded (a.fill(1).fill(2); was once dropped silently), a
// compound assignment operator returning *this, a reference to the larger of two variables assigned
// through, a reference into an array updated with +=, and a host ?: of two string literals.
#include <cstdio>
template <typename T, int N> struct Arr {
  T v[N];
  __device__ T &operator[](int i) { return v[i]; }
  __device__ const T &operator[](int i) const { return v[i]; }
  __device__ Arr &fill(T x) { for (int i = 0; i < N; i++) v[i] = x; return *this; }
};
struct Acc { int total; __device__ Acc &operator+=(int x) { total += x; return *this; } };
__device__ int &pick(int *a, int i) { return a[i % 4]; }
__device__ int &maxRef(int &a, int &b) { return a > b ? a : b; }
__global__ void k(int *out) {
  int t = threadIdx.x;
  Arr<int, 4> a;
  a.fill(t).fill(t + 1);
  a[2] = 7;
  a[3] += 5;
  const Arr<int, 4> &ca = a;
  Acc acc{0};
  (acc += 3) += t;
  int x = 1, y = 2;
  maxRef(x, y) = 10;
  int local[4] = {0, 0, 0, 0};
  pick(local, t) += 9;
  out[t] = a[0] + ca[2] + a[3] + acc.total + x * 100 + y * 1000 + local[t % 4];
}
int main() {
  int *out; cudaMallocManaged(&out, 32 * sizeof(int));
  k<<<1, 32>>>(out); cudaDeviceSynchronize();
  int bad = 0;
  for (int t = 0; t < 32; t++) { int want = (t + 1) + 7 + (t + 6) + 3 + t + 100 + 10000 + 9; if (out[t] != want) { printf("%d: %d vs %d\n", t, out[t], want); bad++; } }
  printf(bad ? "FAILED\n" : "PASSED\n"); return bad != 0;
}
