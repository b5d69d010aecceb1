using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// A program split as libraries are: templates defined in one .cu file and instantiated there explicitly (a host function
/// template choosing among kernel instantiations, a kernel template, a class template whose constructor and overloaded
/// members launch kernels), used from another file that sees only their declarations. Its kernels are in the device
/// image, on cpu and opencl; an instantiation the lifter cannot follow stops the build with TR0414.
/// </summary>
public class ExplicitInstantiationBuildTests
{
    private const string Header = """
        #pragma once
        // Templates defined in tally.cu and instantiated there explicitly; this file only declares them.
        template <class T> void scaleOnDevice(T *data, int n, int factor);
        template <class T> __global__ void fillWith(T *data, int n, T value);
        template <class T> class Tally {
        public:
            Tally(T *data, int n);
            void add(T value);
            void add(const T *other);
            T *data() const { return data_; }
        private:
            T *data_;
            int n_;
        };
        """;

    private const string Library = """
        #include "tally.h"

        template <class T, int Factor> __global__ void multiplyBy(T *data, int n) {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) data[i] *= Factor;
        }
        template <class T> __global__ void fillWith(T *data, int n, T value) {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) data[i] = value + i;
        }
        template <class T> __global__ void addScalar(T *data, int n, T value) {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) data[i] += value;
        }
        template <class T> __global__ void addArray(T *data, const T *other, int n) {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) data[i] += other[i];
        }

        // A host template that picks one of several kernel instantiations at run time.
        template <class T> void scaleOnDevice(T *data, int n, int factor) {
            int blocks = (n + 63) / 64;
            switch (factor) {
            case 2: multiplyBy<T, 2><<<blocks, 64>>>(data, n); break;
            case 3: multiplyBy<T, 3><<<blocks, 64>>>(data, n); break;
            default: multiplyBy<T, 1><<<blocks, 64>>>(data, n); break;
            }
        }

        template <class T> Tally<T>::Tally(T *data, int n) : data_(data), n_(n) {
            fillWith<T><<<(n + 63) / 64, 64>>>(data, n, T(10));
        }
        template <class T> void Tally<T>::add(T value) { addScalar<T><<<(n_ + 63) / 64, 64>>>(data_, n_, value); }
        template <class T> void Tally<T>::add(const T *other) { addArray<T><<<(n_ + 63) / 64, 64>>>(data_, other, n_); }

        template void scaleOnDevice<int>(int *data, int n, int factor);
        template void scaleOnDevice(float *, int, int);  // template arguments deduced
        template __global__ void fillWith<double>(double *, int, double);
        template class Tally<long long>;
        """;

    private const string Main = """
        #include <cstdio>
        #include <vector>
        #include <cuda_runtime.h>
        #include "tally.h"

        template <class T> std::vector<T> fetch(const T *d, int n) {
            std::vector<T> h(n);
            cudaMemcpy(h.data(), d, n * sizeof(T), cudaMemcpyDeviceToHost);
            return h;
        }

        int main() {
            const int n = 100;
            int *di; float *df; double *dd; long long *dl, *dk;
            cudaMalloc(&di, n * sizeof(int)); cudaMalloc(&df, n * sizeof(float));
            cudaMalloc(&dd, n * sizeof(double)); cudaMalloc(&dl, n * sizeof(long long)); cudaMalloc(&dk, n * sizeof(long long));
            std::vector<int> hi(n, 7); std::vector<float> hf(n, 1.5f);
            cudaMemcpy(di, hi.data(), n * sizeof(int), cudaMemcpyHostToDevice);
            cudaMemcpy(df, hf.data(), n * sizeof(float), cudaMemcpyHostToDevice);
            scaleOnDevice<int>(di, n, 3);
            scaleOnDevice(df, n, 2);
            fillWith<double><<<2, 64>>>(dd, n, 0.25);
            Tally<long long> other(dk, n);
            Tally<long long> tally(dl, n);
            tally.add(5LL);
            tally.add(other.data());
            cudaError_t e = cudaDeviceSynchronize();
            if (e != cudaSuccess) { printf("error %s\n", cudaGetErrorString(e)); return 1; }
            long long sumI = 0, sumL = 0; double sumF = 0, sumD = 0;
            for (int v : fetch(di, n)) sumI += v;
            for (float v : fetch(df, n)) sumF += v;
            for (double v : fetch(dd, n)) sumD += v;
            for (long long v : fetch(dl, n)) sumL += v;
            printf("int %lld float %.2f double %.2f tally %lld\n", sumI, sumF, sumD, sumL);
            return 0;
        }
        """;

    [RequiresFact(Need.BuildMode)]
    public void Kernels_reached_only_through_explicit_instantiations_run_on_cpu_and_opencl()
    {
        using var dir = new CliRunner();
        dir.Write("tally.h", Header);
        string exe = Path.Combine(dir.Directory, "tally");
        var build = CliRunner.Run("build", dir.Write("main.cu", Main), dir.Write("tally.cu", Library), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        foreach (var device in Requirements.BuildModeDeviceNames)
        {
            var run = Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device });
            Assert.True(run.ExitCode == 0, $"{device}: {run.Stderr}");
            Assert.Equal("int 2100 float 300.00 double 4975.00 tally 12400\n", run.Stdout);
        }
    }

    [RequiresFact(Need.BuildMode)]
    public void An_explicit_instantiation_that_cannot_be_followed_stops_the_build_with_TR0414()
    {
        using var dir = new CliRunner();
        string source = dir.Write("runner.cu", """
            #include <cstdio>
            template <class T> __global__ void bump(T *p) { p[threadIdx.x] += 1; }
            template <class T> struct Runner {
                using value = T;
                void go(value *p) { bump<T><<<1, 4>>>(p); }
                void go(value *p, int n) { bump<T><<<1, n>>>(p); }
            };
            template struct Runner<float>;
            int main() { printf("never run\n"); return 0; }
            """);
        var build = CliRunner.Run("build", source, "-o", Path.Combine(dir.Directory, "runner"));
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("runner.cu:8:1: error TR0414", build.Stderr);
    }
}
