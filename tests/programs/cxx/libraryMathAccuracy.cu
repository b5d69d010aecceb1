// exp, log, sin, cos, tan and pow in float and double, computed in a plain per-thread kernel (on cpu a thread
// loop LLVM vectorizes, calling glibc's vector math library where it may) and checked on the host against
// long double references: within CUDA's documented bounds (MathOps: exp 2 ulp, log 1, sin 2, cos 2, tan 4,
// pow 4), and exactly C99's values where the result is special or exact (powf(0.5, 1) must be 0.5, pow(2, 10)
// 1024, sin(-0) -0, log(0) -inf, pow(-8, 1/3) NaN).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

constexpr int Functions = 6;
const char *Names[Functions] = {"exp", "log", "sin", "cos", "tan", "pow"};
const double Bounds[Functions] = {2, 1, 2, 2, 4, 4};

template <typename T>
__global__ void library(const T *x, const T *y, T *e, T *l, T *s, T *c, T *t, T *p, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    e[i] = exp(x[i]);
    l[i] = log(x[i]);
    s[i] = sin(x[i]);
    c[i] = cos(x[i]);
    t[i] = tan(x[i]);
    p[i] = pow(x[i], y[i]);
  }
}

static long double reference(int f, long double x, long double y) {
  switch (f) {
    case 0: return expl(x);
    case 1: return logl(x);
    case 2: return sinl(x);
    case 3: return cosl(x);
    case 4: return tanl(x);
    default: return powl(x, y);
  }
}

// The distance from got to the exact value in units of the last place of T at the exact value.
template <typename T>
static double ulps(T got, long double exact) {
  T rounded = (T)exact;
  if (std::isnan(rounded) || std::isinf(rounded) || rounded == 0 || std::isnan(got) || std::isinf(got))
    return std::memcmp(&got, &rounded, sizeof(T)) == 0 || (std::isnan(got) && std::isnan(rounded)) ? 0 : 1e9;
  int exponent;
  std::frexp((double)rounded, &exponent);
  long double ulp = std::ldexp((long double)1, std::max(exponent, std::numeric_limits<T>::min_exponent) - std::numeric_limits<T>::digits);
  return (double)(fabsl((long double)got - exact) / ulp);
}

static uint64_t state = 0x9E3779B97F4A7C15ull;
static double uniform(double lo, double hi) {
  state ^= state << 13; state ^= state >> 7; state ^= state << 17;
  return lo + (hi - lo) * (double)(state >> 11) / 9007199254740992.0;
}

template <typename T>
static int check(const char *type) {
  std::vector<T> x, y;
  const T special[] = {0, -(T)0, 1, -1, 2, -2, (T)0.5, (T)-0.5, 3, -3, 8, -8, 10, (T)1e-3, (T)1e30, (T)-1e30,
                       INFINITY, -INFINITY, NAN, std::numeric_limits<T>::denorm_min(), std::numeric_limits<T>::min(),
                       std::numeric_limits<T>::max(), (T)(1.0 / 3), (T)2.5, (T)-2.5, 16777216, (T)0.1};
  for (T a : special)
    for (T b : special) { x.push_back(a); y.push_back(b); }
  for (int k = 0; k < 20000; k++) {  // arguments where the functions are interesting, exponents with integers among them
    double range = k % 4 == 0 ? 700 : k % 4 == 1 ? 30 : k % 4 == 2 ? 1e5 : 4;
    x.push_back((T)uniform(k % 2 ? 0 : -range, range));
    y.push_back(k % 3 == 0 ? (T)std::floor(uniform(-12, 12)) : (T)uniform(-20, 20));
  }
  int n = (int)x.size();
  size_t bytes = n * sizeof(T);
  T *dx, *dy, *out[Functions];
  cudaMalloc(&dx, bytes);
  cudaMalloc(&dy, bytes);
  for (auto &o : out) cudaMalloc(&o, bytes);
  cudaMemcpy(dx, x.data(), bytes, cudaMemcpyHostToDevice);
  cudaMemcpy(dy, y.data(), bytes, cudaMemcpyHostToDevice);
  library<T><<<(n + 255) / 256, 256>>>(dx, dy, out[0], out[1], out[2], out[3], out[4], out[5], n);
  if (cudaDeviceSynchronize() != cudaSuccess) { printf("%s: the kernel failed\n", type); return 1; }
  int failures = 0;
  std::vector<T> got(n);
  for (int f = 0; f < Functions; f++) {
    cudaMemcpy(got.data(), out[f], bytes, cudaMemcpyDeviceToHost);
    int bad = 0;
    for (int i = 0; i < n; i++) {
      double error = ulps(got[i], reference(f, x[i], y[i]));
      if (error > Bounds[f] && bad++ < 3)
        printf("%s %s(%.9g, %.9g) = %.17g: %.3g ulp from %.17Lg\n", type, Names[f], (double)x[i], (double)y[i],
               (double)got[i], error, reference(f, x[i], y[i]));
    }
    printf("%s %s: %s\n", type, Names[f], bad ? "outside CUDA's bound" : "within CUDA's bound");
    failures += bad;
  }
  cudaFree(dx);
  cudaFree(dy);
  for (auto o : out) cudaFree(o);
  return failures;
}

int main() {
  int failures = check<float>("float") + check<double>("double");
  printf(failures ? "FAILED\n" : "PASSED\n");
  return failures ? 1 : 0;
}
