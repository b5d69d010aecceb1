// A division whose operands every thread shares, under a condition the first thread of each group of eight
// does not take: LLVM 19.1's loop vectorizer scalarized it inside the cpu device's thread loop, computed it only
// when the first lane of the vector took the branch and gave the other lanes poison, so the load through it read
// anywhere (every active thread got a wrong value, no diagnostic; fuzz seed 8110). Unsigned and signed division
// and remainder, divisors LLVM knows are not zero (d | 1), blocks of 256 and 100 threads.
#include <cstdio>

// One division per kernel: with several in one thread loop the vectorizer chose differently and the bug hid.
__global__ void unsignedQuotient(unsigned n, unsigned d, const int *in, int *out)
{
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  if (threadIdx.x % 8 != 0) out[t] = in[(n / (d | 1u)) % 1024];
}

__global__ void unsignedRemainder(unsigned n, unsigned d, const int *in, int *out)
{
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  if (threadIdx.x % 8 != 0) out[t] = in[(n % (d | 1u)) % 1024];
}

__global__ void signedQuotient(int n, int d, const int *in, int *out)
{
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  if (threadIdx.x % 8 != 0) out[t] = in[(n / (d | 1)) & 1023];
}

__global__ void signedRemainder(int n, int d, const int *in, int *out)
{
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  if (threadIdx.x % 8 != 0) out[t] = in[(n % (d | 1)) & 1023];
}

static int failures = 0;

static void check(const char *what, int b, const int *out, int want)
{
  for (int t = 0; t < 2 * b; t++) {
    int expected = (t % b) % 8 != 0 ? want : -1;
    if (out[t] != expected && failures++ < 10)
      printf("%s, block size %d, thread %d: %d, expected %d\n", what, b, t, out[t], expected);
  }
}

int main()
{
  const int shapes[2] = {256, 100};
  int *in, *out;
  cudaMallocManaged(&in, 1024 * sizeof(int));
  cudaMallocManaged(&out, 2 * 256 * sizeof(int));
  for (int i = 0; i < 1024; i++) in[i] = i * 3 + 1;
  for (int s = 0; s < 2; s++) {
    int b = shapes[s];
    for (int i = 0; i < 2 * b; i++) out[i] = -1;
    unsignedQuotient<<<2, b>>>(700u, 6u, in, out);
    cudaDeviceSynchronize();
    check("n / (d | 1u)", b, out, in[(700u / 7u) % 1024]);
    for (int i = 0; i < 2 * b; i++) out[i] = -1;
    unsignedRemainder<<<2, b>>>(703u, 6u, in, out);
    cudaDeviceSynchronize();
    check("n % (d | 1u)", b, out, in[(703u % 7u) % 1024]);
    for (int i = 0; i < 2 * b; i++) out[i] = -1;
    signedQuotient<<<2, b>>>(9000, 40, in, out);
    cudaDeviceSynchronize();
    check("n / (d | 1)", b, out, in[(9000 / 41) & 1023]);
    for (int i = 0; i < 2 * b; i++) out[i] = -1;
    signedRemainder<<<2, b>>>(9000, 40, in, out);
    cudaDeviceSynchronize();
    check("n % (d | 1)", b, out, in[(9000 % 41) & 1023]);
  }
  if (failures) { printf("FAILED (%d wrong)\n", failures); return 1; }
  printf("PASSED\n");
  return 0;
}
