// Load: host threads launching many small kernels on their own streams, with asynchronous copies,
// events, cross-stream waits and pinned host memory in between. Each stream owns a counter array its
// kernels add to; each thread checks its arrays against the closed form at every checkpoint and at the
// end. It runs twice over (threads, streams and buffers made anew), and the process's resident memory
// must stay bounded.
//   launchLoad [LAUNCHES] [THREADS] [STREAMS_PER_THREAD]     defaults 100000 4 2
// Prints the launches per second (for benchmarks/run.sh) and PASSED or FAILED.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#define WIDTH 64
#define CHECKPOINT 1000

__global__ void bump(int *counters, int step) {
  int t = threadIdx.x;
  counters[t] += step + t % 3;
}

// Doubles the other stream's array into this one's scratch: ordered after that stream by an event.
__global__ void mirror(const int *from, int *to) {
  int t = threadIdx.x;
  to[t] = 2 * from[t];
}

static long residentKiB() {
  FILE *f = fopen("/proc/self/statm", "r");
  if (!f) return 0;
  long pages = 0, resident = 0;
  if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
  fclose(f);
  return resident * 4;
}

struct Lane {
  cudaStream_t stream;
  cudaEvent_t done;
  int *counters, *scratch, *host;
  long launches = 0;  // bump launches so far
  long stepSum = 0;   // sum of their steps
};

static std::atomic<int> failures{0};

static bool expect(const char *what, int thread, int lane, const int *got, long launches, long stepSum, int factor) {
  for (int t = 0; t < WIDTH; t++) {
    long want = factor * (stepSum + launches * (t % 3));
    if (got[t] != (int)want) {
      printf("thread %d lane %d %s[%d] = %d, expected %ld\n", thread, lane, what, t, got[t], want);
      failures++;
      return false;
    }
  }
  return true;
}

static void worker(int id, long launches, int lanes) {
  std::vector<Lane> ls(lanes);
  for (auto &l : ls) {
    cudaStreamCreateWithFlags(&l.stream, cudaStreamNonBlocking);
    cudaEventCreateWithFlags(&l.done, cudaEventDisableTiming);
    cudaMalloc(&l.counters, WIDTH * sizeof(int));
    cudaMalloc(&l.scratch, WIDTH * sizeof(int));
    cudaMallocHost(&l.host, 2 * WIDTH * sizeof(int));
    cudaMemsetAsync(l.counters, 0, WIDTH * sizeof(int), l.stream);
  }
  for (long i = 0; i < launches && failures == 0; i++) {
    Lane &l = ls[i % lanes];
    int step = (int)((i * 7 + id) % 11);
    bump<<<1, WIDTH, 0, l.stream>>>(l.counters, step);
    l.launches++;
    l.stepSum += step;
    if (l.launches % CHECKPOINT == 0) {
      // This lane's scratch gets twice the next lane's counters once the next lane is done.
      Lane &other = ls[(i + 1) % lanes];
      cudaEventRecord(other.done, other.stream);
      cudaStreamWaitEvent(l.stream, other.done, 0);
      mirror<<<1, WIDTH, 0, l.stream>>>(other.counters, l.scratch);
      cudaMemcpyAsync(l.host, l.counters, WIDTH * sizeof(int), cudaMemcpyDeviceToHost, l.stream);
      cudaMemcpyAsync(l.host + WIDTH, l.scratch, WIDTH * sizeof(int), cudaMemcpyDeviceToHost, l.stream);
      cudaStreamSynchronize(l.stream);
      expect("counters", id, (int)(i % lanes), l.host, l.launches, l.stepSum, 1);
      expect("mirror", id, (int)(i % lanes), l.host + WIDTH, other.launches, other.stepSum, 2);
    }
  }
  for (int k = 0; k < lanes; k++) {
    Lane &l = ls[k];
    cudaMemcpyAsync(l.host, l.counters, WIDTH * sizeof(int), cudaMemcpyDeviceToHost, l.stream);
    cudaStreamSynchronize(l.stream);
    expect("final", id, k, l.host, l.launches, l.stepSum, 1);
    cudaFree(l.counters);
    cudaFree(l.scratch);
    cudaFreeHost(l.host);
    cudaEventDestroy(l.done);
    cudaStreamDestroy(l.stream);
  }
}

int main(int argc, char **argv) {
  long total = argc > 1 ? atol(argv[1]) : 100000;
  int threads = argc > 2 ? atoi(argv[2]) : 4;
  int lanes = argc > 3 ? atoi(argv[3]) : 2;
  // Warm up (the first launch compiles the kernels), then measure memory from there.
  int *warm;
  cudaMalloc(&warm, WIDTH * sizeof(int));
  bump<<<1, WIDTH>>>(warm, 0);
  mirror<<<1, WIDTH>>>(warm, warm);
  cudaDeviceSynchronize();
  cudaFree(warm);
  // Two rounds of half the launches each, to show where resident memory settles.
  long start = residentKiB(), afterFirst = 0;
  double seconds = 0;
  long launched = 0;
  for (int round = 0; round < 2; round++) {
    long perThread = total / 2 / threads;
    auto began = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int id = 0; id < threads; id++) pool.emplace_back(worker, id, perThread, lanes);
    for (auto &t : pool) t.join();
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    launched += perThread * threads;
    if (round == 0) afterFirst = residentKiB();
  }
  cudaError_t e = cudaDeviceSynchronize();
  long grew = residentKiB() - start;
  printf("%ld launches from %d threads on %d streams: %.0f launches/s; resident memory grew %ld KiB in the first "
         "round, %ld KiB in all\n", launched, threads, threads * lanes, launched / seconds, afterFirst - start, grew);
  if (e != cudaSuccess) printf("error %s\n", cudaGetErrorName(e));
  // Each launch's bookkeeping must be released. The runtime's managed heap grows to its collector's budget
  // first (about 83 MiB on the 2-core test machine, from 20,000 to 3.2 million launches alike), then stays;
  // a leak of 1 KiB a launch would pass 192 MiB by 100,000 launches.
  bool ok = failures == 0 && e == cudaSuccess && grew < 192 * 1024;
  printf("%s\n", ok ? "PASSED" : "FAILED");
  return ok ? 0 : 1;
}
