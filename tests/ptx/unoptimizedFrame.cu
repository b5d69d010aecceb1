// Device code of tests/ptx/unoptimizedFrame.ptx, compiled by clang-19 at -O0 (no CUDA headers), so every local lives in the
// .local frame:
//   clang-19 -x cuda --cuda-device-only --cuda-gpu-arch=sm_70 -nocudainc -nocudalib -Xclang -target-feature -Xclang +ptx70 \
//     -O0 -S -o unoptimizedFrame.ptx unoptimizedFrame.cu
#define __global__ __attribute__((global))
#define __device__ __attribute__((device))

__device__ void addInto(float *sum, float value) { *sum += value; }

// Each warp's sum of in[], by shuffles in a loop whose counter the -O0 code keeps in the frame.
extern "C" __global__ void warpSums(float *out, const float *in)
{
  int t = __nvvm_read_ptx_sreg_tid_x();
  float v = in[t];
  for (int offset = 16; offset > 0; offset /= 2)
    v += __nvvm_shfl_sync_down_f32(0xffffffffu, v, offset, 31);
  if (t % 32 == 0) out[t / 32] = v;
}

// The same sum without shuffles, through a function that receives a frame address: the frame stays memory.
extern "C" __global__ void rowSums(float *out, const float *in, int n)
{
  int t = __nvvm_read_ptx_sreg_tid_x();
  float sum = 0;
  for (int i = 0; i < n; i++) addInto(&sum, in[t * n + i]);
  out[t] = sum;
}
