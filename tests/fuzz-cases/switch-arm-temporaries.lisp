; opencl: fuzz seed 51036, reduced. Two arms of a switch each stored through a pointer the emitter keeps in a
; temporary; both were named `tmp`, in the one C scope a switch's unbraced arms share, and PoCL rejected the
; redefinition (TR0505). The arms' temporaries now take distinct names.
(c-lisp
  (define ((lane int) (a float)) (ret (add [laneid] (fptosi a int))))
  (define-kernel ((k void) (out (ptr int64)) (accf (ptr float)) (n int))
    (switch n
      (case (5) (atomic-rmw fadd accf (sitofp (call lane (float 0.5)) float) device relaxed))
      (default (store (ptradd out [tid.x]) (sext (call lane (float 4.0)) int64)))))
  (define ((main int))
    (declare out (ptr int64)) (declare accf (ptr float))
    (call cudaMallocManaged (ptr-to out) 32 1)
    (call cudaMallocManaged (ptr-to accf) 4 1)
    (store accf (float 0.0))
    (launch k (grid 1 1 1) (block 4 1 1) (shared 0) (stream (null (ptr int8))) out accf 5)
    (launch k (grid 1 1 1) (block 4 1 1) (shared 0) (stream (null (ptr int8))) out accf 2)
    (call cudaDeviceSynchronize)
    (call printf (string "%lld %lld %g\n") (load out) (load (ptradd out 3)) (fpext (load accf) double))
    (ret 0)))
