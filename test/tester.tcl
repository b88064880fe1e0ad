# tester.tcl - the jingjinji test harness, in the style of SQLite's own.
#
# A test file starts with
#     source [file join [file dirname [info script]] tester.tcl]
# and ends with
#     finish_test
# and in between uses:
#     do_execsql_test NAME SQL EXPECTED     result list of [db eval SQL]
#     do_catchsql_test NAME SQL EXPECTED    {0 result} or {1 message}
#     do_test NAME SCRIPT EXPECTED          result of a Tcl script
#     do_near_test NAME SQL EXPECTED ?TOL?  numbers within TOL (default 1e-9,
#                                           absolute; NULL matches {})
#     do_json_test NAME SQL EXPECTED ?TOL?  one JSON result vs EXPECTED JSON:
#                                           numbers within TOL, keys of
#                                           EXPECTED objects only
#     do_eqp_test NAME SQL PATTERN          EXPLAIN QUERY PLAN matches glob
# Helpers: jjj_open ?NAME? opens a connection with the extension loaded
# (the strictest path: SELECT load_extension()); shared_dir; read_csv FILE.
#
# test/all.tcl sources every test/*.test into one interpreter and prints
# "N passed, M failed" as its last line; a file run alone does the same.

package require sqlite3

set ::testdir [file dirname [file normalize [info script]]]
set ::topdir  [file dirname $::testdir]
if {[info exists ::env(JJJ_EXT)]} {
  set ::ext $::env(JJJ_EXT)
} else {
  set ::ext [file join $::topdir jingjinji]
}
if {![info exists ::nPass]} {
  set ::nPass 0
  set ::nFail 0
  set ::aFailed [list]
  set ::in_all 0
}

# The directory ../shared (methods, vectors, reference facts)
proc shared_dir {} {
  if {[info exists ::env(JJJ_SHARED)]} { return $::env(JJJ_SHARED) }
  return [file normalize [file join $::topdir .. shared]]
}

# Open a connection with the extension loaded through SQL
proc jjj_open {{name db} {file :memory:}} {
  catch {$name close}
  sqlite3 $name $file
  $name enable_load_extension 1
  $name eval {SELECT load_extension($::ext)}
  return $name
}

proc test_pass {name} {
  incr ::nPass
}
proc test_fail {name msg} {
  incr ::nFail
  lappend ::aFailed $name
  puts "! $name failed: $msg"
}

# Normalise a Tcl list for comparison: numbers compare as numbers
proc list_equal {a b} {
  if {[llength $a] != [llength $b]} { return 0 }
  foreach x $a y $b {
    if {$x eq $y} continue
    if {[string is double -strict $x] && [string is double -strict $y]
        && $x == $y} continue
    return 0
  }
  return 1
}

proc do_test {name script expected} {
  if {[catch {uplevel #0 $script} result]} {
    test_fail $name "error: $result"
    return
  }
  if {[list_equal $result $expected] || $result eq $expected} {
    test_pass $name
  } else {
    test_fail $name "expected: \[$expected\]\n     got: \[$result\]"
  }
}

proc do_execsql_test {name sql expected} {
  uplevel 1 [list do_test $name [list db eval $sql] $expected]
}

proc do_catchsql_test {name sql expected} {
  set rc [catch {uplevel #0 [list db eval $sql]} msg]
  set got [list $rc $msg]
  if {[list_equal $got $expected] || $got eq $expected} {
    test_pass $name
  } else {
    test_fail $name "expected: \[$expected\]\n     got: \[$got\]"
  }
}

# Is |x - y| <= tol, with {} (NULL) matching only {}?
proc near {x y tol} {
  if {$x eq "" || $y eq ""} { return [expr {$x eq $y}] }
  if {![string is double -strict $x] || ![string is double -strict $y]} {
    return [expr {$x eq $y}]
  }
  if {$x == $y} { return 1 }
  return [expr {abs($x - $y) <= $tol}]
}

proc do_near_test {name sql expected {tol 1e-9}} {
  if {[catch {uplevel #0 [list db eval $sql]} got]} {
    test_fail $name "error: $got"
    return
  }
  if {[llength $got] != [llength $expected]} {
    test_fail $name "expected: \[$expected\]\n     got: \[$got\]"
    return
  }
  foreach x $got y $expected {
    if {![near $x $y $tol]} {
      test_fail $name "expected: \[$expected\] (tol $tol)\n     got: \[$got\]"
      return
    }
  }
  test_pass $name
}

# Flatten a JSON text into a dict path -> {type value} using SQLite's JSON;
# arrays appear with their length as value, objects are skipped.
proc json_flatten {json} {
  set d [dict create]
  jjj_jsondb eval {
    SELECT fullkey, type,
           CASE type WHEN 'array' THEN json_array_length(value) ELSE atom END AS v
      FROM json_tree($json)
     WHERE type!='object'
  } {
    dict set d $fullkey [list $type $v]
  }
  return $d
}

# Compare JSON texts: every path of expected must be present in got with the
# same type class; numbers within tol (absolute); null, strings and array
# lengths exact; object keys absent from expected are ignored.  Returns ""
# if equal, else a description of the first difference.
proc json_diff {expected got tol} {
  if {[catch {
    set e [json_flatten $expected]
    set g [json_flatten $got]
  } msg]} { return "not JSON: $msg" }
  dict for {path tv} $e {
    lassign $tv type val
    if {![dict exists $g $path]} { return "missing $path" }
    lassign [dict get $g $path] gtype gval
    switch -- $type {
      null { if {$gtype ne "null"} { return "$path: expected null, got $gval" } }
      integer - real {
        if {$gtype ni {integer real}} { return "$path: expected $val, got $gtype $gval" }
        if {![near $val $gval $tol]} { return "$path: expected $val, got $gval" }
      }
      array {
        if {$gtype ne "array" || $gval != $val} {
          return "$path: expected an array of $val, got $gtype $gval"
        }
      }
      default {
        if {$gval ne $val} { return "$path: expected '$val', got '$gval'" }
      }
    }
  }
  return ""
}

proc do_json_test {name sql expected {tol 1e-9}} {
  if {[catch {uplevel #0 [list db onecolumn $sql]} got]} {
    test_fail $name "error: $got"
    return
  }
  set diff [json_diff $expected $got $tol]
  if {$diff eq ""} {
    test_pass $name
  } else {
    test_fail $name "$diff\n     expected: $expected\n     got: $got"
  }
}

proc do_eqp_test {name sql pattern} {
  set plan [join [db eval "EXPLAIN QUERY PLAN $sql"] " "]
  if {[string match $pattern $plan]} {
    test_pass $name
  } else {
    test_fail $name "plan \[$plan\] does not match \[$pattern\]"
  }
}

# Read an RFC 4180 CSV file into a list of dicts keyed by the header
proc read_csv {file} {
  set f [open $file r]
  fconfigure $f -encoding utf-8
  set data [read $f]
  close $f
  set rows [list]
  set row [list]
  set field ""
  set inq 0
  set n [string length $data]
  for {set i 0} {$i < $n} {incr i} {
    set c [string index $data $i]
    if {$inq} {
      if {$c eq "\""} {
        if {[string index $data [expr {$i+1}]] eq "\""} {
          append field "\""; incr i
        } else {
          set inq 0
        }
      } else {
        append field $c
      }
    } elseif {$c eq "\""} {
      set inq 1
    } elseif {$c eq ","} {
      lappend row $field; set field ""
    } elseif {$c eq "\n"} {
      lappend row $field; set field ""
      lappend rows $row; set row [list]
    } elseif {$c ne "\r"} {
      append field $c
    }
  }
  if {$field ne "" || [llength $row]} { lappend row $field; lappend rows $row }
  set header [lindex $rows 0]
  set out [list]
  foreach r [lrange $rows 1 end] {
    if {[llength $r] == 1 && [lindex $r 0] eq ""} continue
    set d [dict create]
    foreach k $header v $r { dict set d $k $v }
    lappend out $d
  }
  return $out
}

proc finish_test {} {
  catch {db close}
  if {!$::in_all} {
    puts "$::nPass passed, $::nFail failed"
    exit [expr {$::nFail ? 1 : 0}]
  }
}

# A private connection for JSON helpers (plain SQLite)
if {[info commands jjj_jsondb] eq ""} { sqlite3 jjj_jsondb :memory: }

# Every file starts with a fresh connection
jjj_open db
