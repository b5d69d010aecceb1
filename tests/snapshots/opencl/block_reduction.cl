// OpenCL C 1.2 emitted by Translate from block_reduction.lisp
#pragma OPENCL FP_CONTRACT OFF

__kernel void reduceSum(__global float* input, __global float* output, int n) {
    __local float partial[256];
    int tid = (int)get_local_id(0);
    int i = (int)((uint)get_group_id(0) * ((uint)get_local_size(0) * 2u) + (uint)tid);
    float sum = 0.0f;
    if (i < n) {
        sum = input[i];
    }
    if ((int)((uint)i + (uint)get_local_size(0)) < n) {
        sum += input[(int)((uint)i + (uint)get_local_size(0))];
    }
    partial[tid] = sum;
    barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);
    int s;
    for (s = (int)((uint)get_local_size(0) / 2u); s > 0; s >>= 1) {
        if (tid < s) {
            partial[tid] = partial[tid] + partial[(int)((uint)tid + (uint)s)];
        }
        barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);
    }
    if (tid == 0) {
        output[(int)get_group_id(0)] = partial[0];
    }
}
