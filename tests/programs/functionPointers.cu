// Pointers to functions in device and host code: a device function table, a pointer copied from a __device__ variable
// to the host and passed back to a kernel, pointers chosen per thread, called as f(x) and (*f)(x), compared and tested
// for null, passed to device functions, a lambda converted to one, and host code's own pointers (NVIDIA's
// FunctionPointers sample's shapes); a function returning a struct called through a pointer (HeCBench softmax-online's
// cg::reduce operator: OpenCL C rejected the dispatcher's `return 0;` after its trap for a struct result).
#include <cstdio>

typedef float (*binary_op)(float, float);
typedef void (*store_op)(float *, int, float);

__device__ float add(float a, float b) { return a + b; }
__device__ float sub(float a, float b) { return a - b; }
__device__ float mul(float a, float b) { return a * b; }
__device__ void storeTwice(float *out, int i, float v) { out[i] = 2.0f * v; }

__device__ binary_op table[3] = {add, sub, &mul};
__device__ binary_op chosen = mul;

__device__ float apply(binary_op f, float a, float b) { return (*f)(a, b); }

__global__ void viaTable(const float *x, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = table[i % 3](x[i], 2.0f);
}

__global__ void viaParameter(binary_op f, store_op g, const float *x, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) g(out, i, apply(f, x[i], 3.0f));
}

__global__ void perThread(const float *x, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  binary_op f = (i & 1) ? add : sub;
  binary_op none = nullptr;
  binary_op halfOf = [](float a, float) { return a * 0.5f; }; // a lambda without captures converts to a pointer
  float r = f(x[i], 1.0f) + halfOf(2.0f, 0.0f);
  if (f == add) r += 100.0f;
  if (!none && f) r += 1000.0f;
  out[i] = r;
}

__device__ store_op d_store = storeTwice;

struct SumMax { float sum, max; };
typedef SumMax (*combine_op)(SumMax, SumMax);
__device__ SumMax combine(SumMax a, SumMax b) { SumMax r; r.sum = a.sum + b.sum; r.max = a.max > b.max ? a.max : b.max; return r; }
__device__ SumMax fold(combine_op op, SumMax a, SumMax b) { return op(a, b); }
__global__ void structResult(const float *x, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  SumMax a = {x[i], x[i]}, b = {1.0f, 10.0f};
  SumMax r = fold(combine, a, b);
  out[i] = r.sum * 100.0f + r.max;
}

float hostSquare(float v) { return v * v; }
float hostTwice(float v) { return v + v; }

int main() {
  const int n = 64;
  float hx[n], hout[n];
  for (int i = 0; i < n; i++) hx[i] = (float)i;
  float *x, *out;
  cudaMalloc(&x, sizeof hx);
  cudaMalloc(&out, sizeof hout);
  cudaMemcpy(x, hx, sizeof hx, cudaMemcpyHostToDevice);
  int bad = 0;

  viaTable<<<2, 32>>>(x, out, n);
  cudaMemcpy(hout, out, sizeof hout, cudaMemcpyDeviceToHost);
  for (int i = 0; i < n; i++) {
    float e = i % 3 == 0 ? hx[i] + 2.0f : i % 3 == 1 ? hx[i] - 2.0f : hx[i] * 2.0f;
    if (hout[i] != e) bad++;
  }
  printf("table: %g %g %g\n", hout[3], hout[4], hout[5]);

  binary_op h_mul;
  store_op h_store;
  cudaMemcpyFromSymbol(&h_mul, chosen, sizeof(binary_op));
  cudaMemcpyFromSymbol(&h_store, d_store, sizeof(store_op));
  viaParameter<<<2, 32>>>(h_mul, h_store, x, out, n);
  cudaMemcpy(hout, out, sizeof hout, cudaMemcpyDeviceToHost);
  for (int i = 0; i < n; i++)
    if (hout[i] != 2.0f * (hx[i] * 3.0f)) bad++;
  printf("parameter: %g %g\n", hout[1], hout[10]);

  perThread<<<2, 32>>>(x, out, n);
  cudaMemcpy(hout, out, sizeof hout, cudaMemcpyDeviceToHost);
  for (int i = 0; i < n; i++) {
    float e = ((i & 1) ? hx[i] + 1.0f + 100.0f + 1000.0f : hx[i] - 1.0f + 1000.0f) + 1.0f;
    if (hout[i] != e) bad++;
  }
  printf("per thread: %g %g\n", hout[0], hout[1]);

  structResult<<<(n + 31) / 32, 32>>>(x, out, n);
  cudaMemcpy(hout, out, n * sizeof(float), cudaMemcpyDeviceToHost);
  for (int i = 0; i < n; i++)
    if (hout[i] != (hx[i] + 1.0f) * 100.0f + (hx[i] > 10.0f ? hx[i] : 10.0f)) bad++;
  printf("struct result: %g %g\n", hout[0], hout[63]);

  float (*hf)(float) = hostSquare;
  float total = hf(3.0f);
  hf = &hostTwice;
  total += (*hf)(5.0f);
  if (total != 19.0f) bad++;
  printf("host: %g\n", total);

  cudaFree(x);
  cudaFree(out);
  printf("%s\n", bad == 0 ? "PASSED" : "FAILED");
  return bad == 0 ? 0 : 1;
}
