// node.js CHECKS SO - the Node host: better-sqlite3's loadExtension().
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const req = createRequire(path.join(process.env.JJJ_NODE_DIR, 'package.json'));
const Database = req('better-sqlite3');

const [checks, so] = process.argv.slice(2);
const db = new Database(':memory:');
db.loadExtension(so);
const esc = (s) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
for (const line of fs.readFileSync(checks, 'utf8').split('\n')) {
  if (line.trim() === '' || line.startsWith('#')) continue;
  const [id, , query, setup] = line.split('\t');
  let v;
  try {
    if (setup) db.prepare(setup).run();
    const row = db.prepare(query).raw(true).get();
    v = row === undefined || row[0] === null ? 'NULL' : String(row[0]);
  } catch (e) {
    v = 'error: ' + e.message;
  }
  // written at once, so that a crash still leaves the answers before it
  fs.writeSync(1, id + '\t' + esc(v) + '\n');
}
db.close();
