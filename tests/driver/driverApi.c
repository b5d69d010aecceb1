/* The CUDA driver API from plain C (tests/Translate.Tests/BuildMode/DriverApiTests): a PTX module loaded from text,
   kernels launched with their arguments as pointers and as one buffer, a module variable read back, and PTX that does
   not translate refused with its reason in the JIT error log. argv[1]: the PTX file (tests/ptx/handWritten.ptx). */
#include "driverCheck.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *counterModule =
    ".version 7.0\n.target sm_70\n.address_size 64\n"
    ".visible .global .align 4 .u32 counter = 5;\n"
    ".visible .entry bump()\n{\n\t.reg .b32 %r<2>;\n\tatom.global.add.u32 %r1, [counter], 1;\n\tret;\n}\n";

static const char *untranslatable =
    ".version 7.0\n.target sm_70\n.address_size 64\n"
    ".visible .entry k(.param .u64 p)\n{\n\t.reg .f32 %f<2>;\n\tmma.sync.aligned.m8n8k4.row.col.f32.f16.f16.f32 %f1, %f1, %f1, %f1;\n\tret;\n}\n";

int main(int argc, char **argv) {
  if (argc < 2) { printf("usage: driverApi FILE.ptx\n"); return 2; }
  char *ptx = readFile(argv[1]);
  if (!ptx) { printf("cannot read %s\n", argv[1]); return 1; }
  if (cuDeviceGetCount(&(int){0}) != CUDA_ERROR_NOT_INITIALIZED) { printf("cuDeviceGetCount before cuInit must fail\n"); return 1; }
  CHECK(cuInit(0));
  int count = 0, major = 0;
  CUdevice device;
  char name[128];
  CHECK(cuDeviceGetCount(&count));
  CHECK(cuDeviceGet(&device, 0));
  CHECK(cuDeviceGetName(name, sizeof name, device));
  CHECK(cuDeviceGetAttribute(&major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device));
  CUcontext context;
  CHECK(cuCtxCreate(&context, NULL, 0, device));
  printf("devices: %d, compute capability %d.x\n", count, major);

  CUmodule module;
  CUfunction squares;
  CHECK(cuModuleLoadData(&module, ptx));
  CHECK(cuModuleGetFunction(&squares, module, "squares"));
  if (cuModuleGetFunction(&squares, module, "nothing") != CUDA_ERROR_NOT_FOUND) { printf("an absent kernel must be CUDA_ERROR_NOT_FOUND\n"); return 1; }
  CHECK(cuModuleGetFunction(&squares, module, "squares"));

  /* squares(int *out, int n, int *largest), launched once with pointers to its arguments and once with one buffer. */
  enum { N = 100 };
  CUdeviceptr out, largest;
  CHECK(cuMemAlloc(&out, N * sizeof(int)));
  CHECK(cuMemAlloc(&largest, sizeof(int)));
  CHECK(cuMemsetD32(largest, 0, 1));
  int n = N;
  void *args[] = {&out, &n, &largest};
  CHECK(cuLaunchKernel(squares, (N + 31) / 32, 1, 1, 32, 1, 1, 0, NULL, args, NULL));
  int host[N], biggest = 0, errors = 0;
  CHECK(cuMemcpyDtoH(host, out, sizeof host));
  CHECK(cuMemcpyDtoH(&biggest, largest, sizeof biggest));
  for (int i = 0; i < N; i++) errors += host[i] != i * i;
  errors += biggest != (N - 1) * (N - 1);

  CHECK(cuMemsetD8(out, 0, N * sizeof(int)));
  struct { CUdeviceptr out; int n; int pad; CUdeviceptr largest; } buffer = {out, N / 2, 0, largest};
  size_t bufferSize = sizeof buffer;
  void *extra[] = {CU_LAUNCH_PARAM_BUFFER_POINTER, &buffer, CU_LAUNCH_PARAM_BUFFER_SIZE, &bufferSize, CU_LAUNCH_PARAM_END};
  CHECK(cuLaunchKernel(squares, 2, 1, 1, 32, 1, 1, 0, NULL, NULL, extra));
  CHECK(cuCtxSynchronize());
  CHECK(cuMemcpyDtoH(host, out, sizeof host));
  for (int i = 0; i < N; i++) errors += host[i] != (i < N / 2 ? i * i : 0);
  printf("squares: %d %d %d ... largest %d\n", host[1], host[2], host[3], biggest);

  /* The launch API before cuLaunchKernel: block shape and parameters set on the function at byte offsets. */
  CHECK(cuMemsetD8(out, 0, N * sizeof(int)));
  CHECK(cuFuncSetBlockShape(squares, 32, 1, 1));
  CHECK(cuParamSetSize(squares, sizeof buffer));
  CHECK(cuParamSetv(squares, 0, &out, sizeof out));
  CHECK(cuParamSeti(squares, 8, N / 4));
  CHECK(cuParamSetv(squares, 16, &largest, sizeof largest));
  if (cuParamSeti(squares, (int)sizeof buffer, 1) != CUDA_ERROR_INVALID_VALUE) { printf("a parameter past cuParamSetSize must be refused\n"); return 1; }
  CHECK(cuLaunchGrid(squares, 1, 1));
  CHECK(cuMemcpyDtoH(host, out, sizeof host));
  for (int i = 0; i < N; i++) errors += host[i] != (i < N / 4 ? i * i : 0);
  printf("legacy launch: %d %d ... %d\n", host[1], host[N / 4 - 1], host[N / 4]);

  /* A module variable: initialized in the PTX, bumped by every thread, read back through cuModuleGetGlobal. */
  CUmodule counterModuleHandle;
  CUfunction bump;
  CUdeviceptr counter;
  size_t counterBytes = 0;
  unsigned counted = 0;
  char info[256] = "";
  CUjit_option infoOptions[] = {CU_JIT_INFO_LOG_BUFFER, CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES};
  void *infoValues[] = {info, (void *)(size_t)sizeof info};
  CHECK(cuModuleLoadDataEx(&counterModuleHandle, counterModule, 2, infoOptions, infoValues));
  errors += strstr(info, "bump") == 0 || (size_t)infoValues[1] != strlen(info);
  printf("info log: %s", info);
  CHECK(cuModuleGetFunction(&bump, counterModuleHandle, "bump"));
  CHECK(cuLaunchKernel(bump, 3, 1, 1, 64, 1, 1, 0, NULL, NULL, NULL));
  CHECK(cuModuleGetGlobal(&counter, &counterBytes, counterModuleHandle, "counter"));
  CHECK(cuMemcpyDtoH(&counted, counter, sizeof counted));
  errors += counted != 5 + 3 * 64 || counterBytes != 4;
  printf("counter: %u (%zu bytes)\n", counted, counterBytes);

  /* PTX that does not translate: refused, and the JIT error log says why. */
  CUmodule refused;
  char log[1024] = "";
  CUjit_option options[] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *values[] = {log, (void *)(size_t)sizeof log};
  CUresult r = cuModuleLoadDataEx(&refused, untranslatable, 2, options, values);
  errors += r != CUDA_ERROR_INVALID_PTX || strstr(log, "TR0418") == 0 || strstr(log, "mma.sync") == 0;
  printf("untranslatable PTX: %s\n", r == CUDA_ERROR_INVALID_PTX ? "CUDA_ERROR_INVALID_PTX" : "accepted");

  CHECK(cuMemFree(out));
  CHECK(cuMemFree(largest));
  CHECK(cuModuleUnload(module));
  CHECK(cuModuleUnload(counterModuleHandle));
  CHECK(cuCtxDestroy(context));
  free(ptx);
  printf(errors == 0 ? "Test PASSED\n" : "Test FAILED (%d errors)\n", errors);
  return errors == 0 ? 0 : 1;
}
