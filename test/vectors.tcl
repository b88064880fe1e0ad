# vectors.tcl - helpers to replay ../shared/methods/vectors/*.csv through SQL.
#
#   vectors FILE ?FUNCTION?   list of dicts {case_id function inputs expected
#                             tolerance origin} from FILE (e.g. growth.csv),
#                             optionally only those of one function
#   jget JSON PATH            json_extract(JSON, PATH) as Tcl (NULL -> NULL)
#   jtype JSON PATH           json_type(JSON, PATH)
#   jlist JSON PATH           the elements of the array at PATH, as SQL
#                             literals (numbers as is, null as NULL, text
#                             quoted): ready to paste into SQL
#   jcount JSON PATH          json_array_length
#   sqlval V                  a Tcl value as an SQL literal ({} -> NULL)
#   values_cte NAME COLS ROWS "NAME(c1,c2) AS (VALUES (...),(...))" from
#                             ROWS, a list of lists of SQL literals
#   vector_tol D              the case's tolerance as a number
# The vectors' expected values compare with json_diff (tester.tcl).

proc vectors {file {function ""}} {
  set path [file join [shared_dir] methods vectors $file]
  if {![file exists $path]} {
    error "vector file $path not found (is ../shared beside the checkout?)"
  }
  set out [list]
  foreach d [read_csv $path] {
    if {$function ne "" && [dict get $d function] ne $function} continue
    lappend out $d
  }
  return $out
}

proc jget {json path} {
  jjj_jsondb eval {SELECT json_extract($json, $path) AS v, json_type($json, $path) AS t} {
    if {$t eq "null"} { return NULL }
    if {$t eq "true"} { return 1 }
    if {$t eq "false"} { return 0 }
    return $v
  }
  return NULL
}
proc jtype {json path} {
  return [jjj_jsondb onecolumn {SELECT json_type($json, $path)}]
}
proc jcount {json path} {
  return [jjj_jsondb onecolumn {SELECT json_array_length($json, $path)}]
}
proc jlist {json path} {
  set out [list]
  jjj_jsondb eval {SELECT type, atom FROM json_each($json, $path) ORDER BY key} {
    switch -- $type {
      null { lappend out NULL }
      integer - real { lappend out $atom }
      true { lappend out 1 }
      false { lappend out 0 }
      text { lappend out "'[string map {' ''} $atom]'" }
      default { error "jlist: nested $type at $path" }
    }
  }
  return $out
}
proc sqlval {v} {
  if {$v eq "" || $v eq "NULL"} { return NULL }
  if {[string is double -strict $v]} { return $v }
  return "'[string map {' ''} $v]'"
}
proc values_cte {name cols rows} {
  set vals [list]
  foreach r $rows { lappend vals "([join $r ,])" }
  if {[llength $vals] == 0} {
    # an empty table of the right shape
    set nulls [lrepeat [llength $cols] NULL]
    return "$name\([join $cols ,]\) AS (SELECT [join $nulls ,] WHERE 0)"
  }
  return "$name\([join $cols ,]\) AS (VALUES [join $vals ,])"
}
proc vector_tol {d} {
  set t [dict get $d tolerance]
  if {$t eq ""} { return 1e-9 }
  return $t
}
