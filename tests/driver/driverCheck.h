/* What the driver-API test programs share (the C programs of tests/driver): a call checked for CUDA_SUCCESS, its failure printed with
   the result's name and the program's exit status 1; a file read whole (a PTX module or a fat binary); a module loaded. */
#ifndef DRIVER_CHECK_H
#define DRIVER_CHECK_H
#include <cuda.h>
#include <stdio.h>
#include <stdlib.h>

#define CHECK(call)                                                                          \
  do {                                                                                       \
    CUresult r_ = (call);                                                                    \
    if (r_ != CUDA_SUCCESS) {                                                                \
      const char *name_ = 0;                                                                 \
      cuGetErrorName(r_, &name_);                                                            \
      printf("%s:%d: %s failed: %s\n", __FILE__, __LINE__, #call, name_ ? name_ : "?");      \
      return 1;                                                                              \
    }                                                                                        \
  } while (0)

/* The bytes of the file at path, NUL-terminated, or 0 when it cannot be read. */
static char *readFile(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *data = malloc(n + 1);
  data[fread(data, 1, n, f)] = 0;
  fclose(f);
  return data;
}

/* The module in the file named by argv[1], loaded into a new context on device 0 (the set-up of the programs that
   test one module); prints why and returns 0 when it cannot. */
static CUmodule loadModule(int argc, char **argv, const char *program) {
  if (argc < 2) { printf("usage: %s MODULE\n", program); return 0; }
  char *image = readFile(argv[1]);
  if (!image) { printf("cannot read %s\n", argv[1]); return 0; }
  CUdevice device;
  CUcontext context;
  CUmodule module;
  CUresult r = cuInit(0);
  if (r == CUDA_SUCCESS) r = cuDeviceGet(&device, 0);
  if (r == CUDA_SUCCESS) r = cuCtxCreate(&context, NULL, 0, device);
  if (r == CUDA_SUCCESS) r = cuModuleLoadData(&module, image);
  free(image);
  if (r != CUDA_SUCCESS) {
    const char *name = 0;
    cuGetErrorName(r, &name);
    printf("loading %s failed: %s\n", argv[1], name ? name : "?");
    return 0;
  }
  return module;
}

#endif
