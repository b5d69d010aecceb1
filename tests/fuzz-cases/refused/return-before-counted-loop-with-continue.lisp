; Threads return before a counted loop that holds barriers, whose counter starts at a value loaded from memory
; (which the returned work-items cannot compute) and which a continue skips to its step. opencl keeps returned
; work-items at later barriers by running such a loop as a while whose step the live ones take at the end of the
; body (ExitedWorkItems); a continue would skip that step, so opencl refuses the kernel (TR0504) rather than guess;
; interp and cpu let exited threads skip barriers.
(c-lisp
  (define-kernel ((k void) (out (ptr int)) (start (ptr int)) (n int))
    (define-shared s (arr 128 int))
    (declare r int)
    (declare sum int)
    (store (aptradd s [tid.x]) [tid.x])
    [__syncthreads]
    (if (ge [tid.x] n) (ret))
    (set sum 0)
    (for ((set r (load start)) (lt r 6) (set r (add r 1)))
      (store (aptradd s [tid.x]) (add (load (aptradd s [tid.x])) r))
      [__syncthreads]
      (if (eq (rem r 2) 0) (continue))
      (set sum (add sum (load (aptradd s (rem (add [tid.x] 1) n)))))
      [__syncthreads])
    (store (ptradd out [tid.x]) sum))
  (define ((main int))
    (declare out (ptr int)) (declare start (ptr int)) (declare i int) (declare h int)
    (call cudaMallocManaged (ptr-to out) 512 1)
    (call cudaMallocManaged (ptr-to start) 4 1)
    (store start 1)
    (for ((set i 0) (lt i 128) (set i (add i 1))) (store (ptradd out i) -1))
    (launch k (grid 1 1 1) (block 128 1 1) (shared 0) (stream (null (ptr int8))) out start 50)
    (call cudaDeviceSynchronize)
    (set h 0)
    (for ((set i 0) (lt i 128) (set i (add i 1))) (set h (add (mul h 31) (load (ptradd out i)))))
    (call printf (string "%d %d %d\n") (load out) (load (ptradd out 49)) h)
    (ret 0)))
