// `&&` and `||` whose right side must not run where the left decides: a null pointer, an integer division by zero,
// an index past a local array, a load through a pointer another thread's condition guards. The cpu device evaluates
// a right side that cannot fault as a select (straight-line code); these must keep their branches. Also right sides
// that may be evaluated either way (locals, fields of a local vector, float arithmetic), whose results must not change.
#include <cstdio>

struct Cell { int v; int next; };  // next: an index into data, or a negative number far outside it

__global__ void guards(int n, const int *data, int *out, const Cell *cells)
{
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const int *p = (i % 3 == 0) ? nullptr : &data[i];
  int d = i % 4;
  int local[4] = {i, i + 1, i + 2, i + 3};
  int k = i % 7;
  float2 q = make_float2(i * 0.5f, -i * 0.25f);
  int r = 0;
  if (p != nullptr && *p > 10) r += 1;               // load through a pointer: guarded
  if (d != 0 && 100 / d > 30) r += 2;                 // integer division: guarded
  if (k < 4 && local[k] % 2 == 0) r += 4;             // array element: guarded
  if (cells[i].next < 0 || data[cells[i].next] < 5) r += 8;     // a load through a pointer: guarded
  if (q.x > 3.0f && q.y < -1.5f * q.x / 2.0f + 0.1f) r += 16;  // locals and float arithmetic: either way
  if (i > 5 || q.x * q.y > -1.0f) r += 32;
  out[i] = r;
}

int main()
{
  const int n = 500;
  int *data, *out;
  Cell *cells;
  cudaMallocManaged(&data, n * sizeof(int));
  cudaMallocManaged(&out, n * sizeof(int));
  cudaMallocManaged(&cells, n * sizeof(Cell));
  for (int i = 0; i < n; i++) { data[i] = i * 7 % 23; cells[i].v = i; cells[i].next = (i % 5 == 0) ? -1 - i * 1000000 : (i * 13) % n; }
  guards<<<(n + 127) / 128, 128>>>(n, data, out, cells);
  cudaDeviceSynchronize();
  int bad = 0, sum = 0;
  for (int i = 0; i < n; i++) {
    const int *p = (i % 3 == 0) ? nullptr : &data[i];
    int d = i % 4, k = i % 7, local[4] = {i, i + 1, i + 2, i + 3};
    float qx = i * 0.5f, qy = -i * 0.25f;
    int r = 0;
    if (p != nullptr && *p > 10) r += 1;
    if (d != 0 && 100 / d > 30) r += 2;
    if (k < 4 && local[k] % 2 == 0) r += 4;
    if (cells[i].next < 0 || data[cells[i].next] < 5) r += 8;
    if (qx > 3.0f && qy < -1.5f * qx / 2.0f + 0.1f) r += 16;
    if (i > 5 || qx * qy > -1.0f) r += 32;
    if (out[i] != r) bad++;
    sum += out[i];
  }
  printf("sum %d, %d mismatches\n", sum, bad);
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad ? 1 : 0;
}
