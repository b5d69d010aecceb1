; opencl gave a wrong result when threads returned before a barrier the others reached: OpenCL requires
; every work-item to reach each barrier, and PoCL ran the returned work-items on past it. opencl then
; refused such a kernel (TR0504); now the returned work-items stay at the later barriers doing nothing
; else (ir/Transformations/ExitedWorkItems.cs), as interp (which lets exited threads skip barriers, as
; docs/ir/barriers.md says) and cpu run it. (The live threads read slots no thread writes before the barrier: reading
; another's slot that it writes in the same interval is a data race, TR0318 on interp.)
(c-lisp
  (define-kernel ((k void) (out (ptr int)) (n int))
    (define-shared s (arr 128 int))
    (store (aptradd s [tid.x]) (mul [tid.x] 3))
    [__syncthreads]
    (if (ge [tid.x] n) (ret))
    (store (aptradd s [tid.x]) (add (load (aptradd s (add [tid.x] 64))) 1))
    [__syncthreads]
    (store (ptradd out [tid.x]) (load (aptradd s (urem (add [tid.x] 1) 128)))))
  (define ((main int))
    (declare out (ptr int)) (declare i int) (declare h int)
    (call cudaMallocManaged (ptr-to out) 512 1)
    (for ((set i 0) (lt i 128) (set i (add i 1))) (store (ptradd out i) -1))
    (launch k (grid 1 1 1) (block 128 1 1) (shared 0) (stream (null (ptr int8))) out 50)
    (call cudaDeviceSynchronize)
    (set h 0)
    (for ((set i 0) (lt i 128) (set i (add i 1))) (set h (add (mul h 31) (load (ptradd out i)))))
    (call printf (string "%d %d %d\n") (load out) (load (ptradd out 49)) h)))
