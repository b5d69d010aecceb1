// Virtual functions in device code (NVIDIA newdelete, CUDA ray tracers): objects in local variables and made by
// placement new in local and shared memory, called through base pointers and references; pure virtual
// methods, a three-level chain with a qualified call of the base's version, virtual destructors chaining to the
// bases', slicing copies and assignments, a virtual call in a base constructor and in base destructors (the base's version runs, as in C++), direct calls on objects, and
// a class template hierarchy (newdelete's Container<T> / Vector<T>).
#include <cstdio>
#include <new>

__device__ int destroyed[4];

class Shape {
 public:
  int k0;
  __device__ Shape() { k0 = kind(); }
  // In a destructor the object is of the destructor's class again: kind() here is Shape's, 0.
  __device__ virtual ~Shape() { atomicAdd(&destroyed[0], 1); atomicAdd(&destroyed[3], kind()); }
  __device__ virtual float area() const = 0;
  __device__ virtual int kind() const { return 0; }
  __device__ virtual void scale(float f) = 0;
};

class Circle : public Shape {
  float r;
 public:
  __device__ Circle(float radius) : r(radius) {}
  __device__ ~Circle() { atomicAdd(&destroyed[1], 1); }
  __device__ float area() const override { return 3.0f * r * r; }
  __device__ int kind() const override { return 1; }
  __device__ void scale(float f) override { r *= f; }
};

class Square : public Shape {
 protected:
  float a;
 public:
  __device__ Square(float side) : a(side) {}
  __device__ ~Square() { atomicAdd(&destroyed[3], 10 * (kind() - 2)); }
  __device__ float area() const override { return a * a; }
  __device__ int kind() const override { return 2; }
  __device__ void scale(float f) override { a *= f; }
};

// Two squares side by side: area and kind its own, scale inherited from Square.
class Domino : public Square {
 public:
  __device__ Domino(float side) : Square(side) {}
  __device__ ~Domino() { atomicAdd(&destroyed[2], 1); }
  __device__ float area() const override { return 2.0f * Square::area(); }
  __device__ int kind() const override { return 3; }
};

__device__ float describe(const Shape &s) { return s.area() + 100.0f * s.kind(); }

// Each thread builds one shape by placement new in its own storage, uses it through the base and destroys it
// through the base's virtual destructor (device new/delete themselves: DeviceNewDeleteTests).
__global__ void placedShapes(float *out, int *kinds, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  alignas(8) unsigned char storage[sizeof(Domino) > sizeof(Circle) ? sizeof(Domino) : sizeof(Circle)];
  Shape *s;
  if (i % 3 == 0) s = new (storage) Circle(1.0f + i);
  else if (i % 3 == 1) s = new (storage) Square(1.0f + i);
  else s = new (storage) Domino(1.0f + i);
  s->scale(2.0f);
  out[i] = describe(*s);
  kinds[i] = s->k0 * 10 + s->kind();
  s->~Shape();
}

__global__ void localShapes(float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Circle c(0.5f * i);
  Domino d(0.25f * i);
  Shape *p = i % 2 ? (Shape *)&c : (Shape *)&d;
  p->scale(3.0f);
  out[i] = p->area() + c.area() - d.area();  // c.area(), d.area(): direct calls on the objects
}

// A copy of a derived object through its base's copy constructor is a base object (slicing), and assignment
// leaves an object's class as it was.
__global__ void sliced(float *out) {
  Square square(2.0f);
  Domino domino(3.0f);
  Square copy = domino;
  Square &r = copy;
  out[0] = r.area();
  Shape &s = square;
  square = domino;
  out[1] = s.area();
  out[2] = (float)s.kind();
}

template <class T> class Container {
 public:
  __device__ Container() {}
  __device__ virtual ~Container() {}
  __device__ virtual void push(T e) = 0;
  __device__ virtual bool pop(T &e) = 0;
};

template <class T> class Vector : public Container<T> {
 public:
  __device__ Vector(int max, T *buffer) : top(-1), data(buffer) {}
  __device__ void push(T e) override { data[atomicAdd(&top, 1) + 1] = e; }
  __device__ bool pop(T &e) override {
    int idx = atomicAdd(&top, -1);
    if (idx < 0) return false;
    e = data[idx];
    return true;
  }
 private:
  int top;
  T *data;
};

// As newdelete's placementNew: one thread builds the stack, every even thread pushes, every thread pops. The object
// lives in a device variable and its storage in global memory (opencl cannot keep pointers into shared memory in memory).
alignas(8) __device__ unsigned char vectorStorage[sizeof(Vector<int>)];

__global__ void stack(int *out, int *data) {
  __shared__ Container<int> *c;
  if (threadIdx.x == 0) c = new (vectorStorage) Vector<int>(256, data);
  __syncthreads();
  if (threadIdx.x % 2 == 0) c->push((int)threadIdx.x / 2);
  __syncthreads();
  int v;
  out[threadIdx.x] = c->pop(v) ? v : -1;
}

int main() {
  const int N = 96, B = 64;
  float *dOut, hOut[N];
  int *dKinds, hKinds[N], *dStack, hStack[B], *dData;
  cudaMalloc(&dOut, sizeof hOut);
  cudaMalloc(&dKinds, sizeof hKinds);
  cudaMalloc(&dStack, sizeof hStack);
  cudaMalloc(&dData, sizeof hStack);
  int bad = 0;

  placedShapes<<<(N + 31) / 32, 32>>>(dOut, dKinds, N);
  cudaMemcpy(hOut, dOut, sizeof hOut, cudaMemcpyDeviceToHost);
  cudaMemcpy(hKinds, dKinds, sizeof hKinds, cudaMemcpyDeviceToHost);
  for (int i = 0; i < N; i++) {
    float x = 2.0f * (1.0f + i);
    int kind = i % 3 + 1;
    float area = kind == 1 ? 3.0f * x * x : kind == 2 ? x * x : 2.0f * x * x;
    float expected = area + 100.0f * kind;
    if (hOut[i] != expected || hKinds[i] != kind) {
      if (bad++ < 5) printf("placed %d: %f kind %d, expected %f kind %d\n", i, hOut[i], hKinds[i], expected, kind);
    }
  }
  int hDestroyed[4];
  cudaMemcpyFromSymbol(hDestroyed, destroyed, sizeof hDestroyed);
  if (hDestroyed[0] != N || hDestroyed[1] != N / 3 || hDestroyed[2] != N / 3 || hDestroyed[3] != 0) {
    printf("destructors: %d %d %d %d, expected %d %d %d 0\n", hDestroyed[0], hDestroyed[1], hDestroyed[2], hDestroyed[3], N, N / 3, N / 3);
    bad++;
  }

  localShapes<<<(N + 31) / 32, 32>>>(dOut, N);
  cudaMemcpy(hOut, dOut, sizeof hOut, cudaMemcpyDeviceToHost);
  for (int i = 0; i < N; i++) {
    float r = 0.5f * i, a = 0.25f * i;
    float scaled = i % 2 ? 3.0f * (3.0f * r) * (3.0f * r) : 2.0f * (3.0f * a) * (3.0f * a);
    float c = i % 2 ? 3.0f * (3.0f * r) * (3.0f * r) : 3.0f * r * r;
    float d = i % 2 ? 2.0f * a * a : 2.0f * (3.0f * a) * (3.0f * a);
    float expected = scaled + c - d;
    if (hOut[i] != expected) {
      if (bad++ < 10) printf("local %d: %f, expected %f\n", i, hOut[i], expected);
    }
  }

  sliced<<<1, 1>>>(dOut);
  cudaMemcpy(hOut, dOut, 3 * sizeof(float), cudaMemcpyDeviceToHost);
  if (hOut[0] != 9.0f || hOut[1] != 9.0f || hOut[2] != 2.0f) {
    printf("sliced: %f %f %f, expected 9 9 2\n", hOut[0], hOut[1], hOut[2]);
    bad++;
  }

  stack<<<1, B>>>(dStack, dData);
  cudaMemcpy(hStack, dStack, sizeof hStack, cudaMemcpyDeviceToHost);
  int seen[B / 2] = {0}, empty = 0;
  for (int i = 0; i < B; i++) {
    if (hStack[i] == -1) empty++;
    else if (hStack[i] >= 0 && hStack[i] < B / 2) seen[hStack[i]]++;
  }
  for (int i = 0; i < B / 2; i++)
    if (seen[i] != 1) bad++;
  if (empty != B / 2) {
    printf("stack: %d empty pops, expected %d\n", empty, B / 2);
    bad++;
  }
  cudaFree(dOut);
  cudaFree(dKinds);
  cudaFree(dStack);
  cudaFree(dData);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad ? 1 : 0;
}
