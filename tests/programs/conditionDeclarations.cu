// Declarations in conditions and C++17 init-statements: `if (T v = e)`, `if (init; cond)` with a declaration or an
// expression as the init (an expression init and an else both give libclang three children: the first version read
// `if (o[2] = 1; o[0] > 3) x;` as `if (o[2] = 1) o[0] > 3; else x;`, silently), `while (T v = e)` tested before each
// round, `switch (T v = e)`; a switch's init-statement is refused (libclang does not show it).
#include <cstdio>

__host__ __device__ int next(int x) { return x > 0 ? x - 3 : 0; }

__host__ __device__ int shapes(int x, int *side) {
  int r = 0;
  if (int v = next(x)) r += v; else r -= 100;            // the variable is the condition
  if (int v = next(x); v > 5) r += 1000 * v; else r += v; // a declaration init, its variable in both arms
  if (*side = x; x > 4) r += 7;                            // an expression init, no else: three children
  if (*side += 1; x > 8) r += 11; else r += 13;            // an expression init and an else: four
  int rounds = 0;
  while (int v = next(x - rounds)) { r += v; rounds++; }  // declared and tested before each round
  switch (int v = x % 4) { case 1: r += 10 * v; break; case 2: r -= v; break; default: r += 1; }
  return r * 10 + rounds;
}

__global__ void k(int *out, int *sides) { out[threadIdx.x] = shapes(threadIdx.x, &sides[threadIdx.x]); }

// The same without the new forms.
static int plain(int x, int *side) {
  int r = 0;
  int v = next(x);
  if (v) r += v; else r -= 100;
  if (v > 5) r += 1000 * v; else r += v;
  *side = x;
  if (x > 4) r += 7;
  *side += 1;
  if (x > 8) r += 11; else r += 13;
  int rounds = 0;
  while (next(x - rounds)) { r += next(x - rounds); rounds++; }
  int m = x % 4;
  if (m == 1) r += 10 * m; else if (m == 2) r -= m; else r += 1;
  return r * 10 + rounds;
}

int main() {
  const int n = 16;
  int *out, *sides;
  cudaMallocManaged(&out, n * sizeof(int));
  cudaMallocManaged(&sides, n * sizeof(int));
  k<<<1, n>>>(out, sides);
  cudaDeviceSynchronize();
  int bad = 0;
  for (int i = 0; i < n; i++) {
    int side, hostSide;
    int want = plain(i, &side);
    if (out[i] != want || sides[i] != side) { printf("device %d: %d %d, want %d %d\n", i, out[i], sides[i], want, side); bad++; }
    if (shapes(i, &hostSide) != want || hostSide != side) { printf("host %d\n", i); bad++; }
  }
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad != 0;
}
