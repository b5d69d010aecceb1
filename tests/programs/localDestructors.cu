// Destructors of local objects: C++ runs them when control leaves the object's block — at its end, and on a return,
// break or continue that leaves it — last constructed first. They did not run at all (no diagnostic), and
// temporaries that need destroying are refused (TR0404) rather than left undestroyed. Each thread logs the constructions (+id) and destructions (-id) of its objects; the log is
// compared with the order C++ gives (clang++ on the host prints the same sequence).
#include <cstdio>

struct Log {
  int *buf;
  int *n;
};
__device__ void put(Log l, int v) { l.buf[(*l.n)++] = v; }

struct Guard {
  Log l;
  int id;
  __device__ Guard(Log l_, int i) : l(l_), id(i) { put(l, i); }
  __device__ ~Guard() { put(l, -id); }
};

template <class T> struct Counted {
  Log l;
  T id;
  __device__ Counted(Log l_, T i) : l(l_), id(i) {}
  __device__ ~Counted() { put(l, 100 + id); }
};

// A class whose destructor is empty (complex-number and vector classes often write one) runs no code when destroyed,
// so its temporaries are translated.
struct Complex {
  float re, im;
  __device__ Complex(float r, float i) : re(r), im(i) {}
  __device__ ~Complex() {}
};
__device__ Complex operator*(Complex a, Complex b) { return Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re); }

__device__ int scopes(Log l, int k) {
  Guard a(l, 1);
  for (int i = 0; i < 4; i++) {
    Guard b(l, 10 + i);
    if (i == 1) continue;
    if (i == 2) break;
    put(l, 50);
  }
  {
    Guard pair[2] = {Guard(l, 20), Guard(l, 21)};
  }
  int j = 0;
  while (true) {
    Counted<int> c(l, j);
    if (++j == 2) break;
  }
  switch (k) {
    case 0: {
      Guard c(l, 30);
      put(l, 31);
      break;
    }
    default: break;
  }
  if (k == 0) {
    Guard d(l, 40);
    return d.id + 1; // the result is read before d and a are destroyed
  }
  return 7;
}

__device__ Guard make(Log l) {
  Guard g(l, 60);
  return g; // the result is g itself (clang elides the copy): not destroyed here
}

__global__ void run(int *logs, int *lengths, int stride) {
  int t = threadIdx.x;
  Log l{logs + t * stride, lengths + t};
  *l.n = 0;
  put(l, scopes(l, t % 2));
  {
    Guard m = make(l);
    put(l, 61);
  }
  put(l, (int)(Complex(0, 1) * Complex(0, 1)).re);
}

int main() {
  const int threads = 4, stride = 64;
  // Thread t: k = t % 2 (k == 0 takes the switch's case and the early return).
  const int even[] = {1, 10, 50, -10, 11, -11, 12, -12, 20, 21, -21, -20, 100, 101, 30, 31, -30, 40, -40, -1, 41, 60, 61, -60, -1};
  const int odd[] = {1, 10, 50, -10, 11, -11, 12, -12, 20, 21, -21, -20, 100, 101, -1, 7, 60, 61, -60, -1};
  int *logs, *lengths;
  cudaMallocManaged(&logs, threads * stride * sizeof(int));
  cudaMallocManaged(&lengths, threads * sizeof(int));
  run<<<1, threads>>>(logs, lengths, stride);
  cudaDeviceSynchronize();
  int bad = 0;
  for (int t = 0; t < threads; t++) {
    const int *want = t % 2 ? odd : even;
    int n = t % 2 ? sizeof odd / sizeof *odd : sizeof even / sizeof *even;
    bool ok = lengths[t] == n;
    for (int i = 0; ok && i < n; i++) ok = logs[t * stride + i] == want[i];
    if (!ok) {
      bad++;
      printf("thread %d:", t);
      for (int i = 0; i < lengths[t] && i < stride; i++) printf(" %d", logs[t * stride + i]);
      printf("\n");
    }
  }
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad ? 1 : 0;
}
