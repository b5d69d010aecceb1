// Integer intrinsics that were undeclared (clang's TR0401): halving adds (__hadd, __rhadd, __uhadd, __urhadd) at the
// ends of the range, sums of absolute differences (__sad, __usad), funnel shifts (wrapping and clamped shift counts,
// 0, 31, 32, 33, 64), and dot products of packed bytes and halves (__dp4a, __dp2a_lo, __dp2a_hi, signed and unsigned),
// checked against the host computing each from its definition with 64-bit arithmetic.
#include <cstdio>
#include <cstdint>

const int N = 8;
__constant__ unsigned int cv[N];

__global__ void k(unsigned int *out) {
  int i = threadIdx.x, j = threadIdx.y;
  unsigned int a = cv[i], b = cv[j], c = cv[(i + 3 * j) % N], s = (unsigned int)(i * 9 + j * 5) % 70u;
  unsigned int *o = out + (i * N + j) * 16;
  o[0] = (unsigned int)__hadd((int)a, (int)b);
  o[1] = (unsigned int)__rhadd((int)a, (int)b);
  o[2] = __uhadd(a, b);
  o[3] = __urhadd(a, b);
  o[4] = __sad((int)a, (int)b, c);
  o[5] = __usad(a, b, c);
  o[6] = __funnelshift_l(a, b, s);
  o[7] = __funnelshift_lc(a, b, s);
  o[8] = __funnelshift_r(a, b, s);
  o[9] = __funnelshift_rc(a, b, s);
  o[10] = (unsigned int)__dp4a((int)a, (int)b, (int)c);
  o[11] = __dp4a(a, b, c);
  o[12] = (unsigned int)__dp2a_lo((int)a, (int)b, (int)c);
  o[13] = (unsigned int)__dp2a_hi((int)a, (int)b, (int)c);
  o[14] = __dp2a_lo(a, b, c);
  o[15] = __dp2a_hi(a, b, c);
}

static int64_t sbyte(uint32_t v, int k) { return (int8_t)(uint8_t)(v >> (8 * k)); }
static int64_t ubyte(uint32_t v, int k) { return (uint8_t)(v >> (8 * k)); }
static int64_t shalf(uint32_t v, int k) { return (int16_t)(uint16_t)(v >> (16 * k)); }
static int64_t uhalf(uint32_t v, int k) { return (uint16_t)(v >> (16 * k)); }

int main() {
  unsigned int hv[N] = {0u, 1u, 0x7fffffffu, 0x80000000u, 0xffffffffu, 0x12345678u, 0x80ff7f01u, 0xdeadbeefu};
  cudaMemcpyToSymbol(cv, hv, sizeof hv);
  unsigned int *out;
  cudaMallocManaged(&out, N * N * 16 * sizeof(unsigned int));
  k<<<1, dim3(N, N)>>>(out);
  cudaDeviceSynchronize();
  int bad = 0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      uint32_t a = hv[i], b = hv[j], c = hv[(i + 3 * j) % N], s = (uint32_t)(i * 9 + j * 5) % 70u;
      int64_t sa = (int32_t)a, sb = (int32_t)b;
      uint64_t pair = ((uint64_t)b << 32) | a;
      uint32_t clamped = s < 32 ? s : 32;
      uint32_t want[16];
      want[0] = (uint32_t)(int32_t)((sa + sb) >> 1);
      want[1] = (uint32_t)(int32_t)((sa + sb + 1) >> 1);
      want[2] = (uint32_t)(((uint64_t)a + b) >> 1);
      want[3] = (uint32_t)(((uint64_t)a + b + 1) >> 1);
      want[4] = (uint32_t)((sa > sb ? sa - sb : sb - sa) + c);
      want[5] = (uint32_t)((a > b ? (uint64_t)a - b : (uint64_t)b - a) + c);
      want[6] = (uint32_t)((pair << (s % 32)) >> 32);
      want[7] = (uint32_t)(clamped == 32 ? (uint64_t)a : (pair << clamped) >> 32);
      want[8] = (uint32_t)(pair >> (s % 32));
      want[9] = (uint32_t)(clamped == 32 ? (uint64_t)b : pair >> clamped);
      int64_t d4 = (int32_t)c, u4 = c;
      for (int q = 0; q < 4; q++) { d4 += sbyte(a, q) * sbyte(b, q); u4 += ubyte(a, q) * ubyte(b, q); }
      want[10] = (uint32_t)d4;
      want[11] = (uint32_t)u4;
      want[12] = (uint32_t)((int32_t)c + shalf(a, 0) * sbyte(b, 0) + shalf(a, 1) * sbyte(b, 1));
      want[13] = (uint32_t)((int32_t)c + shalf(a, 0) * sbyte(b, 2) + shalf(a, 1) * sbyte(b, 3));
      want[14] = (uint32_t)(c + uhalf(a, 0) * ubyte(b, 0) + uhalf(a, 1) * ubyte(b, 1));
      want[15] = (uint32_t)(c + uhalf(a, 0) * ubyte(b, 2) + uhalf(a, 1) * ubyte(b, 3));
      for (int op = 0; op < 16; op++) {
        uint32_t got = out[(i * N + j) * 16 + op];
        if (got != want[op] && bad++ < 20) printf("op %d (%08x, %08x, %08x, shift %u): %08x, want %08x\n", op, a, b, c, s, got, want[op]);
      }
    }
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad != 0;
}
