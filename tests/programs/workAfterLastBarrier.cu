// A loop holding barriers that does work after its round's last barrier, in the then-arm of an if/else whose
// condition reads global memory (so opencl runs both arms under predicates) with barriers in both arms: PoCL 3.1
// aborted the process compiling it ("Incoming edges to non-entry block!", fuzz seed 2667, with a destructor there);
// opencl now closes such a round with a barrier. Both arms are taken, one launch each.
#include <cstdio>

__global__ void k(unsigned long long *out, const int *in) {
  __shared__ double sh[64];
  unsigned long long *trace = out + threadIdx.x;
  *trace = 0;
  double v = threadIdx.x;
  if (((blockIdx.x + (unsigned)in[1]) & 1u) != 0u) {
    for (int r = 0; r < 3; r++) {
      sh[threadIdx.x] = v;
      __syncthreads();
      v = sh[(threadIdx.x + 1) % blockDim.x];
      __syncthreads();
      *trace = *trace * 3 + 1;
    }
  } else {
    sh[threadIdx.x] = v;
    __syncthreads();
    v = sh[0] + 100;
    __syncthreads();
  }
  out[64 + threadIdx.x] = (unsigned long long)v;
}

int main() {
  unsigned long long *out;
  int *in;
  cudaMallocManaged(&out, 128 * sizeof(unsigned long long));
  cudaMallocManaged(&in, 2 * sizeof(int));
  int bad = 0;
  for (int arm = 0; arm < 2; arm++) {
    in[1] = arm == 0 ? 1 : 0; // then-arm first, else-arm second
    k<<<1, 64>>>(out, in);
    cudaDeviceSynchronize();
    for (int t = 0; t < 64; t++) {
      unsigned long long wantTrace = arm == 0 ? 13 : 0, wantV = arm == 0 ? (t + 3) % 64 : 100;
      if (out[t] != wantTrace || out[64 + t] != wantV) {
        printf("arm %d thread %d: %llu %llu, want %llu %llu\n", arm, t, out[t], out[64 + t], wantTrace, wantV);
        bad++;
      }
    }
  }
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad != 0;
}
