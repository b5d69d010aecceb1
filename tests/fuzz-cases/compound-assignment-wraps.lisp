; opencl: fuzz seed 73533 of session 22, rewritten small. `(set x (mul x y))` was emitted as OpenCL C's `x *= y` (and
; `+=`, `-=`, `<<=`, `x++` likewise) on signed types, where overflow is undefined behaviour; the IR's integers wrap, and
; PoCL's compiler folded `x < 2^32` after `x *= y` as if no wrap happened. Such updates now use the unsigned form the
; expression emitter writes (backends/OpenCl/Emission/FunctionEmitter.Statements.cs).
(c-lisp
  (define-kernel ((k void) (out (ptr int64)) (in (ptr int)))
    (declare v3 int64) (set v3 (math brev (int64 -20)))
    (declare v4 int64) (set v4 (sext (math popc (load (ptradd in [tid.x]))) int64))
    (declare h int) (set h (load (ptradd in [tid.x])))
    (set v3 (mul v3 v4))
    (set h (mul h 1000003))
    (set h (add h 2147483000))
    (store (ptradd out [tid.x]) (select (lt v3 (int64 4294967296)) (int64 1) (int64 2)))
    (store (ptradd out (add [tid.x] 64)) (select (lt h 0) (sext h int64) (int64 7))))
  (define ((main int))
    (declare out (ptr int64)) (declare in (ptr int)) (declare i int) (declare s int64)
    (call cudaMallocManaged (ptr-to out) (int64 1024) 1)
    (call cudaMallocManaged (ptr-to in) (int64 256) 1)
    (for ((set i 0) (lt i 64) (set i (add i 1))) (store (ptradd in i) (mul i 7)))
    (launch k (grid 1 1 1) (block 64 1 1) (shared (int64 0)) (stream (null (ptr int8))) out in)
    (call cudaDeviceSynchronize)
    (set s 0)
    (for ((set i 0) (lt i 128) (set i (add i 1))) (set s (add (mul s 31) (load (ptradd out i)))))
    (call printf (string "%lld %lld %lld\n") (load out) (load (ptradd out 64)) s)
    (ret 0)))
