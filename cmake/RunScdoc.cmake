# cmake -DSCDOC=scdoc -DIN=page.scd -DOUT=page -P RunScdoc.cmake: renders one man page, and
# leaves no half-written page behind when scdoc refuses the source.
execute_process(COMMAND ${SCDOC} INPUT_FILE ${IN} OUTPUT_FILE ${OUT}.tmp
                ERROR_VARIABLE error RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(REMOVE ${OUT}.tmp)
  message(FATAL_ERROR "scdoc ${IN}: ${error}")
endif()
file(RENAME ${OUT}.tmp ${OUT})
