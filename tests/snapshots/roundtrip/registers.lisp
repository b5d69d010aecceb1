; every thread-index register, in brackets as CUDA-Lisp writes them
(c-lisp
  (define-kernel ((indices void) (out (ptr int)))
    (declare k int)
    (set k (add (mul [bid.z] 1000000) (add (mul [bid.y] 1000) [bid.x])))
    (store (ptradd out 0) [tid.x]) (store (ptradd out 1) [tid.y]) (store (ptradd out 2) [tid.z])
    (store (ptradd out 3) [bdim.x]) (store (ptradd out 4) [bdim.y]) (store (ptradd out 5) [bdim.z])
    (store (ptradd out 6) [gdim.x]) (store (ptradd out 7) [gdim.y]) (store (ptradd out 8) [gdim.z])
    (store (ptradd out 9) [laneid]) (store (ptradd out 10) [warpsize])
    (store (ptradd out 11) k)))
