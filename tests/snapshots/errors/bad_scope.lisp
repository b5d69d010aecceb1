; CUDA scopes are block, device and system
(c-lisp
  (define-kernel ((k void) (p (ptr int)))
    (atomic-rmw add p 1 warp relaxed)))
