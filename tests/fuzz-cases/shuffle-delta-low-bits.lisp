; interp (and SPIR-V, AMD GPU code): fuzz seed 3027 reduced. A shuffle's lane operand counts by its low five bits
; on NVIDIA hardware (PTX shfl.sync: bval = b[4:0]), as cpu and opencl computed it; the interpreter took the delta
; whole, so lane 6 with delta 26042691 (= 3 mod 32) kept its own value instead of reading lane 3.
(c-lisp
  (define-kernel ((k void) (out (ptr int)) (n2 int))
    (declare t int) (set t [tid.x])
    (store (ptradd out t) (shfl up -1 t (lshr n2 t) 16)))
  (define ((main int))
    (declare out (ptr int)) (declare i int)
    (call cudaMallocManaged (ptr-to out) 256 1)
    (launch k (grid 1 1 1) (block 64 1 1) (shared 0) (stream (null (ptr int8))) out 1666732279)
    (call cudaDeviceSynchronize)
    (for ((set i 0) (lt i 64) (set i (add i 1))) (call printf (string "%d:%d(%u) ") i (load (ptradd out i)) (lshr 1666732279 i)))
    (call printf (string "\n"))
    (ret 0)))
