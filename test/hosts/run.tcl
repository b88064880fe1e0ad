# run.tcl - the host integration tests (make test-hosts).
#
#   tclsh test/hosts/run.tcl ?HOST ...?
#
# Runs test/hosts/HOST.sh for every host (default: all, in the order of
# ::hosts below) from the top of the tree.  Each script installs what its
# host needs and prints "id<TAB>answer" for every check of checks.tsv; this
# runner compares the answers with the expected ones.  A script that exits
# 77 after "SKIP: reason" could not install its host: its checks count as
# skipped, never as passed.  Any other non-zero exit fails all its checks.
#
# Prints one line per host and, last, "N passed, M failed, K skipped"
# (host x check pairs); exits 1 if anything failed.  The stderr of each host
# goes to build/hosts/HOST.log.  Environment: JJJ_HOSTS_STRICT=1 makes a
# skipped host a failure; JJJ_CACHE is where hosts keep what they install
# outside the system (default ~/.cache/jingjinji-hosts).

set ::hosts {shell tcl python sqlite-utils node odbc static install nozlib wasm}

set here [file dirname [file normalize [info script]]]
set top [file dirname [file dirname $here]]
cd $top

proc readfile {f {enc utf-8}} {
  set h [open $f r]
  if {$enc eq "binary"} { fconfigure $h -translation binary } else { fconfigure $h -encoding $enc }
  set d [read $h]
  close $h
  return $d
}

# Expected values computed here, independently of the extension.  A
# dataset's checksum is the CRC-32 of its format-version-1 payload
# (docs/bundle-format.md), whatever format the bundle is stored in: Tcl's
# own zlib inflates a version-1 bundle and computes it.  For the built-in
# data the builder writes a version-1 copy (build/hosts/builtin.v1.bundle).
proc bundle_checksum {file} {
  set b [readfile $file binary]
  binary scan [string range $b 8 11] iu version
  if {$version != 1} { error "$file is format version $version, not 1" }
  set payload [zlib decompress [string range $b 40 end]]
  return [format %08x [zlib crc32 $payload]]
}
set subst [dict create @VERSION@ [string trim [readfile VERSION]]]
file mkdir [file join build hosts]
set v1 [file join build hosts builtin.v1.bundle]
if {[catch {
  exec [file join build jjj_bundle] data $v1 --format 1
  dict set subst @CHECKSUM@ [bundle_checksum $v1]
} msg]} {
  puts "run.tcl: cannot build the version-1 copy of the built-in data: $msg"
  exit 1
}
# @CHECKSUM:path@ is the checksum of the version-1 bundle file at path
proc expand {want} {
  while {[regexp {@CHECKSUM:([^@]+)@} $want all path]} {
    if {[catch {bundle_checksum $path} crc]} { set crc "(cannot read $path: $crc)" }
    set want [string map [list $all $crc] $want]
  }
  return [string map $::subst $want]
}

# The checks: id -> expected
set checks [list]
set expected [dict create]
foreach line [split [readfile [file join $here checks.tsv]] \n] {
  if {[string match #* $line] || [string trim $line] eq ""} continue
  set f [split $line \t]
  if {[llength $f] < 3} { puts "run.tcl: malformed check: $line"; exit 1 }
  lassign $f id want
  if {[dict exists $expected $id]} { puts "run.tcl: duplicate check $id"; exit 1 }
  lappend checks $id
  dict set expected $id [expand $want]
}

set selected [expr {[llength $argv] ? $argv : $::hosts}]
foreach h $selected {
  if {![file exists [file join $here $h.sh]]} {
    puts "run.tcl: no host $h (hosts: $::hosts)"
    exit 2
  }
}

file mkdir [file join build hosts]
set env(JJJ_CHECKS) [file join test hosts checks.tsv]
set env(JJJ_SO) [file join $top jingjinji.so]
set env(JJJ_EXT) [file join $top jingjinji]
if {![info exists env(MAKE)]} { set env(MAKE) make }

set nPass 0
set nFail 0
set nSkip 0
proc unesc {s} { string map [list \\\\ \\ \\t \t \\n \n] $s }

foreach h $selected {
  set log [file join build hosts $h.log]
  set out [file join build hosts $h.out]
  set t0 [clock milliseconds]
  set rc 0
  if {[catch {exec sh [file join test hosts $h.sh] > $out 2> $log < /dev/null}]} {
    set rc 1
    switch -- [lindex $::errorCode 0] {
      CHILDSTATUS { set rc [lindex $::errorCode 2] }
      CHILDKILLED { set rc "killed by [lindex $::errorCode 2]" }
    }
  }
  set secs [format %.1f [expr {([clock milliseconds] - $t0) / 1000.0}]]
  set lines [split [readfile $out] \n]
  set n [llength $checks]

  if {$rc eq "77"} {
    set reason "no reason given"
    foreach l $lines { if {[string match "SKIP: *" $l]} { set reason [string range $l 6 end] } }
    incr nSkip $n
    puts [format "%-13s SKIPPED  %s" $h $reason]
    continue
  }
  set got [dict create]
  foreach l $lines {
    set i [string first \t $l]
    if {$i < 0} continue
    set id [string range $l 0 [expr {$i-1}]]
    if {[dict exists $expected $id] && ![dict exists $got $id]} {
      dict set got $id [unesc [string range $l [expr {$i+1}] end]]
    }
  }
  set bad [list]
  foreach id $checks {
    set want [dict get $expected $id]
    if {![dict exists $got $id]} {
      lappend bad $id
      puts "  $h: $id: no answer"
    } elseif {[dict get $got $id] ne $want} {
      lappend bad $id
      puts "  $h: $id: expected \[$want\], got \[[dict get $got $id]\]"
    }
  }
  incr nFail [llength $bad]
  incr nPass [expr {$n - [llength $bad]}]
  if {$rc ne "0"} {
    # the host failed even if every answer it gave before failing was right
    if {[llength $bad] == 0} { incr nFail; incr nPass -1 }
    if {[string is integer -strict $rc]} {
      set status "exited with $rc"
      if {$rc > 128} { append status " (signal [expr {$rc - 128}])" }
    } else {
      set status "was $rc"
    }
    puts [format "%-13s FAILED   the host script %s after %d answers (%ss); last lines of %s:" $h $status [dict size $got] $secs $log]
    set tail [lrange [split [string trimright [readfile $log]] \n] end-14 end]
    foreach l $tail { puts "    $l" }
  } elseif {[llength $bad]} {
    puts [format "%-13s FAILED   %d of %d checks (%ss; log %s)" $h [llength $bad] $n $secs $log]
  } else {
    puts [format "%-13s passed   %d checks (%ss)" $h $n $secs]
  }
}

if {$nSkip && [info exists env(JJJ_HOSTS_STRICT)] && $env(JJJ_HOSTS_STRICT)} {
  puts "JJJ_HOSTS_STRICT: skipped hosts count as failures"
  incr nFail $nSkip
  set nSkip 0
}
puts "$nPass passed, $nFail failed, $nSkip skipped"
exit [expr {$nFail ? 1 : 0}]
