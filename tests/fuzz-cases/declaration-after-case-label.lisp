; opencl: a switch arm whose first statement needs a temporary was emitted as `default: float tmp = ...;`,
; a declaration right after a label, which OpenCL C (C99) rejects (TR0505).
(c-lisp
  (define ((f float) (a float)) (ret (fmul a 2.0)))
  (define-kernel ((k void) (out (ptr float)) (n int))
    (switch n
      (case (0) (store out 1.0) (break))
      (default (store out (select (fune (call f 1.5) (call f 1.5)) 0.5 (call f 1.5))))))
  (define ((main int))
    (declare out (ptr float))
    (call cudaMallocManaged (ptr-to out) 4 1)
    (launch k (grid 1 1 1) (block 1 1 1) (shared 0) (stream (null (ptr int8))) out 3)
    (call cudaDeviceSynchronize)
    (call printf (string "%g\n") (fpext (load out) double))))
