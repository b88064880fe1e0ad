# tcl.tcl CHECKS EXT - the Tcl host: load with SELECT load_extension(),
# the strictest path (functions cannot be replaced while statements run).
package require sqlite3
lassign $argv checks ext
sqlite3 db :memory:
db enable_load_extension 1
db eval {SELECT load_extension($ext)}
db nullvalue NULL
proc esc {s} { string map [list \\ \\\\ \t \\t \n \\n] $s }
set f [open $checks r]
fconfigure $f -encoding utf-8
fconfigure stdout -encoding utf-8 -buffering line
foreach line [split [read $f] \n] {
  if {[string match #* $line] || [string trim $line] eq ""} continue
  lassign [split $line \t] id expected query setup
  if {[catch {
    if {$setup ne ""} { db eval $setup }
    set r [db eval $query]
    if {[llength $r] == 0} { set v NULL } else { set v [lindex $r 0] }
  } msg]} { set v "error: $msg" }
  puts "$id\t[esc $v]"
}
close $f
db close
