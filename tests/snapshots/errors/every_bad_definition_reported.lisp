; the parser goes on after a bad definition, so all three are reported at once
(c-lisp
  (define ((ok int)) (ret 0))
  (define ((f int) (x notatype)) (ret x))
  (define ((g int)) (ret (unknown 1)))
  (define-struct s (a int) b))
