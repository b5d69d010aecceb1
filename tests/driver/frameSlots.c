/* PTX compiled without optimization through the driver API (tests/Translate.Tests/BuildMode/DriverApiTests): warpSums
   shuffles in a loop whose counter the -O0 code keeps in its .local frame, rowSums passes a frame address to a function.
   argv[1]: the PTX file (tests/ptx/unoptimizedFrame.ptx). */
#include "driverCheck.h"

int main(int argc, char **argv) {
  CUmodule module = loadModule(argc, argv, "frameSlots");
  if (!module) return 1;
  CUfunction warpSums, rowSums;
  CHECK(cuModuleGetFunction(&warpSums, module, "warpSums"));
  CHECK(cuModuleGetFunction(&rowSums, module, "rowSums"));

  enum { Threads = 128, Row = 5 };
  float in[Threads * Row], out[Threads];
  for (int i = 0; i < Threads * Row; i++) in[i] = (float)(i % 7);
  CUdeviceptr dIn, dOut;
  CHECK(cuMemAlloc(&dIn, sizeof in));
  CHECK(cuMemAlloc(&dOut, sizeof out));
  CHECK(cuMemcpyHtoD(dIn, in, sizeof in));
  int errors = 0;

  void *warpArgs[] = {&dOut, &dIn};
  CHECK(cuLaunchKernel(warpSums, 1, 1, 1, Threads, 1, 1, 0, NULL, warpArgs, NULL));
  CHECK(cuMemcpyDtoH(out, dOut, Threads / 32 * sizeof(float)));
  for (int w = 0; w < Threads / 32; w++) {
    float expected = 0;
    for (int t = 0; t < 32; t++) expected += in[w * 32 + t];
    if (out[w] != expected) { printf("warpSums[%d]: %g, expected %g\n", w, out[w], expected); errors++; }
  }

  int row = Row;
  void *rowArgs[] = {&dOut, &dIn, &row};
  CHECK(cuLaunchKernel(rowSums, 1, 1, 1, Threads, 1, 1, 0, NULL, rowArgs, NULL));
  CHECK(cuMemcpyDtoH(out, dOut, sizeof out));
  for (int t = 0; t < Threads; t++) {
    float expected = 0;
    for (int i = 0; i < Row; i++) expected += in[t * Row + i];
    if (out[t] != expected) { printf("rowSums[%d]: %g, expected %g\n", t, out[t], expected); errors++; }
  }
  printf("%s\n", errors ? "Test FAILED" : "Test PASSED");
  return errors != 0;
}
