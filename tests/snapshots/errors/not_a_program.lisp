(program
  (define ((main int)) (ret 0)))
