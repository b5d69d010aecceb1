; opencl: fuzz seed 37 (open since the first campaign) reduced to (math abs INT64_MIN). The IR's abs of the
; minimum value is that value (as CUDA's abs/llabs); the OpenCL emitter called OpenCL's abs, which leaves
; the minimum to the implementation: PoCL gave 0 for LONG_MIN and, sign-extended, +2^31 for INT_MIN.
; Now abs is computed in unsigned arithmetic (tr_abs32/tr_abs64) for every width.
(c-lisp
  (define-kernel ((k void) (out (ptr int64)) (a int64) (b int) (c int16))
    (store out (math abs a))
    (store (ptradd out 1) (sext (math abs b) int64))
    (store (ptradd out 2) (sext (math abs c) int64))
    (store (ptradd out 3) (math abs (sub a (int64 -5)))))
  (define ((main int))
    (declare out (ptr int64))
    (call cudaMallocManaged (ptr-to out) 32 1)
    (launch k (grid 1 1 1) (block 1 1 1) (shared 0) (stream (null (ptr int8))) out -9223372036854775808 -2147483648 (int16 -32768))
    (call cudaDeviceSynchronize)
    (call printf (string "%lld %lld %lld %lld\n") (load out) (load (ptradd out 1)) (load (ptradd out 2)) (load (ptradd out 3)))
    (ret 0)))
