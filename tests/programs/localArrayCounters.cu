// Per-thread counters in local arrays and ifs that only assign scalars (HeCBench chi2's kernel): the cpu device unrolls
// short loops over such arrays, makes arrays indexed only by constants into scalars and ifs that only assign scalars
// into selects (ArrayLoopUnrolling, ArrayScalars, SelectedAssignments), so the counting loop runs in lockstep and
// vectorizes. Around that: counters of every shape (signed and unsigned, <=, !=, >=, steps of 2 and 3, one that wraps
// past zero), a counter read after its loop, arrays that must stay arrays (a run-time index, passed to a function, a
// loop left by break), the condition evaluated once when an arm changes what it reads, arm-local variables shadowing
// outer ones, and an arm with a division (not speculated).
#include <cstdio>

__global__ void counts(int n, int rows, const unsigned char *data, float *chi, int *last)
{
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int cases[3] = {1, 1, 1};
  float e[3];
  unsigned p;
  for (int m = 0; m < rows; m++) {
    unsigned char y = data[m * n + i];
    if (y == '0') { cases[0]++; }
    else if (y == '1') { cases[1]++; }
    else if (y == '2') { cases[2]++; }
  }
  int tot = 0;
  for (p = 0; p < 3; p++) tot += cases[p];
  float s = 0.0f;
  for (p = 0; p < 3; p++) {
    e[p] = (float)cases[p] / tot;
    s += e[p] * e[p] * (p + 1);
  }
  chi[i] = s;
  last[i] = p;
}

__device__ int sum4(const int *a) { return a[0] + a[1] + a[2] + a[3]; }

__global__ void shapes(int n, const int *x, int *out)
{
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int v = x[i];
  int a[5] = {0, 0, 0, 0, 0};
  for (int k = 4; k >= 0; k -= 2) a[k] = v + k;                 // 4, 2, 0
  for (int k = 0; k != 6; k += 3) a[k + 1] += v * k;             // 0, 3
  for (short k = 0; k <= 2; k++) a[k] ^= k << 4;                 // 0, 1, 2
  int w[3] = {0, 0, 0};
  unsigned u;
  for (u = 2; u < 5; u--) w[u] = v - (int)u;                     // 2, 1, 0, then wraps past zero and stops
  int r[4] = {1, 2, 3, 4};
  r[v & 3] = v;                                                  // a run-time index: stays an array
  int q[4];
  for (int k = 0; k < 4; k++) q[k] = v * k;
  int passed = sum4(q);                                          // passed on: stays an array
  int b[4] = {5, 6, 7, 8};
  int found = -1;
  for (int k = 0; k < 4; k++) { if (b[k] == 5 + (v & 3)) { found = k; break; } }  // left by break: not unrolled
  out[i * 6 + 0] = a[0] + a[1] * 3 + a[2] * 5 + a[3] * 7 + a[4] * 11;
  out[i * 6 + 1] = w[0] * 2 + w[1] * 3 + w[2] * 5;
  out[i * 6 + 2] = (int)u;
  out[i * 6 + 3] = r[0] + r[1] * 2 + r[2] * 4 + r[3] * 8;
  out[i * 6 + 4] = passed;
  out[i * 6 + 5] = found;
}

__global__ void selects(int n, const int *x, int *out)
{
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int v = x[i] % 11, w = 0, z = 1;
  bool big = false;
  if (v > 3) { v = v - 3; w = v * 2; big = true; }  // the condition is v's value before the arm
  else { w = -v; }
  if (v > 5) { int z = v * 7; w += z; }             // an arm-local z shadows the outer one
  else if (v > 2) { z = 9; w -= 1; }
  else { z = -z; }
  int d = 100;
  if (v != 0) d = d / v;                            // a division: left as a branch
  out[i * 5 + 0] = v;
  out[i * 5 + 1] = w;
  out[i * 5 + 2] = z;
  out[i * 5 + 3] = big ? 1 : 0;
  out[i * 5 + 4] = d;
}

int main()
{
  const int n = 777, rows = 41, block = 64, grid = (n + block - 1) / block;
  unsigned char *data;
  float *chi;
  int *x, *last, *out;
  cudaMallocManaged(&data, n * rows);
  cudaMallocManaged(&chi, n * sizeof(float));
  cudaMallocManaged(&x, n * sizeof(int));
  cudaMallocManaged(&last, n * sizeof(int));
  cudaMallocManaged(&out, n * 6 * sizeof(int));
  for (int k = 0; k < n * rows; k++) data[k] = (unsigned char)('0' + (k * 7 + k / 13) % 4);
  for (int k = 0; k < n; k++) x[k] = (k * 7919) % 1013 - 300;
  int bad = 0;

  counts<<<grid, block>>>(n, rows, data, chi, last);
  cudaDeviceSynchronize();
  double sum = 0;
  for (int i = 0; i < n; i++) {
    int c[3] = {1, 1, 1};
    for (int m = 0; m < rows; m++) {
      unsigned char y = data[m * n + i];
      if (y == '0') c[0]++; else if (y == '1') c[1]++; else if (y == '2') c[2]++;
    }
    int tot = c[0] + c[1] + c[2];
    float s = 0.0f;
    for (unsigned p = 0; p < 3; p++) { float e = (float)c[p] / tot; s += e * e * (p + 1); }
    if (fabsf(chi[i] - s) > 1e-6f || last[i] != 3) bad++;
    sum += chi[i];
  }
  printf("counts: %.4f\n", sum);

  shapes<<<grid, block>>>(n, x, out);
  cudaDeviceSynchronize();
  long long check = 0;
  for (int i = 0; i < n; i++) {
    int v = x[i];
    int a[5] = {0, 0, 0, 0, 0};
    for (int k = 4; k >= 0; k -= 2) a[k] = v + k;
    for (int k = 0; k != 6; k += 3) a[k + 1] += v * k;
    for (int k = 0; k <= 2; k++) a[k] ^= k << 4;
    int w[3];
    for (int k = 0; k < 3; k++) w[k] = v - k;
    int r[4] = {1, 2, 3, 4};
    r[v & 3] = v;
    int want[6] = {a[0] + a[1] * 3 + a[2] * 5 + a[3] * 7 + a[4] * 11, w[0] * 2 + w[1] * 3 + w[2] * 5, -1,
                   r[0] + r[1] * 2 + r[2] * 4 + r[3] * 8, v * 6, v & 3};
    for (int k = 0; k < 6; k++) { if (out[i * 6 + k] != want[k]) bad++; check += out[i * 6 + k]; }
  }
  printf("shapes: %lld\n", check);

  selects<<<grid, block>>>(n, x, out);
  cudaDeviceSynchronize();
  check = 0;
  for (int i = 0; i < n; i++) {
    int v = x[i] % 11, w = 0, z = 1, big = 0;
    if (v > 3) { v = v - 3; w = v * 2; big = 1; } else w = -v;
    if (v > 5) w += v * 7; else if (v > 2) { z = 9; w -= 1; } else z = -z;
    int d = v != 0 ? 100 / v : 100;
    int want[5] = {v, w, z, big, d};
    for (int k = 0; k < 5; k++) { if (out[i * 5 + k] != want[k]) bad++; check += out[i * 5 + k]; }
  }
  printf("selects: %lld\n", check);

  printf("%d mismatches\n", bad);
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad ? 1 : 0;
}
