; 2 is not an address space this IR knows
(c-lisp
  (define-global (g (ptr float (addrspace 2)))))
