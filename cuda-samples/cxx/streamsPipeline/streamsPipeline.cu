// A chunked pipeline over several streams: a class owning streams and buffers through std::unique_ptr
// with custom deleters, cudaMemcpyAsync and events, std::algorithm and lambdas on the host.
#include <cuda_runtime.h>
#include <algorithm>
#include <iostream>
#include <memory>
#include <numeric>
#include <vector>

__global__ void scaleAndOffset(const float *in, float *out, int n, float scale, float offset)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = in[i] * scale + offset;
}

struct StreamDeleter {
    void operator()(CUstream_st *s) const { cudaStreamDestroy(s); }
};
struct DeviceDeleter {
    void operator()(float *p) const { cudaFree(p); }
};
using StreamPtr = std::unique_ptr<CUstream_st, StreamDeleter>;
using DevicePtr = std::unique_ptr<float, DeviceDeleter>;

class Pipeline {
public:
    Pipeline(int streams, int chunk) : chunk_(chunk) {
        for (int s = 0; s < streams; ++s) {
            cudaStream_t raw;
            cudaStreamCreate(&raw);
            streams_.emplace_back(raw);
            float *in, *out;
            cudaMalloc(&in, chunk * sizeof(float));
            cudaMalloc(&out, chunk * sizeof(float));
            inputs_.emplace_back(in);
            outputs_.emplace_back(out);
        }
    }

    void run(const std::vector<float> &in, std::vector<float> &out, float scale, float offset) {
        int chunks = int((in.size() + chunk_ - 1) / chunk_);
        for (int c = 0; c < chunks; ++c) {
            size_t s = size_t(c) % streams_.size();
            int begin = c * chunk_;
            int count = std::min<int>(chunk_, int(in.size()) - begin);
            cudaStream_t stream = streams_[s].get();
            cudaMemcpyAsync(inputs_[s].get(), in.data() + begin, count * sizeof(float), cudaMemcpyHostToDevice, stream);
            scaleAndOffset<<<(count + 255) / 256, 256, 0, stream>>>(inputs_[s].get(), outputs_[s].get(), count, scale, offset);
            cudaMemcpyAsync(out.data() + begin, outputs_[s].get(), count * sizeof(float), cudaMemcpyDeviceToHost, stream);
        }
        for (auto &s : streams_) cudaStreamSynchronize(s.get());
    }

private:
    int chunk_;
    std::vector<StreamPtr> streams_;
    std::vector<DevicePtr> inputs_, outputs_;
};

int main()
{
    std::vector<float> in(100000), out(in.size());
    std::iota(in.begin(), in.end(), 0.0f);
    cudaEvent_t start, stop;
    cudaEventCreate(&start);
    cudaEventCreate(&stop);
    {
        Pipeline pipeline(3, 8192);
        cudaEventRecord(start);
        pipeline.run(in, out, 0.5f, 3.0f);
        cudaEventRecord(stop);
        cudaEventSynchronize(stop);
    }
    float ms = -1;
    bool timed = cudaEventElapsedTime(&ms, start, stop) == cudaSuccess && ms >= 0;
    bool ok = timed && std::equal(in.begin(), in.end(), out.begin(), [](float x, float y) { return y == x * 0.5f + 3.0f; });
    std::cout << in.size() << " elements through 3 streams in chunks of 8192\n";
    std::cout << (ok ? "Test PASSED" : "Test FAILED") << std::endl;
    return ok ? 0 : 1;
}
