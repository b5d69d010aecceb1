// Non-virtual inheritance in device code: base members reached through derived objects, methods of a
// base called on a derived object, upcasts of pointers and references (to a second base, which does
// not start the object), base-class constructors, an empty base (CRTP), and a derived struct passed
// by value from the host as a kernel argument. Every result is checked against the host.
#include <cstdio>

struct Counter {
  int count = 3; // a default member initializer every derived object runs
  __device__ int get() const { return count; }
  __device__ void bump(int by) { count += by; }
};

struct Weighted : Counter {
  int weight;
  __device__ explicit Weighted(int w) : Counter(), weight(w) {}
  __device__ int score() const { return get() * weight + count; } // base method and member, implicit this
};

struct Point { float x, y; };

// Two bases: Point sits after Counter, at a non-zero offset.
struct Particle : Counter, Point {
  float mass;
};

__device__ float normOf(const Point &p) { return p.x * p.x + p.y * p.y; }
__device__ int countOf(const Counter *c) { return c ? c->get() : -1; }

// CRTP: an empty base whose method reaches the derived object through static_cast.
template <typename Derived>
struct Doubler {
  __device__ int twice() const { return static_cast<const Derived *>(this)->value() * 2; }
};

struct Cell : Doubler<Cell> {
  int v;
  __device__ int value() const { return v + 1; }
};

// A derived struct built on the host and passed by value: host and device must agree on its layout.
struct Scale { float factor; };
struct Params : Scale {
  int offset;
  double bias;
};

__global__ void inherit(int *ints, float *floats, Params params) {
  int t = threadIdx.x;
  Weighted w(t + 1);
  w.bump(t);                               // count = 3 + t
  ints[t * 4 + 0] = w.score();             // (3 + t) * (t + 1) + 3 + t

  Particle p;
  p.x = t; p.y = 2.0f; p.mass = 0.5f;
  p.bump(10);                              // count = 13
  Point *asPoint = &p;                     // upcast to the second base
  floats[t * 2 + 0] = normOf(p) + asPoint->x * p.mass;
  ints[t * 4 + 1] = countOf(&p) + countOf((Particle *)0); // 13 + -1 (a null upcast stays null)

  Cell c;
  c.v = t;
  ints[t * 4 + 2] = c.twice();             // 2 * (t + 1)

  Counter &base = w;                       // a reference to a base sub-object: writes reach w
  base.count = 100 + t;
  ints[t * 4 + 3] = w.score();             // (100 + t) * (t + 1) + 100 + t
  floats[t * 2 + 1] = params.factor * t + params.offset + (float)params.bias;
}

int main() {
  const int n = 64;
  int *ints;
  float *floats;
  cudaMallocManaged(&ints, n * 4 * sizeof(int));
  cudaMallocManaged(&floats, n * 2 * sizeof(float));
  Params params;
  params.factor = 1.5f;
  params.offset = 7;
  params.bias = 0.25;
  inherit<<<1, n>>>(ints, floats, params);
  cudaDeviceSynchronize();
  int failures = 0;
  for (int t = 0; t < n; t++) {
    int want[4] = {(3 + t) * (t + 1) + 3 + t, 13 - 1, 2 * (t + 1), (100 + t) * (t + 1) + 100 + t};
    float wantf[2] = {(float)t * t + 4.0f + t * 0.5f, 1.5f * t + 7 + 0.25f};
    for (int k = 0; k < 4; k++)
      if (ints[t * 4 + k] != want[k]) { printf("ints[%d][%d] = %d, expected %d\n", t, k, ints[t * 4 + k], want[k]); failures++; }
    for (int k = 0; k < 2; k++)
      if (floats[t * 2 + k] != wantf[k]) { printf("floats[%d][%d] = %f, expected %f\n", t, k, floats[t * 2 + k], wantf[k]); failures++; }
  }
  if (failures) { printf("FAILED\n"); return 1; }
  printf("PASSED\n");
  return 0;
}
