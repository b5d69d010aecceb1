// Texture and surface fetches for TextureObjectTests: every case prints its name and the values the
// device fetched; the test computes what CUDA's documented fetch rules give and compares.
#include <cstdio>
#include <cuda_runtime.h>

__global__ void fetch1D(float *out, cudaTextureObject_t t, const float *x, int n) {
  int i = threadIdx.x;
  if (i < n) out[i] = tex1D<float>(t, x[i]);
}
__global__ void fetch2D(float *out, cudaTextureObject_t t, const float2 *p, int n) {
  int i = threadIdx.x;
  if (i < n) out[i] = tex2D<float>(t, p[i].x, p[i].y);
}
__global__ void fetch3D(float *out, cudaTextureObject_t t, const float4 *p, int n) {
  int i = threadIdx.x;
  if (i < n) out[i] = tex3D<float>(t, p[i].x, p[i].y, p[i].z);
}
__global__ void fetchLayered(float *out, cudaTextureObject_t t, const float4 *p, int n) {
  int i = threadIdx.x;
  if (i < n) out[i] = tex2DLayered<float>(t, p[i].x, p[i].y, (int)p[i].w);
}
__global__ void fetchCubemap(float *out, cudaTextureObject_t t, const float4 *p, int n) {
  int i = threadIdx.x;
  if (i < n) out[i] = texCubemap<float>(t, p[i].x, p[i].y, p[i].z);
}
__global__ void fetchVectors(float *out, cudaTextureObject_t bytes, cudaTextureObject_t normalized, cudaTextureObject_t linear) {
  uchar4 c = tex2D<uchar4>(bytes, 1.5f, 0.5f);
  float4 f = tex2D<float4>(normalized, 1.5f, 0.5f);
  int v = tex1Dfetch<int>(linear, 2);
  int outside = tex1Dfetch<int>(linear, 99);
  out[0] = c.x; out[1] = c.y; out[2] = c.z; out[3] = c.w;
  out[4] = f.x; out[5] = f.y; out[6] = f.z; out[7] = f.w;
  out[8] = v; out[9] = outside;
}
__global__ void writeSurface(cudaSurfaceObject_t s, int width, int height) {
  int x = threadIdx.x, y = threadIdx.y;
  surf2Dwrite(x * 10 + y, s, x * (int)sizeof(int), y);
  if (x == 0 && y == 0) {
    surf2Dwrite(-1, s, width * (int)sizeof(int), 0, cudaBoundaryModeZero);  // dropped
  }
}
__global__ void readSurface(int *out, cudaSurfaceObject_t s, int width) {
  out[0] = surf2Dread<int>(s, 2 * (int)sizeof(int), 1);
  out[1] = surf2Dread<int>(s, width * (int)sizeof(int), 1, cudaBoundaryModeZero);
  out[2] = surf2Dread<int>(s, (width + 3) * (int)sizeof(int), 5, cudaBoundaryModeClamp);
  out[3] = surf2Dread<int>(s, -8, 0, cudaBoundaryModeClamp);
}
__global__ void layeredSurface(cudaSurfaceObject_t s, float *out) {
  int x = threadIdx.x, layer = threadIdx.y;
  surf2DLayeredwrite(100.0f * layer + x, s, x * (int)sizeof(float), 0, layer);
  __syncthreads();
  out[layer * 4 + x] = surf2DLayeredread<float>(s, (3 - x) * (int)sizeof(float), 0, layer);
}
__global__ void trapSurface(cudaSurfaceObject_t s) { surf2Dwrite(1, s, 4096, 0); }

static float *device(const void *host, size_t bytes) {
  void *d;
  cudaMalloc(&d, bytes);
  cudaMemcpy(d, host, bytes, cudaMemcpyHostToDevice);
  return (float *)d;
}

static void print(const char *name, const float *d, int n) {
  float h[64];
  cudaMemcpy(h, d, n * sizeof(float), cudaMemcpyDeviceToHost);
  printf("%s", name);
  for (int i = 0; i < n; i++) printf(" %.6f", h[i]);
  printf("\n");
}

static cudaTextureObject_t texture(cudaArray_t a, cudaTextureFilterMode filter, cudaTextureAddressMode mode, int normalized,
                                   cudaTextureReadMode read = cudaReadModeElementType, float border = 0.0f) {
  cudaResourceDesc res = {};
  res.resType = cudaResourceTypeArray;
  res.res.array.array = a;
  cudaTextureDesc desc = {};
  desc.addressMode[0] = desc.addressMode[1] = desc.addressMode[2] = mode;
  desc.filterMode = filter;
  desc.readMode = read;
  desc.normalizedCoords = normalized;
  desc.borderColor[0] = border;
  cudaTextureObject_t t = 0;
  cudaError_t e = cudaCreateTextureObject(&t, &res, &desc, NULL);
  if (e != cudaSuccess) printf("create failed: %d\n", (int)e);
  return t;
}

static void run1D(const char *name, cudaArray_t a, cudaTextureFilterMode filter, cudaTextureAddressMode mode, int normalized,
                  const float *xs, int n, float *out, float border = 0.0f) {
  cudaTextureObject_t t = texture(a, filter, mode, normalized, cudaReadModeElementType, border);
  float *dx = device(xs, n * sizeof(float));
  fetch1D<<<1, n>>>(out, t, dx, n);
  print(name, out, n);
  cudaDestroyTextureObject(t);
  cudaFree(dx);
}

int main() {
  cudaChannelFormatDesc f32 = cudaCreateChannelDesc<float>();
  float *out;
  cudaMalloc(&out, 64 * sizeof(float));

  // 1-D: 8 texels, texel i = i*i + 1.
  float line[8];
  for (int i = 0; i < 8; i++) line[i] = (float)(i * i + 1);
  cudaArray_t a1;
  cudaMallocArray(&a1, &f32, 8, 0);
  cudaMemcpy2DToArray(a1, 0, 0, line, sizeof line, sizeof line, 1, cudaMemcpyHostToDevice);
  const float unnormalized[] = {-1.5f, 0.2f, 3.7f, 7.9f, 9.0f, 0.5f, 2.3f, 3.5f, 6.8f, 8.6f};
  const float normalizedX[] = {-0.1f, 1.3f, 0.55f, 1.9f, 0.01f, 0.99f, -1.2f, 2.6f};
  run1D("point_clamp", a1, cudaFilterModePoint, cudaAddressModeClamp, 0, unnormalized, 10, out);
  run1D("point_border", a1, cudaFilterModePoint, cudaAddressModeBorder, 0, unnormalized, 10, out, 42.0f);
  run1D("linear_clamp", a1, cudaFilterModeLinear, cudaAddressModeClamp, 0, unnormalized, 10, out);
  run1D("linear_border", a1, cudaFilterModeLinear, cudaAddressModeBorder, 0, unnormalized, 10, out, 42.0f);
  run1D("unnormalized_wrap_clamps", a1, cudaFilterModeLinear, cudaAddressModeWrap, 0, unnormalized, 10, out);
  run1D("point_wrap", a1, cudaFilterModePoint, cudaAddressModeWrap, 1, normalizedX, 8, out);
  run1D("point_mirror", a1, cudaFilterModePoint, cudaAddressModeMirror, 1, normalizedX, 8, out);
  run1D("linear_wrap", a1, cudaFilterModeLinear, cudaAddressModeWrap, 1, normalizedX, 8, out);
  run1D("linear_mirror", a1, cudaFilterModeLinear, cudaAddressModeMirror, 1, normalizedX, 8, out);
  run1D("normalized_clamp", a1, cudaFilterModeLinear, cudaAddressModeClamp, 1, normalizedX, 8, out);

  // 2-D: 5 x 4 texels, texel (x, y) = 10*y + x*x, read from pitched linear memory and from an array.
  float plane[4][5];
  for (int y = 0; y < 4; y++)
    for (int x = 0; x < 5; x++) plane[y][x] = (float)(10 * y + x * x);
  const float2 points[] = {{0.5f, 0.5f}, {1.25f, 2.75f}, {4.9f, 0.1f}, {2.6f, 3.3f}, {-0.4f, 1.5f}, {3.5f, 4.2f}};
  float *dp = device(points, sizeof points);
  cudaArray_t a2;
  cudaMallocArray(&a2, &f32, 5, 4);
  cudaMemcpy2DToArray(a2, 0, 0, plane, 5 * sizeof(float), 5 * sizeof(float), 4, cudaMemcpyHostToDevice);
  cudaTextureObject_t t2 = texture(a2, cudaFilterModeLinear, cudaAddressModeClamp, 0);
  fetch2D<<<1, 6>>>(out, t2, (const float2 *)dp, 6);
  print("bilinear_array", out, 6);
  void *pitched;
  size_t pitch;
  cudaMallocPitch(&pitched, &pitch, 5 * sizeof(float), 4);
  cudaMemcpy2D(pitched, pitch, plane, 5 * sizeof(float), 5 * sizeof(float), 4, cudaMemcpyHostToDevice);
  cudaResourceDesc pres = {};
  pres.resType = cudaResourceTypePitch2D;
  pres.res.pitch2D.devPtr = pitched;
  pres.res.pitch2D.desc = f32;
  pres.res.pitch2D.width = 5;
  pres.res.pitch2D.height = 4;
  pres.res.pitch2D.pitchInBytes = pitch;
  cudaTextureDesc pdesc = {};
  pdesc.addressMode[0] = pdesc.addressMode[1] = cudaAddressModeClamp;
  pdesc.filterMode = cudaFilterModeLinear;
  cudaTextureObject_t tp;
  cudaCreateTextureObject(&tp, &pres, &pdesc, NULL);
  fetch2D<<<1, 6>>>(out, tp, (const float2 *)dp, 6);
  print("bilinear_pitch2d", out, 6);

  // 3-D: 3 x 2 x 4 texels, texel (x, y, z) = 100*z + 10*y + x.
  float volume[4][2][3];
  for (int z = 0; z < 4; z++)
    for (int y = 0; y < 2; y++)
      for (int x = 0; x < 3; x++) volume[z][y][x] = (float)(100 * z + 10 * y + x);
  cudaArray_t a3;
  cudaMalloc3DArray(&a3, &f32, make_cudaExtent(3, 2, 4), 0);
  cudaMemcpy3DParms copy = {};
  copy.srcPtr = make_cudaPitchedPtr(volume, 3 * sizeof(float), 3, 2);
  copy.dstArray = a3;
  copy.extent = make_cudaExtent(3, 2, 4);
  copy.kind = cudaMemcpyHostToDevice;
  cudaMemcpy3D(&copy);
  const float4 points3[] = {{0.5f, 0.5f, 0.5f, 0}, {1.3f, 1.2f, 2.9f, 0}, {2.7f, 0.6f, 3.8f, 0}};
  float *dp3 = device(points3, sizeof points3);
  cudaTextureObject_t t3 = texture(a3, cudaFilterModeLinear, cudaAddressModeClamp, 0);
  fetch3D<<<1, 3>>>(out, t3, (const float4 *)dp3, 3);
  print("trilinear", out, 3);

  // Layered: two 3 x 2 layers (the 3-D data's first two planes), normalized coordinates, point and linear.
  cudaArray_t al;
  cudaMalloc3DArray(&al, &f32, make_cudaExtent(3, 2, 2), cudaArrayLayered);
  copy.dstArray = al;
  copy.extent = make_cudaExtent(3, 2, 2);
  cudaMemcpy3D(&copy);
  const float4 layered[] = {{0.5f, 0.25f, 0, 0}, {0.5f, 0.25f, 0, 1}, {0.9f, 0.8f, 0, 1}, {0.1f, 0.9f, 0, 7}};
  float *dl = device(layered, sizeof layered);
  cudaTextureObject_t tl = texture(al, cudaFilterModePoint, cudaAddressModeClamp, 1);
  fetchLayered<<<1, 4>>>(out, tl, (const float4 *)dl, 4);
  print("layered_point", out, 4);
  cudaTextureObject_t tll = texture(al, cudaFilterModeLinear, cudaAddressModeClamp, 1);
  fetchLayered<<<1, 4>>>(out, tll, (const float4 *)dl, 4);
  print("layered_linear", out, 4);

  // Cubemap: six 2 x 2 faces, texel (x, y) of face f = 10*f + 2*y + x; point sampling.
  float faces[6][2][2];
  for (int f = 0; f < 6; f++)
    for (int y = 0; y < 2; y++)
      for (int x = 0; x < 2; x++) faces[f][y][x] = (float)(10 * f + 2 * y + x);
  cudaArray_t ac;
  cudaMalloc3DArray(&ac, &f32, make_cudaExtent(2, 2, 6), cudaArrayCubemap);
  copy.srcPtr = make_cudaPitchedPtr(faces, 2 * sizeof(float), 2, 2);
  copy.dstArray = ac;
  copy.extent = make_cudaExtent(2, 2, 6);
  cudaMemcpy3D(&copy);
  const float4 directions[] = {{1, 0.5f, -0.5f, 0}, {-1, -0.5f, 0.5f, 0}, {0.2f, 1, 0.6f, 0},  {0.2f, -1, 0.6f, 0},
                               {-0.3f, 0.4f, 1, 0}, {-0.3f, 0.4f, -1, 0}, {2, -1.5f, 0.5f, 0}, {0.1f, -0.2f, -3, 0}};
  float *dc = device(directions, sizeof directions);
  cudaTextureObject_t tc = texture(ac, cudaFilterModePoint, cudaAddressModeClamp, 1);
  fetchCubemap<<<1, 8>>>(out, tc, (const float4 *)dc, 8);
  print("cubemap", out, 8);

  // Vector element types, the normalized-float read mode, and tex1Dfetch on linear memory.
  unsigned char bytes[2][2][4] = {{{1, 2, 3, 4}, {0, 51, 102, 255}}, {{9, 9, 9, 9}, {8, 8, 8, 8}}};
  cudaChannelFormatDesc u8x4 = cudaCreateChannelDesc<uchar4>();
  cudaArray_t ab;
  cudaMallocArray(&ab, &u8x4, 2, 2);
  cudaMemcpy2DToArray(ab, 0, 0, bytes, 8, 8, 2, cudaMemcpyHostToDevice);
  cudaTextureObject_t tb = texture(ab, cudaFilterModePoint, cudaAddressModeClamp, 0);
  cudaTextureObject_t tn = texture(ab, cudaFilterModePoint, cudaAddressModeClamp, 0, cudaReadModeNormalizedFloat);
  int ints[4] = {7, -8, 123456789, 5};
  int *di = (int *)device(ints, sizeof ints);
  cudaResourceDesc lres = {};
  lres.resType = cudaResourceTypeLinear;
  lres.res.linear.devPtr = di;
  lres.res.linear.desc = cudaCreateChannelDesc<int>();
  lres.res.linear.sizeInBytes = sizeof ints;
  cudaTextureDesc ldesc = {};
  cudaTextureObject_t tlin;
  cudaCreateTextureObject(&tlin, &lres, &ldesc, NULL);
  fetchVectors<<<1, 1>>>(out, tb, tn, tlin);
  print("vectors", out, 10);

  // Surfaces: a 4 x 3 int array written and read back, the boundary modes, and a layered surface.
  cudaChannelFormatDesc i32 = cudaCreateChannelDesc<int>();
  cudaArray_t as;
  cudaMallocArray(&as, &i32, 4, 3, cudaArraySurfaceLoadStore);
  cudaResourceDesc sres = {};
  sres.resType = cudaResourceTypeArray;
  sres.res.array.array = as;
  cudaSurfaceObject_t s;
  cudaCreateSurfaceObject(&s, &sres);
  writeSurface<<<1, dim3(4, 3)>>>(s, 4, 3);
  int written[3][4];
  cudaMemcpy2DFromArray(written, 16, as, 0, 0, 16, 3, cudaMemcpyDeviceToHost);
  printf("surface_written");
  for (int y = 0; y < 3; y++)
    for (int x = 0; x < 4; x++) printf(" %d", written[y][x]);
  printf("\n");
  int *dr;
  cudaMalloc(&dr, 4 * sizeof(int));
  readSurface<<<1, 1>>>(dr, s, 4);
  int read[4];
  cudaMemcpy(read, dr, sizeof read, cudaMemcpyDeviceToHost);
  printf("surface_read %d %d %d %d\n", read[0], read[1], read[2], read[3]);
  cudaArray_t asl;
  cudaMalloc3DArray(&asl, &f32, make_cudaExtent(4, 0, 2), cudaArrayLayered | cudaArraySurfaceLoadStore);
  sres.res.array.array = asl;
  cudaSurfaceObject_t sl;
  cudaCreateSurfaceObject(&sl, &sres);
  layeredSurface<<<1, dim3(4, 2)>>>(sl, out);
  print("surface_layered", out, 8);

  // What CUDA refuses: linear filtering of integers read as integers, a surface on an array
  // without cudaArraySurfaceLoadStore, destroying an object twice.
  cudaTextureObject_t bad;
  cudaTextureDesc linearInts = {};
  linearInts.filterMode = cudaFilterModeLinear;
  int e1 = (int)cudaCreateTextureObject(&bad, &lres, &linearInts, NULL);
  sres.res.array.array = a2;
  int e2 = (int)cudaCreateSurfaceObject(&bad, &sres);
  cudaDestroyTextureObject(t2);
  int e3 = (int)cudaDestroyTextureObject(t2);
  cudaGetLastError();
  printf("refused %d %d %d\n", e1, e2, e3);

  // An access outside the surface in trap mode (the default) stops the kernel.
  trapSurface<<<1, 1>>>(s);
  printf("trap %d\n", (int)cudaDeviceSynchronize());
  return 0;
}
