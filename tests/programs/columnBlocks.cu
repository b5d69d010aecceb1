// One-column blocks (blockDim.x == 1, HeCBench fluidSim's 1×256 blocks over a 256-wide grid): the cpu device runs 16
// such blocks side by side as one block of a twin kernel (ColumnBlocks), which must read every index as the kernel's
// own: threadIdx.x 0, blockIdx.x the column, blockDim.x 1, gridDim.x the launch's. Launches whose grid is not a
// multiple of 16 wide, blocks two wide, a kernel calling a device function that reads the thread index, loops whose
// rounds depend on the block and a 3-D grid check the twin is used only where it means the same.
#include <cstdio>

__global__ void cells(int *out)
{
  unsigned idx = blockDim.x * blockIdx.x + threadIdx.x;
  unsigned idy = blockDim.y * blockIdx.y + threadIdx.y;
  unsigned width = gridDim.x * blockDim.x;
  unsigned pos = idx + width * idy + width * gridDim.y * blockDim.y * blockIdx.z;
  int rounds = 0;
  for (unsigned k = 0; k < blockIdx.x % 5 + threadIdx.y % 3; k++) rounds += (int)k + 1;
  out[pos] = (int)(idx * 100000 + idy * 100 + threadIdx.x * 10 + blockDim.x) + rounds * 7 + (int)gridDim.x * 3 + (int)blockIdx.z;
}

__device__ int lane() { return threadIdx.x + 10 * blockIdx.x; }

__global__ void callsIndexReader(int *out)
{
  unsigned idx = blockIdx.x, idy = blockDim.y * blockIdx.y + threadIdx.y;
  out[idx + gridDim.x * idy] = lane() * 3 + (int)idy;
}

static int check(const char *name, const int *got, int gx, int gy, int gz, int bx, int by)
{
  int bad = 0, width = gx * bx;
  for (int z = 0; z < gz; z++)
    for (int y = 0; y < gy * by; y++)
      for (int x = 0; x < width; x++) {
        int bidx = x / bx, tidx = x % bx, tidy = y % by;
        int rounds = 0;
        for (int k = 0; k < bidx % 5 + tidy % 3; k++) rounds += k + 1;
        int want = x * 100000 + y * 100 + tidx * 10 + bx + rounds * 7 + gx * 3 + z;
        int pos = x + width * y + width * gy * by * z;
        if (got[pos] != want) {
          if (bad < 5) printf("%s: cell (%d, %d, %d) %d, expected %d\n", name, x, y, z, got[pos], want);
          bad++;
        }
      }
  return bad;
}

int main()
{
  int *out;
  const int most = 64 * 2 * 64 * 2;
  cudaMallocManaged(&out, most * sizeof(int));
  int bad = 0;
  long long sum = 0;

  // grid.x, grid.y, grid.z, block.x, block.y
  int shapes[5][5] = {{32, 2, 1, 1, 64}, {48, 1, 2, 1, 16}, {24, 3, 1, 1, 8}, {16, 2, 1, 2, 8}, {16, 1, 1, 1, 1}};
  for (int s = 0; s < 5; s++) {
    int *h = shapes[s];
    for (int i = 0; i < most; i++) out[i] = -1;
    cells<<<dim3(h[0], h[1], h[2]), dim3(h[3], h[4])>>>(out);
    cudaDeviceSynchronize();
    bad += check("cells", out, h[0], h[1], h[2], h[3], h[4]);
    for (int i = 0; i < h[0] * h[1] * h[2] * h[3] * h[4]; i++) sum += out[i];
  }
  printf("cells: %lld\n", sum);

  for (int i = 0; i < most; i++) out[i] = -1;
  callsIndexReader<<<dim3(32, 2), dim3(1, 8)>>>(out);
  cudaDeviceSynchronize();
  for (int y = 0; y < 16; y++)
    for (int x = 0; x < 32; x++)
      if (out[x + 32 * y] != 10 * x * 3 + y) {
        if (bad < 5) printf("callsIndexReader: cell (%d, %d) %d, expected %d\n", x, y, out[x + 32 * y], 30 * x + y);
        bad++;
      }

  printf("%d mismatches\n", bad);
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad ? 1 : 0;
}
