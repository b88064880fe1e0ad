/*
** no_builtin.c - an empty built-in bundle, so that the decoder (ext/bundle.c)
** links on its own in the libFuzzer harness (make fuzz).  The replay driver
** links the real one (build/builtin_bundle.c) instead.
*/
const unsigned char jjjBuiltinBundle[1] = { 0 };
const unsigned int jjjBuiltinBundleLen = 0;
