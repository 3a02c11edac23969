# citynet_set_warnings(target): the project's warning set, errors when CITYNET_WERROR is on.
function(citynet_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Wunused -Woverloaded-virtual -Wconversion -Wno-sign-conversion -Wnull-dereference
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
  if(CITYNET_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Generated Cap'n Proto code and gtest macros trip some of the stricter warnings; the
# targets that compile them use this reduced set.
function(citynet_set_relaxed_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow)
  if(CITYNET_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
