// Range-based for loops in device and host code: over local, shared and member arrays (by value, by reference,
// const auto&), over a braced list, over classes whose begin() and end() return pointers (a const and a non-const
// pair), nested, with continue and break; and a struct holding an array initialized from a nested brace list.
#include <cstdio>
#include <initializer_list>

struct Span {
  int *first;
  int count;
  __host__ __device__ int *begin() const { return first; }
  __host__ __device__ int *end() const { return first + count; }
};

struct Row {
  float v[4];
  __host__ __device__ float *begin() { return v; }
  __host__ __device__ float *end() { return v + 4; }
  __host__ __device__ const float *begin() const { return v; }
  __host__ __device__ const float *end() const { return v + 4; }
};

__host__ __device__ float rowTotal(const Row &r) {
  float t = 0;
  for (float x : r) t += x;
  return t;
}

__host__ __device__ int listed(int t) {
  int s = 0;
  for (int v : {3, 5, 7, 11}) {
    if (v == 5) continue;
    if (v > t + 7) break;
    s += v;
  }
  return s;
}

__global__ void loops(const int *in, int *out, float *rows) {
  int t = threadIdx.x;
  int local[5] = {t, t + 1, t + 2, t + 3, t + 4};
  for (int &v : local) v *= 2;           // by reference: the array changes
  int sum = 0;
  for (const auto &v : local) sum += v;  // 10 t + 20
  __shared__ int tile[32];
  tile[t] = in[t];
  __syncthreads();
  int shared = 0;
  for (int v : tile) shared += v;
  Row r{{1.0f * t, 2, 3, 4}};
  for (float &x : r) x += 1;
  int pairs = 0;
  for (int a : local)
    for (int b : {1, 2}) pairs += a * b;  // 3 × sum
  out[t] = sum;
  out[32 + t] = shared;
  out[64 + t] = listed(t);
  out[96 + t] = pairs;
  rows[t] = rowTotal(r);
  Span mine{out + 128 + t * 2, 2};
  for (int &v : mine) v = t;
}

int main() {
  int *in, *out;
  float *rows;
  cudaMallocManaged(&in, 32 * sizeof(int));
  cudaMallocManaged(&out, 192 * sizeof(int));
  cudaMallocManaged(&rows, 32 * sizeof(float));
  int want = 0;
  for (int i = 0; i < 32; i++) { in[i] = i * i % 17; want += in[i]; }
  loops<<<1, 32>>>(in, out, rows);
  cudaDeviceSynchronize();
  int bad = 0;
  for (int t = 0; t < 32; t++) {
    if (out[t] != 10 * t + 20) { printf("sum %d: %d\n", t, out[t]); bad++; }
    if (out[32 + t] != want) { printf("shared %d: %d\n", t, out[32 + t]); bad++; }
    int l = 0;
    for (int v : {3, 7, 11}) if (v <= t + 7) l += v; // the host's own range-for, lifted too
    if (out[64 + t] != l) { printf("listed %d: %d, want %d\n", t, out[64 + t], l); bad++; }
    if (out[96 + t] != 3 * (10 * t + 20)) { printf("pairs %d: %d\n", t, out[96 + t]); bad++; }
    if (rows[t] != t + 13.0f) { printf("row %d: %g\n", t, rows[t]); bad++; }
    if (out[128 + 2 * t] != t || out[129 + 2 * t] != t) { printf("span %d\n", t); bad++; }
  }
  Row h{{1, 2}};
  if (rowTotal(h) != 3.0f) { printf("host row %g\n", rowTotal(h)); bad++; }
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad != 0;
}
