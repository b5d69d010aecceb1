// Offsets into shared memory wrap at 32 bits, as NVIDIA computes them (HeCBench merge reads `BSm1[~Ax]` with an
// unsigned Ax in its merge-path search, i.e. BSm1[-(Ax + 1)]): cpu and opencl crashed or read garbage, the
// interpreter reported TR0305. Pointers into shared arrays, directly, through a chain of local pointers and through
// a pointer assigned after its declaration; subscripts, `p + i` and `p += i`; 4- and 8-byte elements; each result
// checked against the host.
#include <cstdio>

template <typename T>
__global__ void mirrored(T *out) {
  __shared__ T tile[256];
  T *upper = tile + 128;                // points into shared memory
  T *row = upper + threadIdx.x % 64;    // so does this, through the chain
  T *late;
  late = tile + 200;                    // assigned after its declaration
  tile[threadIdx.x] = (T)(threadIdx.x * 3 + 1);
  __syncthreads();
  unsigned k = threadIdx.x % 50;
  // ~k is 2^32 - 1 - k: as a 32-bit shared offset, -(k + 1) elements.
  T *moved = upper;
  moved += ~k;                          // compound assignment, and pointer arithmetic written out below
  out[threadIdx.x] = upper[~k] + row[~k] * (T)1000 + late[~k] * (T)1000000 + (*(upper + ~k) - *moved);
}

int main() {
  int bad = 0;
  {
    float *d;
    cudaMallocManaged(&d, 256 * sizeof(float));
    mirrored<float><<<1, 256>>>(d);
    cudaDeviceSynchronize();
    for (int t = 0; t < 256; t++) {
      int k = t % 50;
      float want = (float)((128 - k - 1) * 3 + 1) + (float)((128 + t % 64 - k - 1) * 3 + 1) * 1000.0f + (float)((200 - k - 1) * 3 + 1) * 1000000.0f;
      if (d[t] != want) bad++;
    }
    cudaFree(d);
  }
  {
    unsigned long long *d;
    cudaMallocManaged(&d, 256 * sizeof(unsigned long long));
    mirrored<unsigned long long><<<1, 256>>>(d);
    cudaDeviceSynchronize();
    for (int t = 0; t < 256; t++) {
      unsigned long long k = t % 50;
      unsigned long long want = ((128 - k - 1) * 3 + 1) + ((128 + t % 64 - k - 1) * 3 + 1) * 1000ULL + ((200 - k - 1) * 3 + 1) * 1000000ULL;
      if (d[t] != want) bad++;
    }
    cudaFree(d);
  }
  printf("%d wrong\n", bad);
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad != 0;
}
