// wasi.mjs FILE.wasm [ARG...] - run a wasm32-wasi program under Node's WASI
// (Node 20+), with the current directory preopened as "." so that relative
// paths work, and standard input, output and error passed through.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import { argv, cwd, exit } from 'node:process';

const [file, ...args] = argv.slice(2);
const wasi = new WASI({
  version: 'preview1',
  args: [file, ...args],
  env: {},
  preopens: { '.': cwd() },
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
exit(wasi.start(instance));
