# gen.tcl - the function reference: parse docs/reference/functions.ref,
# check it against the registration table, run its examples, and generate
# docs/functions.md.
#
#   tclsh docs/reference/gen.tcl ?OUT?     (make docs: OUT = docs/functions.md)
#
# The extension is loaded from $JJJ_EXT (default ./jingjinji).  Kinds,
# arities and flags are not written in the reference: they come from the
# running extension (pragma_function_list, pragma_module_list,
# pragma_table_xinfo), i.e. from ext/registry.c, so the two cannot drift.
# test/reference.test sources this file (::ref_nomain set) and uses
# ref_parse, ref_problems, ref_run_example and ref_markdown.
#
# Format of functions.ref (see its header): records start with a line
# "area NAME", "function NAME" or "table NAME"; the other lines are
# "KEY VALUE"; a line starting with white space continues the previous
# value (a new line in it).  "#" at the start of a line is a comment.

package require sqlite3

set ::ref_dir [file dirname [file normalize [info script]]]
set ::ref_top [file dirname [file dirname $::ref_dir]]

# Keys allowed in each kind of record, and how often:
# 1 exactly once, ? at most once, + at least once, * any number
set ::ref_keys {
  area     {title 1 doc ? text *}
  function {sig + summary 1 text * formula * null ? example + session ? see ? doc ?}
  table    {sig + summary 1 text * null ? example + see ? doc ?}
}

# Parse FILE into a list of records (dicts): kind name line fields examples
# where fields is a dict key -> list of values and examples a list of
# {line sql rows}.  Errors are raised as "FILE:LINE: message".
proc ref_parse {file} {
  set h [open $file r]
  fconfigure $h -encoding utf-8
  set lines [split [read $h] \n]
  close $h
  set recs [list]
  set rec {}
  set lastkey ""
  set col 0
  set n 0
  set tail [file tail $file]
  foreach line $lines {
    incr n
    if {[string match #* $line] || [string trim $line] eq ""} {
      set lastkey ""
      continue
    }
    if {[regexp {^[ \t]} $line]} {
      if {$lastkey eq "" || $lastkey eq "-->"} {
        error "$tail:$n: continuation line without a value to continue"
      }
      # drop the indentation up to the first line's value column
      if {[string length $line] >= $col && [string trim [string range $line 0 $col-1]] eq ""} {
        set cont [string range $line $col end]
      } else {
        set cont [string trimleft $line]
      }
      if {$lastkey eq "example"} {
        set ex [lindex [dict get $rec examples] end]
        lset ex 1 "[lindex $ex 1]\n$cont"
        dict set rec examples [lreplace [dict get $rec examples] end end $ex]
      } else {
        set vals [dict get $rec fields $lastkey]
        lset vals end "[lindex $vals end]\n$cont"
        dict set rec fields $lastkey $vals
      }
      continue
    }
    if {![regexp {^(\S+)(\s+)(.*)$} $line -> key sp value]} {
      set key [string trim $line]
      set sp ""
      set value ""
    }
    set col [expr {[string length $key] + [string length $sp]}]
    set value [string trimright $value]
    if {$key in {area function table}} {
      if {$rec ne ""} { lappend recs $rec }
      if {![regexp {^jjj_[a-z0-9_]+$} $value] && $key ne "area"} {
        error "$tail:$n: $key name must be jjj_..., got '$value'"
      }
      set rec [dict create kind $key name $value line $n fields {} examples {}]
      set lastkey $key
      continue
    }
    if {$rec eq ""} { error "$tail:$n: '$key' before the first record" }
    if {$key eq "-->"} {
      if {[llength [dict get $rec examples]] == 0} {
        error "$tail:$n: '-->' without an example"
      }
      set ex [lindex [dict get $rec examples] end]
      lset ex 2 [concat [lindex $ex 2] [list $value]]
      dict set rec examples [lreplace [dict get $rec examples] end end $ex]
      set lastkey "-->"
      continue
    }
    set allowed [dict get $::ref_keys [dict get $rec kind]]
    if {![dict exists $allowed $key]} {
      error "$tail:$n: unknown key '$key' in a [dict get $rec kind] record (allowed: [dict keys $allowed] -->)"
    }
    if {$key eq "example"} {
      dict lappend rec examples [list $n $value {}]
    } else {
      dict set rec fields $key [concat [ref_field $rec $key] [list $value]]
    }
    set lastkey $key
  }
  if {$rec ne ""} { lappend recs $rec }
  # counts of keys
  foreach r $recs {
    set allowed [dict get $::ref_keys [dict get $r kind]]
    dict for {key card} $allowed {
      set c [expr {$key eq "example" ? [llength [dict get $r examples]]
                                     : [llength [ref_field $r $key]]}]
      set bad [switch -- $card {
        1 { expr {$c != 1} }
        ? { expr {$c > 1} }
        + { expr {$c < 1} }
        default { expr 0 }
      }]
      if {$bad} {
        error "$tail:[dict get $r line]: [dict get $r kind] [dict get $r name]: key '$key' must appear [dict get {1 once ? {at most once} + {at least once}} $card], found $c"
      }
    }
  }
  return $recs
}

proc ref_field {rec key} {
  if {[dict exists $rec fields $key]} { return [dict get $rec fields $key] }
  return {}
}

# Parse a signature "name(a, b [, c [, d]]) -> type" or "name(a, ...)" or
# "name".  Returns {name args minArity maxArity returns}; maxArity is -1
# for a variadic signature and minArity is then the required count.
proc ref_sig {sig} {
  set returns ""
  if {[regexp {^(.*?)\s*(?:->|→)\s*(.+)$} $sig -> sig returns]} {}
  if {[regexp {^(jjj_[a-z0-9_]+)$} $sig -> name]} {
    return [list $name {} 0 0 $returns]
  }
  if {![regexp {^(jjj_[a-z0-9_]+)\((.*)\)$} $sig -> name argtext]} {
    error "malformed signature '$sig'"
  }
  set args [list]
  set required 0
  set optional 0
  set variadic 0
  set depth 0
  # tokens: names, ",", "[", "]", "..."
  foreach tok [regexp -all -inline {\.\.\.|\[|\]|,|[A-Za-z_][A-Za-z0-9_]*} $argtext] {
    switch -- $tok {
      "[" { incr depth }
      "]" { incr depth -1 }
      "," {}
      "..." { set variadic 1 }
      default {
        lappend args $tok
        if {$depth > 0} { incr optional } else { incr required }
      }
    }
  }
  if {$depth != 0} { error "unbalanced \[ \] in signature '$sig'" }
  set max [expr {$variadic ? -1 : $required + $optional}]
  return [list $name $args $required $max $returns]
}

# Facts from the running extension
proc ref_registry {db} {
  set funcs [dict create]
  $db eval {
    SELECT name, narg, type, flags FROM pragma_function_list
     WHERE name LIKE 'jjj\_%' ESCAPE '\'
  } {
    dict set funcs $name $narg [list $type $flags]
  }
  set mods [$db eval {
    SELECT name FROM pragma_module_list WHERE name LIKE 'jjj\_%' ESCAPE '\'
     ORDER BY name
  }]
  return [list $funcs $mods]
}

proc ref_kind {type} {
  return [dict get {s scalar a aggregate w {aggregate, window}} $type]
}
proc ref_flags {flags} {
  set out [list]
  if {$flags & 0x800} { lappend out deterministic }
  if {$flags & 0x200000} { lappend out innocuous }
  if {$flags & 0x80000} { lappend out directonly }
  if {[llength $out] == 0} { return "none" }
  return [join $out ", "]
}

# The arities a signature stands for, given the registered ones
proc ref_sig_arities {sig registered} {
  lassign [ref_sig $sig] name args min max
  if {$max == -1} { return [list -1] }
  set out [list]
  for {set i $min} {$i <= $max} {incr i} { lappend out $i }
  return $out
}

# Everything wrong with the reference against the registry: a list of
# messages (empty when all is well)
proc ref_problems {recs db} {
  lassign [ref_registry $db] funcs mods
  set problems [list]
  set seen [dict create]
  foreach r $recs {
    set kind [dict get $r kind]
    set name [dict get $r name]
    if {$kind eq "area"} continue
    if {[dict exists $seen $name]} { lappend problems "$name has two entries" }
    dict set seen $name 1
    set covered [list]
    foreach sig [ref_field $r sig] {
      if {[catch {ref_sig $sig} p]} { lappend problems "$name: $p"; continue }
      lassign $p sname args min max
      if {$sname ne $name} { lappend problems "$name: signature '$sig' names $sname" ; continue }
      if {$kind eq "table"} {
        if {$name ni $mods} continue
        set hidden [$db eval "SELECT name FROM pragma_table_xinfo('$name') WHERE hidden"]
        foreach a $args {
          if {$a ni $hidden} { lappend problems "$name: argument '$a' of '$sig' is not a hidden column of the table" }
        }
        continue
      }
      set kinds [list]
      foreach a [ref_sig_arities $sig {}] {
        if {![dict exists $funcs $name $a]} {
          lappend problems "$name: '$sig' stands for $a argument(s), which is not registered"
          continue
        }
        lappend covered $a
        lappend kinds [dict get $funcs $name $a]
      }
      if {[llength [lsort -unique $kinds]] > 1} {
        lappend problems "$name: '$sig' covers arities of different kinds or flags: split it"
      }
    }
    if {$kind eq "function"} {
      if {![dict exists $funcs $name]} {
        lappend problems "$name is in the reference but not registered"
      } else {
        foreach a [dict keys [dict get $funcs $name]] {
          if {$a ni $covered} {
            lappend problems "$name/$a is registered but no signature of the reference covers it"
          }
        }
      }
    } elseif {$name ni $mods} {
      lappend problems "table $name is in the reference but not registered"
    }
    foreach v [ref_field $r session] {
      if {$v ne "yes"} { lappend problems "$name: session must be 'yes', got '$v'" }
    }
    foreach ex [dict get $r examples] {
      lassign $ex line sql rows
      if {![regexp {;\s*$} $sql]} {
        lappend problems "$name: the example at line $line must end with ';'"
      }
    }
  }
  foreach f [dict keys $funcs] {
    if {![dict exists $seen $f]} { lappend problems "function $f is registered but missing from the reference" }
  }
  foreach m $mods {
    if {![dict exists $seen $m]} { lappend problems "table $m is registered but missing from the reference" }
  }
  return $problems
}

# Run one example on db: "" if it gives the expected rows, else a message.
# Semantics of docs/conventions.md ("Examples in these docs are tests").
proc ref_cell_match {got want} {
  if {$got eq $want} { return 1 }
  if {[string is double -strict $got] && [string is double -strict $want]} {
    set tol [expr {1e-9 * max(1.0, abs($want))}]
    return [expr {abs($got - $want) <= $tol}]
  }
  return 0
}
proc ref_run_example {db sql rows} {
  $db nullvalue NULL
  set got [list]
  if {[catch {
    $db eval $sql ra {
      set row [list]
      foreach c $ra(*) { lappend row $ra($c) }
      lappend got [join $row " | "]
    }
  } msg]} {
    if {[llength $rows] == 1 && [string match "error: *" [lindex $rows 0]]
        && [string range [lindex $rows 0] 7 end] eq $msg} { return "" }
    return "error: $msg"
  }
  set ok [expr {[llength $got] == [llength $rows]}]
  if {$ok} {
    foreach g $got w $rows {
      set gc [split [string map [list " | " \x1f] $g] \x1f]
      set wc [split [string map [list " | " \x1f] $w] \x1f]
      if {[llength $gc] != [llength $wc]} { set ok 0; break }
      foreach a $gc b $wc { if {![ref_cell_match $a $b]} { set ok 0; break } }
      if {!$ok} break
    }
  }
  if {$ok} { return "" }
  return "expected:\n    [join $rows "\n    "]\n  got:\n    [join $got "\n    "]"
}

# docs/functions.md
proc ref_markdown {recs db} {
  lassign [ref_registry $db] funcs mods
  set md ""
  append md "# Function reference\n\n"
  append md "<!-- Generated by `make docs` from docs/reference/functions.ref and the\n"
  append md "     registration table (ext/registry.c). Do not edit: edit the reference. -->\n\n"
  append md "Every SQL function and table of jingjinji, one entry each. Kinds, arities\n"
  append md "and flags are those the extension registers (`pragma_function_list`);\n"
  append md "the entries come from `docs/reference/functions.ref`, from which\n"
  append md "`make docs` generates this page. `test/reference.test` fails if this page\n"
  append md "is stale or if a registered function is missing from the reference (or the\n"
  append md "reference names one that is not registered), and `test/docs.test` runs every\n"
  append md "example below. Units, NULL handling and errors follow\n"
  append md "\[conventions.md\](conventions.md): **rates are in percent**.\n\n"
  append md "A new function gets its entry in `docs/reference/functions.ref` (format in\n"
  append md "its header) in the same change that registers it; then `make docs`.\n\n"
  # index
  append md "| name | kind | summary |\n|---|---|---|\n"
  foreach r $recs {
    if {[dict get $r kind] eq "area"} continue
    set name [dict get $r name]
    append md "| \[`$name`\](#$name) | [ref_kind_text $r $funcs] | [ref_oneline [lindex [ref_field $r summary] 0]] |\n"
  }
  foreach r $recs {
    set name [dict get $r name]
    if {[dict get $r kind] eq "area"} {
      append md "\n## [lindex [ref_field $r title] 0]\n"
      foreach t [ref_field $r text] { append md "\n$t\n" }
      foreach d [ref_field $r doc] { append md "\nMore: \[$d\]($d).\n" }
      continue
    }
    append md "\n### $name\n\n"
    append md "| signature | kind | flags |\n|---|---|---|\n"
    foreach sig [ref_field $r sig] {
      lassign [ref_sig $sig] sname args min max returns
      set shown [string map {" -> " " → "} $sig]
      if {[dict get $r kind] eq "table"} {
        set what [expr {[llength $args] ? "table-valued function" : "table"}]
        append md "| `$shown` | $what, eponymous, read-only | innocuous |\n"
        continue
      }
      set a [lindex [ref_sig_arities $sig {}] 0]
      if {[dict exists $funcs $name $a]} {
        lassign [dict get $funcs $name $a] type flags
        append md "| `$shown` | [ref_kind $type] | [ref_flags $flags] |\n"
      } else {
        append md "| `$shown` | not registered | |\n"
      }
    }
    append md "\n[lindex [ref_field $r summary] 0]\n"
    if {[dict get $r kind] eq "table" && $name in $mods} {
      set vis [list]
      set hid [list]
      $db eval "SELECT name AS c, hidden FROM pragma_table_xinfo('$name')" {
        if {$hidden} { lappend hid "`$c`" } else { lappend vis "`$c`" }
      }
      append md "\nColumns: [join $vis {, }]"
      if {[llength $hid]} { append md "; hidden: [join $hid {, }]" }
      append md ".\n"
    }
    foreach t [ref_field $r text] { append md "\n$t\n" }
    foreach f [ref_field $r formula] { append md "\n```text\n$f\n```\n" }
    foreach t [ref_field $r null] { append md "\n**NULL and edge cases.** $t\n" }
    append md [expr {[ref_session $r] ? "\n```sql session\n" : "\n```sql\n"}]
    foreach ex [dict get $r examples] {
      lassign $ex line sql rows
      append md "$sql\n"
      foreach row $rows { append md "--> $row\n" }
    }
    append md "```\n"
    set more [list]
    foreach s [ref_field $r see] {
      foreach n [split $s ", "] {
        if {$n ne ""} { lappend more "\[`$n`\](#$n)" }
      }
    }
    if {[llength $more]} { append md "\nSee also: [join $more {, }].\n" }
    foreach d [ref_field $r doc] { append md "\nMore: \[$d\]($d).\n" }
  }
  return $md
}

# Do the examples of record r share one connection ("session yes")?
proc ref_session {r} { expr {[lindex [ref_field $r session] 0] eq "yes"} }

# Run the examples of record r, each on a fresh connection or, for a
# session, all on one; returns a list of {line message} for the failures
proc ref_run_examples {r} {
  set out [list]
  set session [ref_session $r]
  if {$session} { ref_open exdb }
  foreach ex [dict get $r examples] {
    lassign $ex line sql rows
    if {!$session} { ref_open exdb }
    set m [ref_run_example exdb $sql $rows]
    if {!$session} { exdb close }
    if {$m ne ""} { lappend out [list $line $m] }
  }
  if {$session} { exdb close }
  return $out
}

proc ref_oneline {s} { string map [list \n " " | \\|] $s }

proc ref_kind_text {r funcs} {
  if {[dict get $r kind] eq "table"} {
    foreach sig [ref_field $r sig] {
      if {[llength [lindex [ref_sig $sig] 1]]} { return "table-valued function" }
    }
    return "table"
  }
  set name [dict get $r name]
  if {![dict exists $funcs $name]} { return "?" }
  set kinds [list]
  dict for {a tf} [dict get $funcs $name] {
    lappend kinds [dict get {s scalar a aggregate w window} [lindex $tf 0]]
  }
  return [join [lsort -unique $kinds] ", "]
}

proc ref_open {name} {
  if {[info exists ::env(JJJ_EXT)]} { set ext $::env(JJJ_EXT) } else {
    set ext [file join $::ref_top jingjinji]
  }
  catch {$name close}
  sqlite3 $name :memory:
  $name enable_load_extension 1
  $name eval {SELECT load_extension($ext)}
  return $name
}

if {![info exists ::ref_nomain]} {
  set out [expr {[llength $argv] ? [lindex $argv 0] : [file join $::ref_top docs functions.md]}]
  if {[catch {set recs [ref_parse [file join $::ref_dir functions.ref]]} msg]} {
    puts stderr "gen.tcl: $msg"
    exit 1
  }
  ref_open refdb
  set problems [ref_problems $recs refdb]
  set nbad 0
  foreach r $recs {
    foreach f [ref_run_examples $r] {
      lassign $f line m
      lappend problems "[dict get $r name]: the example at functions.ref:$line fails: $m"
    }
  }
  if {[llength $problems]} {
    foreach p $problems { puts stderr "gen.tcl: $p" }
    puts stderr "gen.tcl: [llength $problems] problem(s); $out not written"
    exit 1
  }
  set h [open $out w]
  fconfigure $h -encoding utf-8 -translation lf
  puts -nonewline $h [ref_markdown $recs refdb]
  close $h
  refdb close
  puts "gen.tcl: wrote $out"
}
