# Writes the top-level domains of the Public Suffix List's ICANN section (Debian package
# publicsuffix) as a C++ include: one lower-case ASCII string literal per line, sorted, for the
# e-mail detector's table (node/privacy/detect_email.cc). Internationalised TLDs are left out:
# the detector compares ASCII labels only.
#
# usage: cmake -DIN=public_suffix_list.dat -DOUT=tlds.inc -P GenerateTlds.cmake
file(STRINGS ${IN} lines ENCODING UTF-8)
set(in_icann FALSE)
set(tlds "")
foreach(line IN LISTS lines)
  if(line MATCHES "===BEGIN ICANN DOMAINS===")
    set(in_icann TRUE)
  elseif(line MATCHES "===END ICANN DOMAINS===")
    set(in_icann FALSE)
  elseif(in_icann AND line MATCHES "^[a-z][a-z0-9-]*[a-z0-9]$")
    list(APPEND tlds ${line})
  endif()
endforeach()
list(REMOVE_DUPLICATES tlds)
list(SORT tlds)
list(LENGTH tlds count)
if(count LESS 1000)
  message(FATAL_ERROR "${IN}: only ${count} top-level domains; is it the Public Suffix List?")
endif()
get_filename_component(source ${IN} NAME)
set(text "// Generated from ${source} by cmake/GenerateTlds.cmake: do not edit.\n")
foreach(tld IN LISTS tlds)
  string(APPEND text "\"${tld}\",\n")
endforeach()
file(WRITE ${OUT}.tmp "${text}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
