// Loops over rows of a 2-D or 3-D block (`for (b = threadIdx.y; b < n; b += blockDim.y)`) around loops over columns,
// the shape of HeCBench wedford's Welford reduction: the cpu device runs both in lockstep, tests a round once for
// the whole block when the counter is one thread index plus block-uniform values (x, y or z), and reads a local
// the row loop's body defines from its counter (`base = b * stride`) as that definition in the column loop, so
// `input[base + offset]` is one vector load, not a gather. Around it: rows returned before the loop, bounds that
// are not a multiple of the block's extent, a z-stride loop, a local defined from the counter but reassigned (must
// stay per thread), a local read before its definition in the next round, accumulators passed by reference.
#include <cstdio>

#define ROWS 37
#define COLS 45

__device__ void accumulate(float &mean, float &m2, int &count, float x)
{
  count++;
  float d = x - mean;
  mean += d / count;
  m2 += d * (x - mean);
}

// One block per feature; each thread's running mean, its M2 and count land in out[thread].
__global__ void welfordRows(const float *input, float *means, float *m2s, int *counts, int rows, int cols, int features)
{
  int count = 0;
  float mean = 0.0f, m2 = 0.0f;
  int thread = (threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x;
  for (int row = threadIdx.y; row < rows; row += blockDim.y) {
    int base = blockIdx.x * cols + row * cols * features;
    for (int offset = threadIdx.x; offset < cols; offset += blockDim.x) accumulate(mean, m2, count, input[base + offset]);
  }
  int at = blockIdx.x * blockDim.x * blockDim.y * blockDim.z + thread;
  means[at] = mean;
  m2s[at] = m2;
  counts[at] = count;
}

// Rows with threadIdx.y == 1 return first; the z loop strides over planes; `shifted` is assigned twice (not a
// definition); `previous`, assigned once from the counter, is read before the round assigns it (the last round's).
__global__ void mixedRows(const int *input, int *out, int rows, int cols)
{
  if (threadIdx.y == 1) return;
  int sum = 0, previous;
  for (int plane = threadIdx.z; plane < 3; plane += blockDim.z)
    for (int row = threadIdx.y; row < rows; row += blockDim.y) {
      if (row != threadIdx.y) sum += previous % 7;
      int base = (plane * rows + row) * cols;
      int shifted = base + 1;
      if (row % 3 == 0) shifted = base;
      for (int col = threadIdx.x; col < cols; col += blockDim.x) sum += input[base + col] + (shifted - base);
      previous = row * 3 + 1;
    }
  out[(threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x] = sum;
}

static int failures = 0;
static void expect(bool ok, const char *what, int at)
{
  if (!ok && failures++ < 10) printf("mismatch in %s at %d\n", what, at);
}

int main()
{
  const int features = 3;
  const int shapes[4][3] = {{32, 4, 1}, {8, 8, 1}, {16, 3, 2}, {5, 7, 1}};
  float *input, *means, *m2s;
  int *counts, *cells, *out;
  cudaMallocManaged(&input, ROWS * COLS * features * sizeof(float));
  cudaMallocManaged(&means, features * 256 * sizeof(float));
  cudaMallocManaged(&m2s, features * 256 * sizeof(float));
  cudaMallocManaged(&counts, features * 256 * sizeof(int));
  cudaMallocManaged(&cells, 3 * ROWS * COLS * sizeof(int));
  cudaMallocManaged(&out, 256 * sizeof(int));
  for (int i = 0; i < ROWS * COLS * features; i++) input[i] = (float)((i * 37) % 101) / 8.0f;
  for (int i = 0; i < 3 * ROWS * COLS; i++) cells[i] = (i * 13) % 29;
  for (int s = 0; s < 4; s++) {
    int bx = shapes[s][0], by = shapes[s][1], bz = shapes[s][2], threads = bx * by * bz;
    welfordRows<<<features, dim3(bx, by, bz)>>>(input, means, m2s, counts, ROWS, COLS, features);
    cudaDeviceSynchronize();
    for (int f = 0; f < features; f++)
      for (int t = 0; t < threads; t++) {
        int x = t % bx, y = t / bx % by, count = 0;
        float mean = 0.0f, m2 = 0.0f;
        for (int row = y; row < ROWS; row += by)
          for (int offset = x; offset < COLS; offset += bx) {
            float v = input[f * COLS + row * COLS * features + offset];
            count++;
            float d = v - mean;
            mean += d / count;
            m2 += d * (v - mean);
          }
        int at = f * threads + t;
        expect(counts[at] == count && means[at] == mean && m2s[at] == m2, "welfordRows", at);
      }

    for (int t = 0; t < threads; t++) out[t] = -1;
    mixedRows<<<1, dim3(bx, by, bz)>>>(cells, out, ROWS, COLS);
    cudaDeviceSynchronize();
    for (int t = 0; t < threads; t++) {
      int x = t % bx, y = t / bx % by, z = t / (bx * by), sum = 0, previous = -1;
      if (y == 1) { expect(out[t] == -1, "mixedRows (returned)", t); continue; }
      for (int plane = z; plane < 3; plane += bz)
        for (int row = y; row < ROWS; row += by) {
          if (row != y) sum += previous % 7;
          int base = (plane * ROWS + row) * COLS;
          int shifted = row % 3 == 0 ? base : base + 1;
          for (int col = x; col < COLS; col += bx) sum += cells[base + col] + (shifted - base);
          previous = row * 3 + 1;
        }
      expect(out[t] == sum, "mixedRows", t);
    }
  }
  cudaFree(input);
  cudaFree(means);
  cudaFree(m2s);
  cudaFree(counts);
  cudaFree(cells);
  cudaFree(out);
  printf(failures == 0 ? "PASSED\n" : "FAILED\n");
  return failures == 0 ? 0 : 1;
}
