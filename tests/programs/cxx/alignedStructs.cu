// Structs clang lays out with padding their members do not imply (NVIDIA alignedTypes): __align__(16) on a
// 12-byte struct makes it 16 bytes, alignas on a member moves it, and such a struct inside another moves
// the members after it. Host code (compiled natively) and kernels must agree on every size and offset:
// the lifter refused these (TR0405) since an array of RGB32 laid out at 12 bytes read the host's bytes
// wrongly with no error.
#include <cstddef>
#include <cstdio>
#include <vector>

typedef struct __align__(16) { unsigned r, g, b; } RGB32;
typedef struct __align__(8) { unsigned char r, g, b; } RGB24;
struct Gapped { int a; alignas(16) int b; char c; };
struct Holder { char tag; RGB32 color; short after; Gapped g; };

__device__ Holder table[2] = {{'x', {1, 2, 3}, 4, {5, 6, 7}}, {'y', {8, 9, 10}, 11, {12, 13, 14}}};

__global__ void shade(const RGB32 *in, RGB32 *out, RGB24 *small, Holder *h, int n, size_t *sizes) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    RGB32 c = in[i];
    RGB32 d = {c.g, c.b, c.r};
    out[i] = d;
    small[i].r = (unsigned char)c.r;
    small[i].g = (unsigned char)c.g;
    small[i].b = (unsigned char)c.b;
    Holder k{};
    k.tag = 'k';
    k.color = c;
    k.after = (short)i;
    k.g.b = table[i % 2].g.b + i;
    h[i] = k;
  }
  if (i == 0) {
    sizes[0] = sizeof(RGB32);
    sizes[1] = sizeof(RGB24);
    sizes[2] = sizeof(Gapped);
    sizes[3] = offsetof(Gapped, b);
    sizes[4] = sizeof(Holder);
    sizes[5] = offsetof(Holder, after);
    sizes[6] = offsetof(Holder, g);
  }
}

int main() {
  const int n = 300;
  std::vector<RGB32> in(n);
  for (int i = 0; i < n; i++) in[i] = RGB32{(unsigned)i, (unsigned)(i * 3), (unsigned)(i * 7)};
  RGB32 *din, *dout;
  RGB24 *dsmall;
  Holder *dh;
  size_t *dsizes;
  cudaMalloc(&din, n * sizeof(RGB32));
  cudaMalloc(&dout, n * sizeof(RGB32));
  cudaMalloc(&dsmall, n * sizeof(RGB24));
  cudaMalloc(&dh, n * sizeof(Holder));
  cudaMalloc(&dsizes, 7 * sizeof(size_t));
  cudaMemcpy(din, in.data(), n * sizeof(RGB32), cudaMemcpyHostToDevice);
  shade<<<(n + 127) / 128, 128>>>(din, dout, dsmall, dh, n, dsizes);
  std::vector<RGB32> out(n);
  std::vector<RGB24> small(n);
  std::vector<Holder> h(n);
  size_t sizes[7];
  cudaMemcpy(out.data(), dout, n * sizeof(RGB32), cudaMemcpyDeviceToHost);
  cudaMemcpy(small.data(), dsmall, n * sizeof(RGB24), cudaMemcpyDeviceToHost);
  cudaMemcpy(h.data(), dh, n * sizeof(Holder), cudaMemcpyDeviceToHost);
  cudaMemcpy(sizes, dsizes, sizeof sizes, cudaMemcpyDeviceToHost);
  int errors = 0;
  size_t expected[7] = {sizeof(RGB32), sizeof(RGB24), sizeof(Gapped), offsetof(Gapped, b), sizeof(Holder), offsetof(Holder, after), offsetof(Holder, g)};
  for (int k = 0; k < 7; k++)
    if (sizes[k] != expected[k]) { printf("layout %d: device %zu, host %zu\n", k, sizes[k], expected[k]); errors++; }
  for (int i = 0; i < n; i++) {
    bool ok = out[i].r == in[i].g && out[i].g == in[i].b && out[i].b == in[i].r
        && small[i].r == (unsigned char)i && small[i].g == (unsigned char)(i * 3) && small[i].b == (unsigned char)(i * 7)
        && h[i].tag == 'k' && h[i].color.b == in[i].b && h[i].after == i && h[i].g.a == 0 && h[i].g.c == 0
        && h[i].g.b == (i % 2 ? 13 : 6) + i;
    if (!ok && errors++ < 5) printf("element %d differs\n", i);
  }
  printf("sizes %zu %zu %zu %zu %zu\n", sizeof(RGB32), sizeof(RGB24), sizeof(Gapped), sizeof(Holder), offsetof(Holder, g));
  printf("%s\n", errors ? "FAILED" : "PASSED");
  return errors != 0;
}
