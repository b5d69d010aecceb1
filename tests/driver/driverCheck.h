/* What the driver-API test programs share (the C programs of tests/driver): a call checked for CUDA_SUCCESS, its failure printed with
   the result's name and the program's exit status 1; a file read whole (a PTX module or a fat binary). */
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

#endif
