; globals: host, __device__ (addrspace 1), __constant__ (addrspace 4), external, initialized
(c-lisp
  (define-global (counter int))
  (define-global (scale float) (const 2.5))
  (define-global (enabled bool) (const #t))
  (define-global (coeffs (arr 4 float)) (const (0.5 0.25 0.125 0.0625)) (addrspace 4))
  (define-global (matrix (arr 2 (arr 2 int))) (const ((1 0) (0 1))) (addrspace 4))
  (define-global (greeting (arr 6 int8)) (const "hello"))
  (define-global (devTotal int64) (addrspace 1))
  (define-global (devTotal2 int64) (addrspace 1) (const 0))
  (define-global (firstCoeff (ptr (arr 4 float) (addrspace 4))) (ptr-to coeffs))
  (define-global (errno int) (linkage external))
  (define-global (big int64) (const -0x7fffffffffffffff))
  (define-global (origin (struct point)) (const (0 0)))
  (define-struct point (x int) (y int))

  (define ((puts int) (s (ptr int8))))
  (define ((external_helper double) (x double) (n int)))

  (define-kernel ((useGlobals void) (out (ptr float)))
    (store (ptradd out [tid.x])
           (fmul (load (ptr-to scale)) (load (aptradd coeffs (and [tid.x] 3)))))
    (atomic-rmw add (ptr-to devTotal) (int64 1) device relaxed))

  (define ((main int))
    (set counter (add counter 1))
    (call puts (aptradd greeting 0))
    (ret counter)))
