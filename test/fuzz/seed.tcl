# seed.tcl - (re)write the seed corpus test/fuzz/corpus from the example
# bundle and two small datasets built with build/jjj_bundle.  Run from the
# repository root after "make":
#
#     tclsh test/fuzz/seed.tcl
#
# Files named found-* were added from libFuzzer runs (make fuzz, then
# build/fuzz_bundle -merge=1 DIR test/fuzz/corpus build/fuzz-corpus) and are
# left alone.  Each file starts with the mode byte of fuzz_bundle.c: 0 a bundle file as
# it is, 1 a bundle whose header the harness repairs, 2 a payload the
# harness wraps (as format version 2; the mode byte 5 wraps it as version
# 1).  Seeds named *-v1-* are version-1 bundles (the fixture
# test/fixtures/hebei_cities.v1.bundle and build/jjj_bundle --format 1),
# which the decoder still reads.  Numbers in the small datasets come from
# the project's reference (../shared/reference/verified_facts.csv).

set top [pwd]
set out [file join $top test fuzz corpus]
set tmp [file join $top build fuzz-seed]
file delete -force $tmp
file mkdir $tmp $out

proc readbin {f} { set h [open $f rb]; set d [read $h]; close $h; return $d }
proc writebin {f d} { set h [open $f wb]; puts -nonewline $h $d; close $h }
proc dataset {dir files} {
  file mkdir $dir
  foreach {name text} $files {
    set h [open [file join $dir $name] w]
    fconfigure $h -encoding utf-8 -translation lf
    puts -nonewline $h $text
    close $h
  }
}

# mini: a date indicator, a NULL year with a period, quotes and a note
dataset $tmp/mini {
  dataset.csv "key,value\nname,mini\nversion,1\ntitle,seed\n"
  regions.csv "id,code,name_en,name_zh,level,parent,note\nbeijing,110000,Beijing,北京市,province,china,\nchina,,China,中华人民共和国,country,,\n"
  indicators.csv "id,name_en,name_zh,unit,category,description\ngdp,GDP,地区生产总值,100 million yuan,economy,\nlaunch,Launch,,date,strategy,\n"
  sources.csv "id,title,publisher,published,url,note\na,\"Title, with comma\",,2014-01-24,http://a,\nb,B,,2022-01-20,,\n"
  observations.csv "region,indicator,year,period,value,unit,qualifier,vintage,basis,source,note,excerpt,fact\nbeijing,gdp,2013,2013,19500.6,100 million yuan,,preliminary,ec2008,a,,\"quote \"\"in\"\" quotes\",\nbeijing,gdp,2018,2018,33106,100 million yuan,,census-revised,ec2018,b,,,\nbeijing,gdp,2018,2018,30320,100 million yuan,,preliminary,ec2013,a,,,\nchina,launch,,planned,2014-02,date,,unspecified,,a,,,S074\n"
}
# empty: a dataset with no rows at all
dataset $tmp/empty {
  dataset.csv "key,value\nname,empty\nversion,0\n"
  regions.csv "id,code,name_en,name_zh,level,parent,note\n"
  indicators.csv "id,name_en,name_zh,unit,category,description\n"
  sources.csv "id,title,publisher,published,url,note\n"
  observations.csv "region,indicator,year,period,value,unit,qualifier,vintage,basis,source,note,excerpt,fact\n"
}
exec build/jjj_bundle $tmp/mini $tmp/mini.bundle
exec build/jjj_bundle $tmp/empty $tmp/empty.bundle
exec build/jjj_bundle $tmp/mini $tmp/mini1.bundle --format 1

set ex [readbin data/examples/hebei_cities.bundle]
set mini [readbin $tmp/mini.bundle]
set empty [readbin $tmp/empty.bundle]
set m0 [binary format c 0]
set m1 [binary format c 1]
set m2 [binary format c 2]
set m5 [binary format c 5]
set ex1 [readbin test/fixtures/hebei_cities.v1.bundle]
set mini1 [readbin $tmp/mini1.bundle]

# (found-* files are inputs libFuzzer found, kept as they are)
foreach f [glob -nocomplain -directory $out {[a-z]*-*}] {
  if {![string match found-* [file tail $f]]} { file delete $f }
}
writebin $out/raw-example $m0$ex
writebin $out/raw-mini $m0$mini
writebin $out/raw-empty $m0$empty
writebin $out/raw-header-only $m0[string range $ex 0 39]
writebin $out/raw-truncated-100 $m0[string range $ex 0 99]
writebin $out/raw-truncated-half $m0[string range $ex 0 [expr {[string length $ex]/2}]]
writebin $out/raw-empty-file $m0
writebin $out/fix-example $m1$ex
writebin $out/fix-mini $m1$mini
writebin $out/fix-truncated $m1[string range $mini 0 [expr {[string length $mini]-10}]]
writebin $out/payload-example $m2[zlib decompress [string range $ex 40 end]]
writebin $out/payload-mini $m2[zlib decompress [string range $mini 40 end]]
writebin $out/payload-empty $m2[zlib decompress [string range $empty 40 end]]
writebin $out/payload-directory-only $m2[string range [zlib decompress [string range $mini 40 end]] 0 79]
writebin $out/raw-v1-example $m0$ex1
writebin $out/raw-v1-mini $m0$mini1
writebin $out/fix-v1-mini $m1$mini1
writebin $out/payload-v1-example $m5[zlib decompress [string range $ex1 40 end]]
writebin $out/payload-v1-mini $m5[zlib decompress [string range $mini1 40 end]]
file delete -force $tmp
puts "[llength [glob -directory $out *]] seed files in $out"
