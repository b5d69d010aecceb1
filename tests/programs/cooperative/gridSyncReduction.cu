// A multi-block reduction in one kernel: each block sums its slice, grid.sync(), then block 0 adds the
// partial sums, grid.sync() again, and every thread normalizes its elements by the total. Launched with
// cudaLaunchCooperativeKernel at the largest co-resident grid the occupancy API reports, and once more
// with a grid one block larger, which CUDA refuses with cudaErrorCooperativeLaunchTooLarge.
#include <cooperative_groups.h>
#include <cstdio>
#include <vector>

namespace cg = cooperative_groups;

__global__ void normalize(const int *x, int *partial, double *y, int n) {
  cg::grid_group grid = cg::this_grid();
  cg::thread_block block = cg::this_thread_block();
  extern __shared__ int s[];
  int sum = 0;
  for (long long i = grid.thread_rank(); i < n; i += grid.size()) sum += x[i];
  s[threadIdx.x] = sum;
  block.sync();
  for (int k = blockDim.x / 2; k > 0; k /= 2) {
    if (threadIdx.x < k) s[threadIdx.x] += s[threadIdx.x + k];
    block.sync();
  }
  if (threadIdx.x == 0) partial[blockIdx.x] = s[0];
  grid.sync();
  if (blockIdx.x == 0 && threadIdx.x == 0) {
    int total = 0;
    for (int b = 0; b < gridDim.x; b++) total += partial[b];
    partial[0] = total;
  }
  cg::sync(grid);
  for (long long i = grid.thread_rank(); i < n; i += grid.size()) y[i] = (double)x[i] / partial[0];
}

int main() {
  const int n = 5000, threads = 128;
  int device = 0, cooperative = 0, sms = 0, perSm = 0;
  cudaDeviceGetAttribute(&cooperative, cudaDevAttrCooperativeLaunch, device);
  cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device);
  cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perSm, normalize, threads, threads * sizeof(int));
  if (!cooperative) { printf("no cooperative launch on this device: FAILED\n"); return 1; }
  int blocks = sms * perSm;
  std::vector<int> h(n);
  long long total = 0;
  for (int i = 0; i < n; i++) { h[i] = i % 97 + 1; total += h[i]; }
  int *x, *partial;
  double *y;
  cudaMalloc(&x, n * sizeof(int));
  cudaMalloc(&partial, (blocks + 1) * sizeof(int));
  cudaMalloc(&y, n * sizeof(double));
  cudaMemcpy(x, h.data(), n * sizeof(int), cudaMemcpyHostToDevice);
  int size = n;
  void *args[] = {&x, &partial, &y, &size};
  cudaError_t tooLarge = cudaLaunchCooperativeKernel((void *)normalize, dim3(blocks + 1), dim3(threads), args, threads * sizeof(int), 0);
  cudaGetLastError();
  cudaError_t launched = cudaLaunchCooperativeKernel((void *)normalize, dim3(blocks), dim3(threads), args, threads * sizeof(int), 0);
  cudaError_t synced = cudaDeviceSynchronize();
  std::vector<double> r(n);
  cudaMemcpy(r.data(), y, n * sizeof(double), cudaMemcpyDeviceToHost);
  int bad = 0;
  for (int i = 0; i < n; i++)
    if (r[i] != (double)h[i] / total) bad++;
  printf("one block too many: %s\n", cudaGetErrorName(tooLarge));
  printf("launch: %s, sync: %s, wrong elements: %d\n", cudaGetErrorName(launched), cudaGetErrorName(synced), bad);
  bool ok = tooLarge == cudaErrorCooperativeLaunchTooLarge && launched == cudaSuccess && synced == cudaSuccess && bad == 0;
  printf("%s\n", ok ? "PASSED" : "FAILED");
  return ok ? 0 : 1;
}
