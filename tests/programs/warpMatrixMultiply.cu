// <mma.h> was missing (TR0401; NVIDIA's cudaTensorCoreGemm and its bf16/tf32/double/int8 siblings):
// warp tile products with nvcuda::wmma — one warp per 16x16 tile of D = alpha * A * B + beta * C with
// half inputs (A row-major, B column-major) and float accumulators scaled element by element through
// x[] and num_elements; bf16 inputs; int8 inputs with int accumulators (m32n8k16); tf32 inputs rounded
// by __float_to_tf32 (m16n16k8); double (m8n8k4); a half accumulator. Values are small integers (and
// halves), so every sum is exact and any order of summation gives the same bits.
#include <stdio.h>
#include <mma.h>
#include <cuda_fp16.h>
#include <cuda_bf16.h>
using namespace nvcuda;

#define DIM 32

// One warp per 16x16 tile of d; a is DIM x DIM row-major, b DIM x DIM column-major, c and d row-major.
__global__ void halfGemm(float *d, const half *a, const half *b, const float *c, float alpha, float beta) {
  int warp = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
  int tileRow = warp / (DIM / 16), tileCol = warp % (DIM / 16);
  wmma::fragment<wmma::matrix_a, 16, 16, 16, half, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, half, wmma::col_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc, fc;
  wmma::fill_fragment(acc, 0.0f);
  for (int k = 0; k < DIM; k += 16) {
    wmma::load_matrix_sync(fa, a + tileRow * 16 * DIM + k, DIM);
    wmma::load_matrix_sync(fb, b + tileCol * 16 * DIM + k, DIM);
    wmma::mma_sync(acc, fa, fb, acc);
  }
  wmma::load_matrix_sync(fc, c + tileRow * 16 * DIM + tileCol * 16, DIM, wmma::mem_row_major);
  for (int i = 0; i < fc.num_elements; i++) fc.x[i] = alpha * acc.x[i] + beta * fc.x[i];
  wmma::store_matrix_sync(d + tileRow * 16 * DIM + tileCol * 16, fc, DIM, wmma::mem_row_major);
}

// The same product with bf16 inputs, stored column-major through shared memory.
__global__ void bf16Gemm(float *d, const __nv_bfloat16 *a, const __nv_bfloat16 *b) {
  __shared__ float tile[16 * 16];
  int tileRow = blockIdx.x / (DIM / 16), tileCol = blockIdx.x % (DIM / 16);
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __nv_bfloat16, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __nv_bfloat16, wmma::col_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc;
  wmma::fill_fragment(acc, 0.0f);
  for (int k = 0; k < DIM; k += 16) {
    wmma::load_matrix_sync(fa, a + tileRow * 16 * DIM + k, DIM);
    wmma::load_matrix_sync(fb, b + tileCol * 16 * DIM + k, DIM);
    wmma::mma_sync(acc, fa, fb, acc);
  }
  wmma::store_matrix_sync(tile, acc, 16, wmma::mem_col_major);
  __syncwarp();
  for (int i = threadIdx.x; i < 256; i += 32) d[(tileRow * 16 + i % 16) * DIM + tileCol * 16 + i / 16] = tile[i];
}

// int8: a 32x16 by 16x8 tile product (m32n8k16), B row-major, accumulating onto c.
__global__ void int8Tile(int *d, const signed char *a, const signed char *b, const int *c) {
  wmma::fragment<wmma::matrix_a, 32, 8, 16, signed char, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 32, 8, 16, signed char, wmma::row_major> fb;
  wmma::fragment<wmma::accumulator, 32, 8, 16, int> acc;
  wmma::load_matrix_sync(fa, a, 16);
  wmma::load_matrix_sync(fb, b, 8);
  wmma::load_matrix_sync(acc, c, 8, wmma::mem_row_major);
  wmma::mma_sync(acc, fa, fb, acc);
  wmma::store_matrix_sync(d, acc, 8, wmma::mem_row_major);
}

// tf32 (m16n16k8): inputs rounded with __float_to_tf32 element by element, as CUDA asks.
__global__ void tf32Tile(float *d, const float *a, const float *b, float *rounded) {
  wmma::fragment<wmma::matrix_a, 16, 16, 8, wmma::precision::tf32, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 8, wmma::precision::tf32, wmma::row_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 8, float> acc;
  wmma::load_matrix_sync(fa, a, 8);
  wmma::load_matrix_sync(fb, b, 16);
  for (int i = 0; i < fa.num_elements; i++) fa.x[i] = wmma::__float_to_tf32(fa.x[i]);
  for (int i = 0; i < fb.num_elements; i++) fb.x[i] = wmma::__float_to_tf32(fb.x[i]);
  wmma::fill_fragment(acc, 0.0f);
  wmma::mma_sync(acc, fa, fb, acc);
  wmma::store_matrix_sync(d, acc, 16, wmma::mem_row_major);
  if (threadIdx.x < 4) rounded[threadIdx.x] = wmma::__float_to_tf32(a[threadIdx.x]);
}

// double (m8n8k4) and a half accumulator (m16n16k16, A and B both row-major).
__global__ void doubleAndHalfTiles(double *dd, const double *a, const double *b, half *dh, const half *ha, const half *hb) {
  wmma::fragment<wmma::matrix_a, 8, 8, 4, double, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 8, 8, 4, double, wmma::row_major> fb;
  wmma::fragment<wmma::accumulator, 8, 8, 4, double> acc;
  wmma::load_matrix_sync(fa, a, 4);
  wmma::load_matrix_sync(fb, b, 8);
  wmma::fill_fragment(acc, 0.5);
  wmma::mma_sync(acc, fa, fb, acc);
  wmma::store_matrix_sync(dd, acc, 8, wmma::mem_row_major);
  wmma::fragment<wmma::matrix_a, 16, 16, 16, half, wmma::row_major> ga;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, half, wmma::row_major> gb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, half> gacc;
  wmma::load_matrix_sync(ga, ha, 16);
  wmma::load_matrix_sync(gb, hb, 16);
  wmma::fill_fragment(gacc, __float2half(1.0f));
  wmma::mma_sync(gacc, ga, gb, gacc);
  wmma::store_matrix_sync(dh, gacc, 16, wmma::mem_row_major);
}

static int report(const char *name, int bad, int total, double sample) {
  printf("%s: %d of %d wrong, sample %.2f\n", name, bad, total, sample);
  return bad == 0;
}

int main() {
  half *a, *b, *ha, *hb, *dh;
  __nv_bfloat16 *ba, *bb;
  float *c, *d, *fa, *fb, *rounded;
  signed char *ia, *ib;
  int *ic, *id;
  double *da, *db, *dd;
  cudaMallocManaged(&a, DIM * DIM * sizeof(half));
  cudaMallocManaged(&b, DIM * DIM * sizeof(half));
  cudaMallocManaged(&ba, DIM * DIM * sizeof(__nv_bfloat16));
  cudaMallocManaged(&bb, DIM * DIM * sizeof(__nv_bfloat16));
  cudaMallocManaged(&c, DIM * DIM * sizeof(float));
  cudaMallocManaged(&d, DIM * DIM * sizeof(float));
  cudaMallocManaged(&ia, 32 * 16);
  cudaMallocManaged(&ib, 16 * 8);
  cudaMallocManaged(&ic, 32 * 8 * sizeof(int));
  cudaMallocManaged(&id, 32 * 8 * sizeof(int));
  cudaMallocManaged(&fa, 16 * 8 * sizeof(float));
  cudaMallocManaged(&fb, 8 * 16 * sizeof(float));
  cudaMallocManaged(&rounded, 4 * sizeof(float));
  cudaMallocManaged(&da, 8 * 4 * sizeof(double));
  cudaMallocManaged(&db, 4 * 8 * sizeof(double));
  cudaMallocManaged(&dd, 8 * 8 * sizeof(double));
  cudaMallocManaged(&ha, 256 * sizeof(half));
  cudaMallocManaged(&hb, 256 * sizeof(half));
  cudaMallocManaged(&dh, 256 * sizeof(half));
  // a[i][k] row-major, b[k][j] stored column-major at b[j * DIM + k].
  for (int i = 0; i < DIM; i++)
    for (int k = 0; k < DIM; k++) {
      a[i * DIM + k] = __float2half((float)((i + 2 * k) % 5) - 2.0f);
      b[i * DIM + k] = __float2half((float)((3 * i + k) % 7) - 3.0f);
      ba[i * DIM + k] = __float2bfloat16((float)((i * k) % 9) - 4.0f);
      bb[i * DIM + k] = __float2bfloat16((float)((i + k) % 4) * 0.5f);
      c[i * DIM + k] = (float)((i + k) % 3);
    }
  int ok = 1, bad = 0;
  halfGemm<<<2, 64>>>(d, a, b, c, 2.0f, -1.0f);
  cudaDeviceSynchronize();
  for (int i = 0; i < DIM; i++)
    for (int j = 0; j < DIM; j++) {
      float sum = 0;
      for (int k = 0; k < DIM; k++) sum += __half2float(a[i * DIM + k]) * __half2float(b[j * DIM + k]);
      if (d[i * DIM + j] != 2.0f * sum - c[i * DIM + j]) bad++;
    }
  ok &= report("half inputs, float accumulator, alpha/beta", bad, DIM * DIM, d[37]);

  bad = 0;
  bf16Gemm<<<4, 32>>>(d, ba, bb);
  cudaDeviceSynchronize();
  for (int i = 0; i < DIM; i++)
    for (int j = 0; j < DIM; j++) {
      float sum = 0;
      for (int k = 0; k < DIM; k++) sum += __bfloat162float(ba[i * DIM + k]) * __bfloat162float(bb[j * DIM + k]);
      if (d[i * DIM + j] != sum) bad++;
    }
  ok &= report("bf16 inputs, column-major store", bad, DIM * DIM, d[37]);

  for (int i = 0; i < 32 * 16; i++) ia[i] = (signed char)((i * 37) % 255 - 127);
  for (int i = 0; i < 16 * 8; i++) ib[i] = (signed char)((i * 11) % 200 - 100);
  for (int i = 0; i < 32 * 8; i++) ic[i] = i * 1000 - 50000;
  int8Tile<<<1, 32>>>(id, ia, ib, ic);
  cudaDeviceSynchronize();
  bad = 0;
  for (int m = 0; m < 32; m++)
    for (int n = 0; n < 8; n++) {
      int sum = ic[m * 8 + n];
      for (int k = 0; k < 16; k++) sum += ia[m * 16 + k] * ib[k * 8 + n];
      if (id[m * 8 + n] != sum) bad++;
    }
  ok &= report("int8 inputs, int accumulator (m32n8k16)", bad, 256, id[100]);

  // tf32 keeps 10 mantissa bits: 1 + 2^-11 is half a unit above 1 and rounds away from zero to
  // 1 + 2^-10, as -1 - 2^-11 to -1 - 2^-10 and 2 + 2^-10 to 2 + 2^-9; 1 + 2^-12 rounds to 1,
  // 1 + 3 * 2^-12 to 1 + 2^-10; 0.75 is exact.
  const float given[6] = {1.0f + 1.0f / 2048, 1.0f + 1.0f / 4096, 1.0f + 3.0f / 4096, -1.0f - 1.0f / 2048, 2.0f + 1.0f / 1024, 0.75f};
  const float tf32[6] = {1.0f + 1.0f / 1024, 1.0f, 1.0f + 1.0f / 1024, -1.0f - 1.0f / 1024, 2.0f + 1.0f / 512, 0.75f};
  for (int i = 0; i < 16 * 8; i++) fa[i] = given[i % 6];
  for (int i = 0; i < 8 * 16; i++) fb[i] = (float)(i % 3);
  tf32Tile<<<1, 32>>>(d, fa, fb, rounded);
  cudaDeviceSynchronize();
  bad = 0;
  for (int m = 0; m < 16; m++)
    for (int n = 0; n < 16; n++) {
      float sum = 0;
      for (int k = 0; k < 8; k++) sum += tf32[(m * 8 + k) % 6] * fb[k * 16 + n];
      if (d[m * 16 + n] != sum) bad++;
    }
  for (int i = 0; i < 4; i++)
    if (rounded[i] != tf32[i]) bad++;
  ok &= report("tf32 inputs, rounded to nearest, ties away", bad, 260, d[17]);

  for (int i = 0; i < 32; i++) da[i] = i * 0.25 - 3;
  for (int i = 0; i < 32; i++) db[i] = (i % 5) - 2.5;
  for (int i = 0; i < 256; i++) {
    ha[i] = __float2half((float)(i % 3) - 1.0f);
    hb[i] = __float2half((float)(i % 4) * 0.5f);
  }
  doubleAndHalfTiles<<<1, 32>>>(dd, da, db, dh, ha, hb);
  cudaDeviceSynchronize();
  bad = 0;
  for (int m = 0; m < 8; m++)
    for (int n = 0; n < 8; n++) {
      double sum = 0.5;
      for (int k = 0; k < 4; k++) sum += da[m * 4 + k] * db[k * 8 + n];
      if (dd[m * 8 + n] != sum) bad++;
    }
  for (int m = 0; m < 16; m++)
    for (int n = 0; n < 16; n++) {
      float sum = 1.0f;
      for (int k = 0; k < 16; k++) sum += __half2float(ha[m * 16 + k]) * __half2float(hb[k * 16 + n]);
      if (__half2float(dh[m * 16 + n]) != sum) bad++;
    }
  ok &= report("double (m8n8k4) and a half accumulator", bad, 64 + 256, dd[9] + __half2float(dh[20]));
  printf("%s\n", ok ? "PASSED" : "FAILED");
  return ok ? 0 : 1;
}
