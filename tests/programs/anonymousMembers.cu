// Members of anonymous structs and unions inside a struct (held-out HeCBench d3q19-bgk: `struct outer_wall { union {
// struct { int xmin, xmax, ymin, ymax, zmin, zmax; }; int el[6]; }; }`, read as wall.xmin). The member holding the
// anonymous union was named "outer_wall::(anonymous union at …)" in the IR, which the IR reader rejected when the device
// code was loaded (TR0102 at a line of the IR, no diagnostic at build); and libclang leaves out the anonymous struct
// between the union and xmin, so every one of xmin … zmax read the union's first int (a wrong result, no diagnostic).
// Now each is the object's bytes at the member's offset: reads and writes by value, through pointers and references,
// in global arrays and in locals, three anonymous levels deep, and punning a float through an anonymous union.
#include <cstdio>

struct Wall {
  union {
    struct {
      int xmin, xmax, ymin, ymax, zmin, zmax;
    };
    int el[6];
  };
};

struct Deep {
  float head;
  struct {
    int a;
    union {
      struct {
        short lo, hi;
      };
      int both;
    };
    int tail;
  };
};

struct Pun {
  union {
    float f;
    unsigned int bits;
  };
  int after;
};

__global__ void readWall(int *out, Wall w) {
  int i = threadIdx.x;
  int named = i == 0 ? w.xmin : i == 1 ? w.xmax : i == 2 ? w.ymin : i == 3 ? w.ymax : i == 4 ? w.zmin : w.zmax;
  out[i] = named * 100 + w.el[i];
}

__global__ void writeWalls(Wall *walls, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Wall &w = walls[i];
  w.ymax = i;
  walls[i].zmin += 10;
  Wall *p = &walls[i];
  p->el[0] = p->xmax * 2;
}

__global__ void deepMembers(Deep *d, int *out) {
  Deep local = *d;
  local.hi = 7;
  local.a += local.lo;
  d->tail = local.a + local.hi;
  out[0] = local.both;
  out[1] = local.a;
  out[2] = (int)local.head;
}

__global__ void pun(Pun *p, unsigned int *bits) {
  Pun q;
  q.f = p->f * 2.0f;
  q.after = 3;
  bits[0] = q.bits;
  p->bits += 1;
}

int main() {
  int bad = 0;
  Wall w;
  for (int k = 0; k < 6; k++) w.el[k] = k + 1;
  int *out;
  cudaMallocManaged(&out, 6 * sizeof(int));
  readWall<<<1, 6>>>(out, w);
  cudaDeviceSynchronize();
  for (int k = 0; k < 6; k++)
    if (out[k] != (k + 1) * 101) { bad++; printf("readWall %d: %d, want %d\n", k, out[k], (k + 1) * 101); }

  const int n = 70;
  Wall *walls;
  cudaMallocManaged(&walls, n * sizeof(Wall));
  for (int i = 0; i < n; i++)
    for (int k = 0; k < 6; k++) walls[i].el[k] = i * 10 + k;
  writeWalls<<<3, 32>>>(walls, n);
  cudaDeviceSynchronize();
  for (int i = 0; i < n; i++) {
    int want[6] = {(i * 10 + 1) * 2, i * 10 + 1, i * 10 + 2, i, i * 10 + 4 + 10, i * 10 + 5};
    for (int k = 0; k < 6; k++)
      if (walls[i].el[k] != want[k]) { bad++; if (bad < 10) printf("wall %d field %d: %d, want %d\n", i, k, walls[i].el[k], want[k]); }
  }

  Deep *d;
  cudaMallocManaged(&d, sizeof(Deep));
  d->head = 2.5f;
  d->a = 40;
  d->lo = 2;
  d->hi = 3;
  d->tail = 0;
  deepMembers<<<1, 1>>>(d, out);
  cudaDeviceSynchronize();
  int both = (int)(unsigned short)2 | (7 << 16);
  if (out[0] != both || out[1] != 42 || out[2] != 2 || d->tail != 49 || d->hi != 3)
    { bad++; printf("deep: both %d (want %d), a %d, head %d, tail %d, hi %d\n", out[0], both, out[1], out[2], d->tail, d->hi); }

  Pun *p;
  unsigned int *bits;
  cudaMallocManaged(&p, sizeof(Pun));
  cudaMallocManaged(&bits, sizeof(unsigned int));
  p->f = 1.5f;
  p->after = 0;
  pun<<<1, 1>>>(p, bits);
  cudaDeviceSynchronize();
  if (bits[0] != 0x40400000u || p->bits != 0x3fc00001u) { bad++; printf("pun: %x %x\n", bits[0], p->bits); }

  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad ? 1 : 0;
}
