; opencl: fuzz seed 72182 reduced. A comparison widened to int64 and shifted by a count read from memory:
; (shl (zext (ult 0 14) int64) n) is 1 << (n mod 64). The emitter's shortcut for operands that are already
; unsigned arithmetic, (long)((ulong)a OP b) read as (ulong)a OP b, took the widened comparison (long)((ulong)0 <
; (ulong)14) for one: the comparison, an int in OpenCL C, was shifted as an int (1 << (n mod 32)). The shortcut
; now takes arithmetic only.
(c-lisp
  (define-kernel ((k void) (out (ptr int64)) (counts (ptr int64)) (a int64))
    (declare n int64)
    (set n (load counts))
    (store out (shl (zext (ult (int64 0) (int64 14)) int64) n))
    (store (ptradd out 1) (shl (zext (lt a (int64 14)) int64) (load (ptradd counts 1))))
    (store (ptradd out 2) (mul (zext (ult a (int64 14)) int64) (int64 4294967296)))
    (store (ptradd out 3) (add (sext (eq a (int64 -1)) int64) (int64 4294967296))))
  (define ((main int))
    (declare out (ptr int64))
    (declare counts (ptr int64))
    (call cudaMallocManaged (ptr-to out) 32 1)
    (call cudaMallocManaged (ptr-to counts) 16 1)
    (store counts (int64 12345))
    (store (ptradd counts 1) (int64 40))
    (launch k (grid 1 1 1) (block 1 1 1) (shared 0) (stream (null (ptr int8))) out counts (int64 -1))
    (call cudaDeviceSynchronize)
    (call printf (string "%lld %lld %lld %lld\n") (load out) (load (ptradd out 1)) (load (ptradd out 2)) (load (ptradd out 3)))
    (ret 0)))
