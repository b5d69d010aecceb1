// OpenCL C 1.2 emitted by Translate from warp_reduction.lisp
#pragma OPENCL FP_CONTRACT OFF

// The work-item's position in its group, x fastest: CUDA's linear thread index.
int tr_linear_local_id(void) {
    return (int)(get_local_id(0) + get_local_size(0) * (get_local_id(1) + get_local_size(1) * get_local_id(2)));
}

int tr_local_size(void) {
    return (int)(get_local_size(0) * get_local_size(1) * get_local_size(2));
}

#define TR_SHFL_IDX 0
#define TR_SHFL_UP 1
#define TR_SHFL_DOWN 2
#define TR_SHFL_XOR 3

// The lane a CUDA shuffle reads, by PTX's shfl rule with the c operand __shfl_*_sync builds from
// the width: a lane outside its width-sized segment (or past it, for xor) reads its own value.
int tr_shfl_source(int mode, int lane, int b, int width) {
    int segmask = (32 - width) & 31;
    int maxLane = (lane & segmask) | ((mode == TR_SHFL_UP ? 0 : 31) & ~segmask);
    int minLane = lane & segmask;
    int bval = b & 31;
    int j;
    bool valid;
    switch (mode) {
    case TR_SHFL_UP:   j = lane - bval; valid = j >= maxLane; break;
    case TR_SHFL_DOWN: j = lane + bval; valid = j <= maxLane; break;
    case TR_SHFL_XOR:  j = lane ^ bval; valid = j <= maxLane; break;
    default:           j = minLane | (bval & ~segmask); valid = j <= maxLane; break;
    }
    return valid ? j : lane;
}

// Publishes this lane's value and reads lane srcLane's of the same warp. Every work-item of the
// group must call it: the barriers are work-group barriers.
ulong tr_warp_exchange(__local ulong* scratch, ulong value, int srcLane) {
    int id = tr_linear_local_id();
    int src = (id & ~31) + srcLane;
    barrier(CLK_LOCAL_MEM_FENCE);  // earlier readers of the scratch are done
    scratch[id] = value;
    barrier(CLK_LOCAL_MEM_FENCE);
    return src < tr_local_size() ? scratch[src] : value;
}

float tr_shfl_float(__local ulong* scratch, float value, int mode, int b, int width, int mask, __global int* trapStatus, int warning) {
    int src = tr_shfl_source(mode, tr_linear_local_id() & 31, b, width);
    // mask 0: a work-item outside an if-converted branch, which takes no part. A source lane that takes no
    // part gives 0, as on NVIDIA GPUs, and the warning goes to the status' second word.
    bool absent = mask != 0 && ((((uint)mask >> src) & 1u) == 0 || (tr_linear_local_id() & ~31) + src >= tr_local_size());
    if (absent) atomic_cmpxchg(trapStatus + 1, 0, warning);
    ulong r = tr_warp_exchange(scratch, (ulong)as_uint(value), src);
    if (absent) r = 0;
    return as_float((uint)r);
}

int tr_lane_id(void) {
    return tr_linear_local_id() & 31;
}

// Atomic add on float by compare-and-swap on its bits (OpenCL 1.2 has no float atomics).
float tr_atomic_fadd_float_global(volatile __global float* p, float value) {
    volatile __global int* bitsp = (volatile __global int*)p;
    int old = *bitsp, seen;
    for (;;) {
        float x = as_float(old);
        seen = atomic_cmpxchg(bitsp, old, as_int(x + value));
        if (seen == old) return x;
        old = seen;
    }
}

float warpReduceSum(float v, __global int* trapStatus, __local ulong* warpScratch) {
    int offset;
    for (offset = 16; offset > 0; offset = (int)((uint)offset / 2u)) {
        v += tr_shfl_float(warpScratch, v, TR_SHFL_DOWN, offset, 32, (int)0xffffffffu, trapStatus, 1);
    }
    return v;
}

__kernel void sumAll(__global float* x, __global float* result, int n, __global int* trapStatus, __local ulong* warpScratch) {
    int i = (int)((uint)get_group_id(0) * (uint)get_local_size(0) + (uint)get_local_id(0));
    float v = i < n ? x[i] : 0.0f;
    v = warpReduceSum(v, trapStatus, warpScratch);
    if (tr_lane_id() == 0) {
        tr_atomic_fadd_float_global(result, v);
    }
}
