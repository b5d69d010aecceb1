namespace Translate.Backends.OpenCl.Prelude;

/// <summary>
/// The OpenCL C helpers emitted code may call, written once here and included only when used.
/// Warp collectives follow CUDA's 32-lane warps made of consecutive linear work-item ids (x fastest):
/// lanes exchange values through a <c>__local</c> scratch of one 8-byte slot per work-item, between
/// two work-group barriers, so every work-item of the group must reach them (checked: TR0503).
/// </summary>
internal static class PreludeLibrary
{
    public static IEnumerable<string> Dependencies(string name)
    {
        if (name.StartsWith("tr_shfl_", StringComparison.Ordinal) && name != "tr_shfl_source") return ["tr_linear_local_id", "tr_local_size", "tr_shfl_source", "tr_warp_exchange"];
        if (name.StartsWith("tr_atomic_", StringComparison.Ordinal)) return [];
        return name switch
        {
            "tr_lane_id" or "tr_local_size" => ["tr_linear_local_id"],
            "tr_linear_local_id" => [],
            "tr_warp_lanes" => ["tr_linear_local_id", "tr_local_size"],
            "tr_warp_exchange" => ["tr_linear_local_id", "tr_local_size"],
            "tr_shfl_source" => [],
            "tr_ballot" => ["tr_linear_local_id", "tr_local_size"],
            "tr_vote_any" => ["tr_ballot"],
            "tr_vote_all" or "tr_vote_uni" => ["tr_ballot", "tr_warp_lanes"],
            "tr_syncthreads_count" => ["tr_linear_local_id", "tr_local_size"],
            "tr_brev64" => ["tr_brev32"],
            _ => [],
        };
    }

    public static string Text(string name)
    {
        if (name.StartsWith("tr_shfl_", StringComparison.Ordinal) && name != "tr_shfl_source") return Shuffle(name["tr_shfl_".Length..]);
        if (name.StartsWith("tr_atomic_", StringComparison.Ordinal)) return AtomicHelper(name);
        if (NanKeepingRounding(name) is { } rounding) return rounding;
        return name switch
        {
            "tr_linear_local_id" => """
                // The work-item's position in its group, x fastest: CUDA's linear thread index.
                int tr_linear_local_id(void) {
                    return (int)(get_local_id(0) + get_local_size(0) * (get_local_id(1) + get_local_size(1) * get_local_id(2)));
                }
                """,
            "tr_local_size" => """
                int tr_local_size(void) {
                    return (int)(get_local_size(0) * get_local_size(1) * get_local_size(2));
                }
                """,
            "tr_lane_id" => """
                int tr_lane_id(void) {
                    return tr_linear_local_id() & 31;
                }
                """,
            "tr_warp_lanes" => """
                // The lanes that exist in this work-item's warp (the last warp of a group may be partial).
                int tr_warp_lanes(void) {
                    int n = min(32, tr_local_size() - (tr_linear_local_id() & ~31));
                    return n == 32 ? -1 : (int)((1u << n) - 1u);
                }
                """,
            "tr_shfl_source" => """
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
                """,
            "tr_warp_exchange" => """
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
                """,
            "tr_ballot" => """
                // __ballot_sync: bit i is set when lane i is in the mask and its predicate holds.
                int tr_ballot(__local ulong* scratch, int mask, bool predicate) {
                    int id = tr_linear_local_id();
                    int base = id & ~31;
                    int size = tr_local_size();
                    barrier(CLK_LOCAL_MEM_FENCE);
                    scratch[id] = predicate ? 1 : 0;
                    barrier(CLK_LOCAL_MEM_FENCE);
                    uint bits = 0;
                    for (int i = 0; i < 32 && base + i < size; i++)
                        if (scratch[base + i] != 0) bits |= 1u << i;
                    return (int)(bits & (uint)mask);
                }
                """,
            "tr_vote_any" => """
                bool tr_vote_any(__local ulong* scratch, int mask, bool predicate) {
                    return tr_ballot(scratch, mask, predicate) != 0;
                }
                """,
            "tr_vote_all" => """
                bool tr_vote_all(__local ulong* scratch, int mask, bool predicate) {
                    return tr_ballot(scratch, mask, predicate) == (mask & tr_warp_lanes());
                }
                """,
            "tr_vote_uni" => """
                bool tr_vote_uni(__local ulong* scratch, int mask, bool predicate) {
                    int ballot = tr_ballot(scratch, mask, predicate);
                    return ballot == 0 || ballot == (mask & tr_warp_lanes());
                }
                """,
            "tr_syncthreads_count" => """
                // __syncthreads_count: a block barrier that also counts the work-items whose predicate holds.
                // The first work-item sums the slots and hands the sum back through its own (every work-item summing
                // every slot is quadratic in the block, and loops run in step ask each iteration).
                int tr_syncthreads_count(__local ulong* scratch, bool predicate) {
                    int id = tr_linear_local_id();
                    barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);
                    scratch[id] = predicate ? 1 : 0;
                    barrier(CLK_LOCAL_MEM_FENCE);
                    if (id == 0) {
                        int size = tr_local_size();
                        ulong n = 0;
                        for (int i = 0; i < size; i++) n += scratch[i];
                        scratch[0] = n;
                    }
                    barrier(CLK_LOCAL_MEM_FENCE);
                    int n = (int)scratch[0];
                    barrier(CLK_LOCAL_MEM_FENCE);
                    return n;
                }
                """,
            "tr_clock" => """
                // clock64(): where the kernel compiler targets x86-64 (PoCL on a CPU) the time-stamp counter, cycles as
                // the cpu device counts them (clockRate is the CPU's); elsewhere OpenCL C reads no clock, so the next
                // number of a counter the launch shares (each reading one unit).
                long tr_clock(volatile __global ulong *counter) {
                #if defined(__x86_64__) && defined(__has_builtin)
                #if __has_builtin(__builtin_readcyclecounter)
                    return (long)__builtin_readcyclecounter();
                #endif
                #endif
                    return (long)atom_inc(counter);
                }
                """,
            "tr_brev32" => """
                int tr_brev32(int x) {
                    uint v = (uint)x;
                    v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
                    v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
                    v = ((v >> 4) & 0x0f0f0f0fu) | ((v & 0x0f0f0f0fu) << 4);
                    v = ((v >> 8) & 0x00ff00ffu) | ((v & 0x00ff00ffu) << 8);
                    return (int)((v >> 16) | (v << 16));
                }
                """,
            "tr_brev64" => """
                long tr_brev64(long x) {
                    ulong v = (ulong)x;
                    uint lo = (uint)tr_brev32((int)(v >> 32)), hi = (uint)tr_brev32((int)v);
                    return (long)(((ulong)hi << 32) | lo);
                }
                """,
            "tr_ffs32" => """
                // __ffs: 1-based position of the lowest set bit, 0 for 0.
                int tr_ffs32(int x) {
                    uint v = (uint)x;
                    return v == 0 ? 0 : 32 - (int)clz(v & (0u - v));
                }
                """,
            "tr_ffs64" => """
                int tr_ffs64(long x) {
                    ulong v = (ulong)x;
                    return v == 0 ? 0 : 64 - (int)clz(v & (0ul - v));
                }
                """,
            "tr_div32" => """
                // Signed division as the IR defines it where OpenCL C leaves it undefined: INT_MIN / -1 is INT_MIN.
                int tr_div32(int a, int b) { return b == -1 ? (int)(0u - (uint)a) : a / b; }
                """,
            "tr_rem32" => """
                int tr_rem32(int a, int b) { return b == -1 ? 0 : a % b; }
                """,
            "tr_div64" => """
                long tr_div64(long a, long b) { return b == -1 ? (long)(0ul - (ulong)a) : a / b; }
                """,
            "tr_rem64" => """
                long tr_rem64(long a, long b) { return b == -1 ? 0 : a % b; }
                """,
            "tr_abs32" => """
                // abs in unsigned arithmetic: abs(INT_MIN) is INT_MIN, as in CUDA. OpenCL's abs leaves the minimum
                // to the implementation: PoCL gave 0 for LONG_MIN and, sign-extended, +2^31 for INT_MIN.
                int tr_abs32(int x) {
                    uint v = (uint)x;
                    return (int)(x < 0 ? 0u - v : v);
                }
                """,
            "tr_fmaxf" => """
                // fmax with -0 below +0 (the IR's rule; OpenCL leaves the zero to the implementation).
                float tr_fmaxf(float x, float y) { return x == y ? as_float(as_uint(x) & as_uint(y)) : fmax(x, y); }
                """,
            "tr_fminf" => """
                float tr_fminf(float x, float y) { return x == y ? as_float(as_uint(x) | as_uint(y)) : fmin(x, y); }
                """,
            "tr_fmax" => """
                double tr_fmax(double x, double y) { return x == y ? as_double(as_ulong(x) & as_ulong(y)) : fmax(x, y); }
                """,
            "tr_fmin" => """
                double tr_fmin(double x, double y) { return x == y ? as_double(as_ulong(x) | as_ulong(y)) : fmin(x, y); }
                """,
            // PoCL 3.1 miscompiles rint of a non-finite value it can fold (rint(-INFINITY), rint(NAN), or one
            // propagated into it): wrong results elsewhere in the kernel (fuzz seed 12210) or a crash (seed 9049).
            // rint leaves infinities and NaNs as they are, so they skip it.
            // Round to nearest even without PoCL's rint, which PoCL 3.1 miscompiles where it can fold the value (fuzz
            // seeds 12210, 9049; 51002 hung in the work-group function): from 2^23 (2^52) up every value is whole, below
            // it adding and taking away 2^23 rounds as the current mode does; copysign keeps -0.
            "tr_rintf" => """
                float tr_rintf(float x) {
                    float a = fabs(x);
                    if (!(a < 8388608.0f)) return x;
                    return copysign((a + 8388608.0f) - 8388608.0f, x);
                }
                """,
            "tr_rint" => """
                double tr_rint(double x) {
                    double a = fabs(x);
                    if (!(a < 4503599627370496.0)) return x;
                    return copysign((a + 4503599627370496.0) - 4503599627370496.0, x);
                }
                """,
            "tr_abs64" => """
                long tr_abs64(long x) {
                    ulong v = (ulong)x;
                    return (long)(x < 0 ? 0ul - v : v);
                }
                """,
            "tr_mul24" => """
                // __mul24: the low 32 bits of the product of the sign-extended low 24 bits.
                int tr_mul24(int a, int b) {
                    return (int)((uint)((a << 8) >> 8) * (uint)((b << 8) >> 8));
                }
                """,
            "tr_umul24" => """
                int tr_umul24(int a, int b) {
                    return (int)(((uint)a & 0xffffffu) * ((uint)b & 0xffffffu));
                }
                """,
            "tr_byte_perm" => """
                // __byte_perm: byte i of the result is byte (s >> 4i) & 7 of the 8-byte value y:x.
                int tr_byte_perm(int x, int y, int s) {
                    ulong v = ((ulong)(uint)y << 32) | (uint)x;
                    uint r = 0;
                    for (int i = 0; i < 4; i++)
                        r |= (uint)((v >> (8 * ((s >> (4 * i)) & 7))) & 0xff) << (8 * i);
                    return (int)r;
                }
                """,
            _ => throw new KeyNotFoundException(name),
        };
    }

    /// <summary><c>tr_shfl_T</c>: a shuffle of one value of C type T through <c>tr_warp_exchange</c>.</summary>
    private static string Shuffle(string type)
    {
        var (pack, unpack) = type switch
        {
            "float" => ("(ulong)as_uint(value)", "as_float((uint)r)"),
            "double" => ("as_ulong(value)", "as_double(r)"),
            "long" => ("(ulong)value", "(long)r"),
            "half" => ("(ulong)as_ushort(value)", "as_half((ushort)r)"),
            _ => ("(ulong)value", $"({type})r"),
        };
        return $$"""
            {{type}} tr_shfl_{{type}}(__local ulong* scratch, {{type}} value, int mode, int b, int width, int mask, __global int* trapStatus, int warning) {
                int src = tr_shfl_source(mode, tr_linear_local_id() & 31, b, width);
                // mask 0: a work-item outside an if-converted branch, which takes no part. A source lane that takes no
                // part gives 0, as on NVIDIA GPUs, and the warning goes to the status' second word.
                bool absent = mask != 0 && ((((uint)mask >> src) & 1u) == 0 || (tr_linear_local_id() & ~31) + src >= tr_local_size());
                if (absent) atomic_cmpxchg(trapStatus + 1, 0, warning);
                ulong r = tr_warp_exchange(scratch, {{pack}}, src);
                if (absent) r = 0;
                return {{unpack}};
            }
            """;
    }

    /// <summary>
    /// <c>tr_floorf</c> … <c>tr_round</c>: PoCL 3.1's floor, ceil, trunc and round give 0 for a NaN its compiler can fold
    /// (fuzz seed 56507); NaN skips them. Null for other names.
    /// </summary>
    private static string? NanKeepingRounding(string name)
    {
        if (!name.StartsWith("tr_", StringComparison.Ordinal)) return null;
        bool single = name.EndsWith('f');
        string op = name["tr_".Length..(single ? ^1 : ^0)];
        if (op is not ("floor" or "ceil" or "trunc" or "round")) return null;
        string type = single ? "float" : "double";
        return $"{type} {name}({type} x) {{ return x != x ? x : {op}(x); }}";
    }

    /// <summary><c>tr_atomic_OP_T_SPACE</c>: read-modify-writes OpenCL lacks, as compare-and-swap loops.</summary>
    private static string AtomicHelper(string name)
    {
        var parts = name.Split('_'); // tr, atomic, op, type, space
        string op = parts[2], type = parts[3], q = "__" + parts[4];
        bool wide = type is "long" or "double";
        string bits = wide ? "long" : "int";
        string cas = wide ? "atom_cmpxchg" : "atomic_cmpxchg";
        if (op is "inc" or "dec")
        {
            string u = wide ? "ulong" : "uint";
            string next = op == "inc" ? $"(({u})old >= ({u})limit) ? 0 : old + 1" : $"(old == 0 || ({u})old > ({u})limit) ? limit : old - 1";
            return $$"""
                // CUDA's atomic{{(op == "inc" ? "Inc" : "Dec")}}: wraps at limit, unlike OpenCL's atomic_{{op}}.
                {{type}} {{name}}(volatile {{q}} {{type}}* p, {{type}} limit) {
                    {{type}} old = *p, seen;
                    while ((seen = {{cas}}(p, old, {{next}})) != old) old = seen;
                    return old;
                }
                """;
        }
        if (op == "cas16")
            return $$"""
                // A 16-bit compare-and-swap (OpenCL's are 32- and 64-bit): a 32-bit one on the aligned word holding the
                // value (little-endian), retried while only the other half of the word changes under it.
                {{type}} {{name}}(volatile {{q}} {{type}}* p, {{type}} expected, {{type}} desired) {
                    size_t offset = (size_t)p & 2;
                    volatile {{q}} uint* word = (volatile {{q}} uint*)((volatile {{q}} uchar*)p - offset);
                    uint shift = offset ? 16u : 0u;
                    uint old = *word;
                    for (;;) {
                        {{type}} current = ({{type}})(old >> shift);
                        if (current != expected) return current;
                        uint seen = atomic_cmpxchg(word, old, (old & ~(0xffffu << shift)) | ((uint)(ushort)desired << shift));
                        if (seen == old) return expected;
                        old = seen;
                    }
                }
                """;
        string combine = op switch { "fadd" => "x + value", "fmin" => "fmin(x, value)", _ => "fmax(x, value)" };
        return $$"""
            // Atomic {{op[1..]}} on {{type}} by compare-and-swap on its bits (OpenCL 1.2 has no float atomics).
            {{type}} {{name}}(volatile {{q}} {{type}}* p, {{type}} value) {
                volatile {{q}} {{bits}}* bitsp = (volatile {{q}} {{bits}}*)p;
                {{bits}} old = *bitsp, seen;
                for (;;) {
                    {{type}} x = as_{{type}}(old);
                    seen = {{cas}}(bitsp, old, as_{{bits}}({{combine}}));
                    if (seen == old) return x;
                    old = seen;
                }
            }
            """;
    }
}
