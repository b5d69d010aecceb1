// Device printf with the formats OpenCL C's printf spells differently: '*' widths and precisions given as constants
// (written into the format there), and the lengths ll, z, j and t (OpenCL's l is 64-bit). One thread prints, so the
// text is the same on every device (RegressionProgramTests compares it across devices; interp prints with C's rules). In cxx/
// because the suite reads device printf from an executable's standard output (build mode).
#include <cstdio>
#include <cstddef>
#include <cstdint>

__global__ void formats(long long big, size_t size, intmax_t most, ptrdiff_t apart, unsigned long long ubig)
{
    printf("[%*d] [%-*d] [%.*f] [%*.*e]\n", 6, 7, 4, -8, 2, 3.14159, 12, 3, 2.5e-7);
    printf("[%lld] [%5lld] [%zu] [%zd] [%jd] [%td] [%llx] [%%]\n", big, big, size, (ptrdiff_t)size, most, apart, ubig);
}

int main()
{
    formats<<<1, 1>>>(-12345678901LL, 42, 9000000000LL, -3, 0xfedcba9876543210ULL);
    if (cudaDeviceSynchronize() != cudaSuccess) { printf("FAILED\n"); return 1; }
    printf("PASSED\n");
    return 0;
}
