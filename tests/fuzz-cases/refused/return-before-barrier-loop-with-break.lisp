; Threads return before a loop that holds barriers and is left by a break on a value in shared memory.
; opencl keeps returned work-items at later barriers only where they can follow the live ones' path
; (ExitedWorkItems); a loop left by break cannot be followed (the exited ones would go on alone), so
; opencl refuses this kernel (TR0504) rather than guess; interp and cpu let exited threads skip barriers.
(c-lisp
  (define-kernel ((k void) (out (ptr int)) (n int))
    (define-shared s (arr 128 int))
    (define-shared done (arr 1 int))
    (declare round int)
    (store (aptradd s [tid.x]) 0)
    (if (eq [tid.x] 0) (store (aptradd done 0) 0))
    [__syncthreads]
    (if (ge [tid.x] n) (ret))
    (set round 0)
    (while #t
      (store (aptradd s [tid.x]) (add (load (aptradd s [tid.x])) (add [tid.x] round)))
      [__syncthreads]
      (if (eq [tid.x] 0) (if (gt (load (aptradd s (sub n 1))) 300) (store (aptradd done 0) 1)))
      [__syncthreads]
      (if (ne (load (aptradd done 0)) 0) (break))
      (set round (add round 1))
      [__syncthreads])
    (store (ptradd out [tid.x]) (add (load (aptradd s [tid.x])) (mul round 1000))))
  (define ((main int))
    (declare out (ptr int)) (declare i int) (declare h int)
    (call cudaMallocManaged (ptr-to out) 512 1)
    (for ((set i 0) (lt i 128) (set i (add i 1))) (store (ptradd out i) -1))
    (launch k (grid 1 1 1) (block 128 1 1) (shared 0) (stream (null (ptr int8))) out 50)
    (call cudaDeviceSynchronize)
    (set h 0)
    (for ((set i 0) (lt i 128) (set i (add i 1))) (set h (add (mul h 31) (load (ptradd out i)))))
    (call printf (string "%d %d %d\n") (load out) (load (ptradd out 49)) h)))
