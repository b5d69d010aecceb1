; cpu: (sext #t int) was 1; the IR defines sext of a bool as 0 or -1 (docs/ir/integers.md).
; Found by the fuzzer as (math ldexp -5.5 (sext #t int)): -11 on cpu, -2.75 elsewhere.
(c-lisp
  (define-kernel ((k void) (out (ptr int)) (b bool))
    (store out (sext #t int))
    (store (ptradd out 1) (sext b int))
    (store (ptradd out 2) (zext b int))
    (store (ptradd out 3) (trunc (sext b int64) int)))
  (define ((main int))
    (declare out (ptr int))
    (call cudaMallocManaged (ptr-to out) 16 1)
    (launch k (grid 1 1 1) (block 1 1 1) (shared 0) (stream (null (ptr int8))) out #t)
    (call cudaDeviceSynchronize)
    (call printf (string "%d %d %d %d\n") (load out) (load (ptradd out 1)) (load (ptradd out 2)) (load (ptradd out 3)))))
