; how the printer lays programs out: long lines break after the head; a block whose first
; statement is a bare atom gets a leading () so it cannot be read as a form; int32 prints as int
(c-lisp
(define ((f int32) (aVeryLongParameterNameNumberOne int32) (aVeryLongParameterNameNumberTwo int32) (third int32))
(declare x int32)
(if (lt aVeryLongParameterNameNumberOne aVeryLongParameterNameNumberTwo) ((set x 1)) ((set x 2)))
(if (gt x 0) (() x (ret x)))
(set x (add (add (add aVeryLongParameterNameNumberOne aVeryLongParameterNameNumberTwo) (mul third third)) (sub (add aVeryLongParameterNameNumberOne aVeryLongParameterNameNumberTwo) (mul third third))))
()
(((ret x))))
)
