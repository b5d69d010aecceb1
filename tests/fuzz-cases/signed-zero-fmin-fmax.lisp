; cpu: fuzz seed 6248 (a loop `v = fmax(v, v - v) + …` starting from -0.0) gave -0.0 where interp gave +0.0.
; The IR's fmin/fmax order -0 below +0; the cpu device used LLVM's minnum/maxnum, which may return either
; zero (x86's maxsd returns its second operand when they compare equal). Now equal operands are combined
; bitwise on every LLVM target, and opencl calls tr_fmin/tr_fmax (OpenCL's fmin/fmax leave it open too).
(c-lisp
  (define-kernel ((k void) (out (ptr int64)) (nz double) (pz double) (nzf float) (pzf float))
    (store out (bitcast (math fmax nz pz) int64))
    (store (ptradd out 1) (bitcast (math fmax pz nz) int64))
    (store (ptradd out 2) (bitcast (math fmin nz pz) int64))
    (store (ptradd out 3) (bitcast (math fmin pz nz) int64))
    (store (ptradd out 4) (bitcast (math fmax nz nz) int64))
    (store (ptradd out 5) (sext (bitcast (math fmax nzf pzf) int) int64))
    (store (ptradd out 6) (sext (bitcast (math fmax pzf nzf) int) int64))
    (store (ptradd out 7) (sext (bitcast (math fmin nzf pzf) int) int64))
    (store (ptradd out 8) (sext (bitcast (math fmin pzf nzf) int) int64))
    (store (ptradd out 9) (bitcast (fadd (math fmax nz (fsub nz nz)) (fadd (math fmin nz nz) (math ceil nz))) int64)))
  (define ((main int))
    (declare out (ptr int64))
    (declare i int)
    (call cudaMallocManaged (ptr-to out) 80 1)
    (launch k (grid 1 1 1) (block 1 1 1) (shared 0) (stream (null (ptr int8))) out -0.0 0.0 (float -0.0) (float 0.0))
    (call cudaDeviceSynchronize)
    (for ((set i 0) (lt i 10) (set i (add i 1)))
      (call printf (string "%d %llx\n") i (load (ptradd out i))))
    (ret 0)))
