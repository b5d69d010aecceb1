// A loop holding barriers that does work after its round's last barrier, in the then-arm of an if/else whose
// condition reads global memory (so opencl runs both arms under predicates) with barriers in both arms: PoCL 3.1
// aborted the process compiling it ("Incoming edges to non-entry block!", fuzz seed 2667, with a destructor there);
// opencl now closes such a round with a barrier. Both arms are taken, one launch each. The same abort (fuzz seed 3015):
// a loop run in step whose inner loop's round ends with work after a __syncthreads_and (not a plain barrier), followed
// by a loop without barriers; such a round is closed too.
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

__global__ void inStep(int *out, const int *in, const float *inf) {
  int bits = 0, last = 0;
  for (int r = 0; r < in[0]; r++) {   // a bound read from memory: opencl runs the loop in step
    for (int q = 0; q < 2; q++) bits ^= __syncthreads_and(r + q) << (2 * r + q);
    int w = 0;
    while (w < 1) { w++; last = (int)inf[in[1] & 7]; }
  }
  bits += last * 100;
  __syncthreads();
  out[threadIdx.x] = bits;
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
  int *steps;
  float *values;
  cudaMallocManaged(&steps, 64 * sizeof(int));
  cudaMallocManaged(&values, 8 * sizeof(float));
  for (int i = 0; i < 8; i++) values[i] = i + 0.5f;
  in[0] = 2;
  inStep<<<1, 64>>>(steps, in, values);
  cudaDeviceSynchronize();
  for (int t = 0; t < 64; t++) {
    int want = 14 + 100 * in[1]; // bits 0, 1, 1, 1 of the and; inf[in[1]] truncated
    if (steps[t] != want) {
      printf("inStep thread %d: %d, want %d\n", t, steps[t], want);
      bad++;
    }
  }
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad != 0;
}
