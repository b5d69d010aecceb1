/* Arrays, multi-dimensional copies, fills, texture and surface objects and stream work through the CUDA driver API
   from plain C (tests/Translate.Tests/BuildMode/DriverApiTests). argv[1]: tests/driver/textureKernels.cu compiled by
   'translate nvcc -fatbin' (or -ptx). Every result is checked against what the host computes. */
#include "driverCheck.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPECT(condition, ...)                                                               \
  do {                                                                                       \
    if (!(condition)) { printf("%s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } \
  } while (0)

enum { W = 8, H = 4, D = 3 };

static int hostRan;
static void CUDA_CB markHostRan(void *data) { hostRan = *(int *)data; }

/* The texture's texels at 8 x 4, fetched by 'fetch2D' with the given offsets and scales into 'got'. */
static int fetch(CUfunction fetch2D, CUdeviceptr out, CUtexObject tex, float dx, float dy, float sx, float sy, float *got) {
  int width = W, height = H;
  void *args[] = {&out, &width, &height, &tex, &dx, &dy, &sx, &sy};
  CHECK(cuLaunchKernel(fetch2D, 1, 1, 1, W, H, 1, 0, NULL, args, NULL));
  CHECK(cuMemcpyDtoH(got, out, sizeof(float) * W * H));
  return 0;
}

int main(int argc, char **argv) {
  CUmodule module = loadModule(argc, argv, "driverTextures");
  if (!module) return 1;
  CUcontext context;
  CHECK(cuCtxGetCurrent(&context));
  CUfunction fetch2D, fetchLinear, writeSurface;
  CHECK(cuModuleGetFunction(&fetch2D, module, "fetch2D"));
  CHECK(cuModuleGetFunction(&fetchLinear, module, "fetchLinear"));
  CHECK(cuModuleGetFunction(&writeSurface, module, "writeSurface"));

  /* A float array filled from a pitched host image by cuMemcpy2D, read back into another pitch at an offset. */
  float texels[H][W + 3], back[H + 1][W + 5];
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++) texels[y][x] = (float)(y * 100 + x);
  CUDA_ARRAY_DESCRIPTOR desc = {W, H, CU_AD_FORMAT_FLOAT, 1};
  CUarray array;
  CHECK(cuArrayCreate(&array, &desc));
  CUDA_ARRAY_DESCRIPTOR described;
  CHECK(cuArrayGetDescriptor(&described, array));
  EXPECT(described.Width == W && described.Height == H && described.Format == CU_AD_FORMAT_FLOAT && described.NumChannels == 1,
         "cuArrayGetDescriptor: %zu x %zu, format %d, %u channels", described.Width, described.Height, (int)described.Format, described.NumChannels);
  CUDA_MEMCPY2D up;
  memset(&up, 0, sizeof up);
  up.srcMemoryType = CU_MEMORYTYPE_HOST;
  up.srcHost = texels;
  up.srcPitch = sizeof texels[0];
  up.dstMemoryType = CU_MEMORYTYPE_ARRAY;
  up.dstArray = array;
  up.WidthInBytes = W * sizeof(float);
  up.Height = H;
  CHECK(cuMemcpy2D(&up));
  CUDA_MEMCPY2D down;
  memset(&down, 0, sizeof down);
  memset(back, 0, sizeof back);
  down.srcMemoryType = CU_MEMORYTYPE_ARRAY;
  down.srcArray = array;
  down.srcXInBytes = 2 * sizeof(float);
  down.srcY = 1;
  down.dstMemoryType = CU_MEMORYTYPE_HOST;
  down.dstHost = back;
  down.dstXInBytes = sizeof(float);
  down.dstY = 1;
  down.dstPitch = sizeof back[0];
  down.WidthInBytes = (W - 2) * sizeof(float);
  down.Height = H - 1;
  CHECK(cuMemcpy2D(&down));
  for (int y = 1; y < H; y++)
    for (int x = 2; x < W; x++)
      EXPECT(back[y][x - 1] == texels[y][x], "cuMemcpy2D from the array: (%d, %d) is %g, not %g", x, y, back[y][x - 1], texels[y][x]);
  EXPECT(back[0][0] == 0 && back[1][0] == 0, "cuMemcpy2D wrote outside its region");
  down.srcXInBytes = 1; /* not a whole element */
  EXPECT(cuMemcpy2D(&down) == CUDA_ERROR_INVALID_VALUE, "a copy from the middle of an element must be refused");

  /* Texture objects on the array, as simpleTextureDrv makes them. */
  CUDA_RESOURCE_DESC resource;
  memset(&resource, 0, sizeof resource);
  resource.resType = CU_RESOURCE_TYPE_ARRAY;
  resource.res.array.hArray = array;
  CUDA_TEXTURE_DESC point;
  memset(&point, 0, sizeof point);
  point.addressMode[0] = point.addressMode[1] = CU_TR_ADDRESS_MODE_CLAMP;
  point.filterMode = CU_TR_FILTER_MODE_POINT;
  CUtexObject pointTex, linearTex, wrapTex;
  CHECK(cuTexObjectCreate(&pointTex, &resource, &point, NULL));
  CUDA_TEXTURE_DESC linear = point;
  linear.filterMode = CU_TR_FILTER_MODE_LINEAR;
  CHECK(cuTexObjectCreate(&linearTex, &resource, &linear, NULL));
  CUDA_TEXTURE_DESC wrap = point;
  wrap.addressMode[0] = wrap.addressMode[1] = CU_TR_ADDRESS_MODE_WRAP;
  wrap.flags = CU_TRSF_NORMALIZED_COORDINATES;
  CHECK(cuTexObjectCreate(&wrapTex, &resource, &wrap, NULL));
  CUDA_RESOURCE_DESC asked;
  CHECK(cuTexObjectGetResourceDesc(&asked, pointTex));
  EXPECT(asked.resType == CU_RESOURCE_TYPE_ARRAY && asked.res.array.hArray == array, "cuTexObjectGetResourceDesc");

  CUdeviceptr out;
  CHECK(cuMemAlloc(&out, sizeof(float) * W * H));
  float got[H][W];
  if (fetch(fetch2D, out, pointTex, 0.5f, 0.5f, 1, 1, &got[0][0])) return 1;
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++) EXPECT(got[y][x] == texels[y][x], "point fetch at (%d, %d): %g, not %g", x, y, got[y][x], texels[y][x]);
  /* Halfway between two texels across x, on them across y; the last column clamps to itself. */
  if (fetch(fetch2D, out, linearTex, 1.0f, 0.5f, 1, 1, &got[0][0])) return 1;
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++) {
      float expected = x + 1 < W ? (texels[y][x] + texels[y][x + 1]) / 2 : texels[y][x];
      EXPECT(got[y][x] == expected, "linear fetch at (%d.5+0.5, %d): %g, not %g", x, y, got[y][x], expected);
    }
  /* Normalized coordinates one period on wrap to the same texel. */
  if (fetch(fetch2D, out, wrapTex, W + 0.5f, 0.5f - H, 1.0f / W, 1.0f / H, &got[0][0])) return 1;
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++) EXPECT(got[y][x] == texels[y][x], "wrapped fetch at (%d, %d): %g, not %g", x, y, got[y][x], texels[y][x]);

  /* 8-bit texels in linear memory read as floats in [0, 1]; with CU_TRSF_READ_AS_INTEGER they cannot be filtered. */
  enum { N = 64 };
  unsigned char bytes[N];
  for (int i = 0; i < N; i++) bytes[i] = (unsigned char)(i * 4);
  CUdeviceptr byteData;
  CHECK(cuMemAlloc(&byteData, N));
  CHECK(cuMemcpyHtoD(byteData, bytes, N));
  CUDA_RESOURCE_DESC lin;
  memset(&lin, 0, sizeof lin);
  lin.resType = CU_RESOURCE_TYPE_LINEAR;
  lin.res.linear.devPtr = byteData;
  lin.res.linear.format = CU_AD_FORMAT_UNSIGNED_INT8;
  lin.res.linear.numChannels = 1;
  lin.res.linear.sizeInBytes = N;
  CUDA_TEXTURE_DESC plain;
  memset(&plain, 0, sizeof plain);
  CUtexObject byteTex;
  CHECK(cuTexObjectCreate(&byteTex, &lin, &plain, NULL));
  CUdeviceptr floats;
  CHECK(cuMemAlloc(&floats, N * sizeof(float)));
  int n = N;
  void *linearArgs[] = {&floats, &n, &byteTex};
  CHECK(cuLaunchKernel(fetchLinear, 1, 1, 1, N, 1, 1, 0, NULL, linearArgs, NULL));
  float normalized[N];
  CHECK(cuMemcpyDtoH(normalized, floats, sizeof normalized));
  for (int i = 0; i < N; i++)
    EXPECT(normalized[i] == bytes[i] / 255.0f, "normalized fetch %d: %g, not %g", i, normalized[i], bytes[i] / 255.0f);
  CUDA_TEXTURE_DESC integer = plain;
  integer.flags = CU_TRSF_READ_AS_INTEGER;
  integer.filterMode = CU_TR_FILTER_MODE_LINEAR;
  CUtexObject refused;
  EXPECT(cuTexObjectCreate(&refused, &lin, &integer, NULL) == CUDA_ERROR_INVALID_VALUE, "integer texels cannot be filtered");

  /* A surface on a 3-D-described 2-D array written by a kernel, read back as bytes running across rows. */
  CUDA_ARRAY3D_DESCRIPTOR surfaceDesc = {W, H, 0, CU_AD_FORMAT_FLOAT, 1, CUDA_ARRAY3D_SURFACE_LDST};
  CUarray surfaceArray;
  CHECK(cuArray3DCreate(&surfaceArray, &surfaceDesc));
  CUDA_RESOURCE_DESC surfaceResource = resource;
  surfaceResource.res.array.hArray = surfaceArray;
  CUsurfObject surface;
  CHECK(cuSurfObjectCreate(&surface, &surfaceResource));
  int width = W, height = H;
  void *surfaceArgs[] = {&surface, &width, &height};
  CHECK(cuLaunchKernel(writeSurface, 1, 1, 1, W, H, 1, 0, NULL, surfaceArgs, NULL));
  float written[H * W];
  CHECK(cuMemcpyAtoH(written, surfaceArray, 0, sizeof written));
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++) EXPECT(written[y * W + x] == x * 10 + y, "surface (%d, %d): %g", x, y, written[y * W + x]);
  float one = 0;
  CHECK(cuMemcpyAtoH(&one, surfaceArray, (W + 3) * sizeof(float), sizeof one));
  EXPECT(one == 3 * 10 + 1, "cuMemcpyAtoH at a byte offset in the second row: %g", one);
  EXPECT(cuMemcpyAtoH(&one, surfaceArray, W * H * sizeof(float), sizeof one) == CUDA_ERROR_INVALID_VALUE, "a copy past the array must be refused");

  /* A 3-D array filled from a host volume and read back into a taller one (cuMemcpy3D, srcHeight/dstHeight). */
  float volume[D][H][W], tall[D][H + 2][W];
  for (int z = 0; z < D; z++)
    for (int y = 0; y < H; y++)
      for (int x = 0; x < W; x++) volume[z][y][x] = (float)(z * 1000 + y * 10 + x);
  CUDA_ARRAY3D_DESCRIPTOR volumeDesc = {W, H, D, CU_AD_FORMAT_FLOAT, 1, 0};
  CUarray volumeArray;
  CHECK(cuArray3DCreate(&volumeArray, &volumeDesc));
  CUDA_MEMCPY3D in;
  memset(&in, 0, sizeof in);
  in.srcMemoryType = CU_MEMORYTYPE_HOST;
  in.srcHost = volume;
  in.srcPitch = W * sizeof(float);
  in.srcHeight = H;
  in.dstMemoryType = CU_MEMORYTYPE_ARRAY;
  in.dstArray = volumeArray;
  in.WidthInBytes = W * sizeof(float);
  in.Height = H;
  in.Depth = D;
  CHECK(cuMemcpy3D(&in));
  CUDA_MEMCPY3D outCopy;
  memset(&outCopy, 0, sizeof outCopy);
  memset(tall, 0, sizeof tall);
  outCopy.srcMemoryType = CU_MEMORYTYPE_ARRAY;
  outCopy.srcArray = volumeArray;
  outCopy.dstMemoryType = CU_MEMORYTYPE_HOST;
  outCopy.dstHost = tall;
  outCopy.dstPitch = W * sizeof(float);
  outCopy.dstHeight = H + 2;
  outCopy.WidthInBytes = W * sizeof(float);
  outCopy.Height = H;
  outCopy.Depth = D;
  CHECK(cuMemcpy3D(&outCopy));
  for (int z = 0; z < D; z++)
    for (int y = 0; y < H; y++)
      for (int x = 0; x < W; x++) EXPECT(tall[z][y][x] == volume[z][y][x], "cuMemcpy3D (%d, %d, %d): %g", x, y, z, tall[z][y][x]);
  EXPECT(tall[0][H][0] == 0 && tall[1][H + 1][W - 1] == 0, "cuMemcpy3D wrote between slices");

  /* Fills of 2- and 4-byte values, in rows of pitched memory and asynchronously in a stream. */
  CUdeviceptr pitched;
  size_t pitch;
  CHECK(cuMemAllocPitch(&pitched, &pitch, 5 * sizeof(unsigned), 3, sizeof(unsigned)));
  EXPECT(pitch >= 5 * sizeof(unsigned), "pitch %zu", pitch);
  CHECK(cuMemsetD8(pitched, 0, pitch * 3));
  CHECK(cuMemsetD2D32(pitched, pitch, 0xdeadbeefu, 4, 3));
  unsigned rows[3][64];
  CUDA_MEMCPY2D fetchRows;
  memset(&fetchRows, 0, sizeof fetchRows);
  fetchRows.srcMemoryType = CU_MEMORYTYPE_DEVICE;
  fetchRows.srcDevice = pitched;
  fetchRows.srcPitch = pitch;
  fetchRows.dstMemoryType = CU_MEMORYTYPE_HOST;
  fetchRows.dstHost = rows;
  fetchRows.dstPitch = sizeof rows[0];
  fetchRows.WidthInBytes = 5 * sizeof(unsigned);
  fetchRows.Height = 3;
  CHECK(cuMemcpy2D(&fetchRows));
  for (int y = 0; y < 3; y++)
    for (int x = 0; x < 5; x++)
      EXPECT(rows[y][x] == (x < 4 ? 0xdeadbeefu : 0u), "cuMemsetD2D32 (%d, %d): %#x", x, y, rows[y][x]);
  CUdeviceptr shorts;
  CHECK(cuMemAlloc(&shorts, 100 * sizeof(unsigned short)));
  CUstream stream;
  CHECK(cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING));
  CHECK(cuMemsetD16Async(shorts, 0x1234, 100, stream));
  CHECK(cuMemsetD32Async(shorts + 40, 0x00050006u, 10, stream));
  int token = 42;
  CHECK(cuLaunchHostFunc(stream, markHostRan, &token));
  CUevent done;
  CHECK(cuEventCreate(&done, CU_EVENT_DEFAULT));
  CHECK(cuEventRecord(done, stream));
  CHECK(cuStreamWaitEvent(NULL, done, 0));
  CHECK(cuStreamSynchronize(stream));
  CHECK(cuEventQuery(done));
  CHECK(cuStreamQuery(stream));
  EXPECT(hostRan == 42, "cuLaunchHostFunc did not run before the stream drained");
  unsigned short halves[100];
  CHECK(cuMemcpyDtoH(halves, shorts, sizeof halves));
  for (int i = 0; i < 100; i++) {
    unsigned short expected = i >= 20 && i < 40 ? (i % 2 ? 0x0005 : 0x0006) : 0x1234;
    EXPECT(halves[i] == expected, "fill at %d: %#x, not %#x", i, halves[i], expected);
  }
  EXPECT(cuMemsetD32(shorts + 1, 0, 1) == CUDA_ERROR_INVALID_VALUE, "a misaligned 4-byte fill must be refused");

  /* What the driver says of addresses and kernels. */
  CUdeviceptr base;
  size_t size;
  CHECK(cuMemGetAddressRange(&base, &size, shorts + 17));
  EXPECT(base == shorts && size >= 200, "cuMemGetAddressRange: %#llx + %zu", (unsigned long long)base, size);
  void *pinned;
  CHECK(cuMemAllocHost(&pinned, 64));
  unsigned type = 0;
  CHECK(cuPointerGetAttribute(&type, CU_POINTER_ATTRIBUTE_MEMORY_TYPE, shorts));
  EXPECT(type == CU_MEMORYTYPE_DEVICE, "device memory's type: %u", type);
  CHECK(cuPointerGetAttribute(&type, CU_POINTER_ATTRIBUTE_MEMORY_TYPE, (CUdeviceptr)pinned));
  EXPECT(type == CU_MEMORYTYPE_HOST, "pinned memory's type: %u", type);
  EXPECT(cuPointerGetAttribute(&type, CU_POINTER_ATTRIBUTE_MEMORY_TYPE, (CUdeviceptr)&type) == CUDA_ERROR_INVALID_VALUE,
         "memory the driver does not know must be CUDA_ERROR_INVALID_VALUE");
  CUdeviceptr managed;
  CHECK(cuMemAllocManaged(&managed, 64, CU_MEM_ATTACH_GLOBAL));
  unsigned isManaged = 0;
  CHECK(cuPointerGetAttribute(&isManaged, CU_POINTER_ATTRIBUTE_IS_MANAGED, managed + 8));
  EXPECT(isManaged == 1, "managed memory must say so: %u", isManaged);
  isManaged = 0;
  CHECK(cuPointerGetAttribute(&isManaged, CU_POINTER_ATTRIBUTE_IS_MANAGED, shorts));
  EXPECT(isManaged == 0, "cuMemAlloc'd memory is not managed");
  void *hostView = 0;
  CHECK(cuPointerGetAttribute(&hostView, CU_POINTER_ATTRIBUTE_HOST_POINTER, managed));
  EXPECT(hostView == (void *)managed, "managed memory's host pointer is its address");
  CHECK(cuMemFree(managed));
  int threads = 0;
  CHECK(cuFuncGetAttribute(&threads, CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, fetch2D));
  EXPECT(threads >= 256, "max threads per block: %d", threads);
  unsigned version = 0;
  CHECK(cuCtxGetApiVersion(context, &version));

  CHECK(cuTexObjectDestroy(pointTex));
  CHECK(cuTexObjectDestroy(linearTex));
  CHECK(cuTexObjectDestroy(wrapTex));
  CHECK(cuTexObjectDestroy(byteTex));
  CHECK(cuSurfObjectDestroy(surface));
  CHECK(cuArrayDestroy(array));
  CHECK(cuArrayDestroy(surfaceArray));
  CHECK(cuArrayDestroy(volumeArray));
  EXPECT(cuArrayDestroy(array) == CUDA_ERROR_INVALID_HANDLE, "destroying an array twice must fail");
  CHECK(cuMemFreeHost(pinned));
  CHECK(cuStreamDestroy(stream));
  CHECK(cuEventDestroy(done));
  CHECK(cuCtxDestroy(context));
  printf("Test PASSED\n");
  return 0;
}
