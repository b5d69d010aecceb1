; opencl: fuzz seeds 3408 and 3142, reduced. A shuffle under a lane-dependent condition is if-converted (every
; work-item runs it, only those under the condition take the result); its operand was computed under the
; condition into a variable left unset for the others, which OpenCL C leaves undefined to read, and PoCL's
; optimizer then gave lanes 16-31 the shuffle's result. Those work-items now pass 0.
(c-lisp
  (define-kernel ((k void) (out (ptr float)) (d (ptr int)))
    (declare t int) (set t [tid.x])
    (declare v float) (set v (sitofp t float))
    (if (lt [laneid] 16) (set v (shfl up 65535 (fadd (sitofp t float) (float 0.5)) (load (ptradd d t)) 1)))
    (store (ptradd out t) v))
  (define ((main int))
    (declare out (ptr float)) (declare d (ptr int)) (declare i int)
    (call cudaMallocManaged (ptr-to out) 256 1)
    (call cudaMallocManaged (ptr-to d) 256 1)
    (for ((set i 0) (lt i 64) (set i (add i 1))) (store (ptradd d i) (mul i 7)))
    (launch k (grid 1 1 1) (block 64 1 1) (shared 0) (stream (null (ptr int8))) out d)
    (call cudaDeviceSynchronize)
    (for ((set i 0) (lt i 64) (set i (add i 1))) (call printf (string "%g ") (fpext (load (ptradd out i)) double)))
    (call printf (string "\n"))
    (ret 0)))
