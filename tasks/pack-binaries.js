#!/usr/bin/env node
'use strict';
// Copies bin/<rid>/ of the task into a staging folder for the .vsix, with each
// executable Brotli-compressed (<exe>.br; binary.json gains "brotli"). The launcher
// unpacks it on the agent the first time it runs (Node's zlib, no dependency),
// checked against binary.json's size and SHA-256. Brotli at its strongest packs
// these binaries about a fifth smaller than the .vsix zip's deflate would.
//
//   node tasks/pack-binaries.js <from bin dir> <to bin dir> [--plain] [--require rid,rid,...]
//                               [--cache dir] [--quality 0-11]
//
// --plain copies the executables as they are. --require fails unless each listed
// RID is present. --cache keeps each compressed binary under its SHA-256, so that
// packaging the same binaries again is quick. --quality is Brotli's (default 11,
// the strongest and slowest: minutes per binary on a busy 2-core machine). The RIDs
// are compressed in parallel (zlib's thread pool).
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');
const { promisify } = require('util');

const brotli = promisify(zlib.brotliCompress);

async function packOne(fromDir, toDir, plain, options = {}) {
  const manifest = JSON.parse(fs.readFileSync(path.join(fromDir, 'binary.json'), 'utf8'));
  const exe = manifest.file;
  const content = fs.readFileSync(path.join(fromDir, exe));
  const sha = crypto.createHash('sha256').update(content).digest('hex');
  if (sha !== manifest.sha256 || content.length !== manifest.size) {
    throw new Error(`${fromDir}: ${exe} does not match binary.json (rebuild with build-binaries.sh)`);
  }
  fs.mkdirSync(toDir, { recursive: true });
  // Anything else the build put beside the executable (native libraries) goes as it is.
  for (const f of fs.readdirSync(fromDir)) {
    if (f !== exe && f !== 'binary.json') fs.copyFileSync(path.join(fromDir, f), path.join(toDir, f));
  }
  const started = Date.now();
  let packedSize = content.length;
  if (plain) {
    fs.copyFileSync(path.join(fromDir, exe), path.join(toDir, exe));
    delete manifest.brotli;
  } else {
    const quality = options.quality === undefined ? zlib.constants.BROTLI_MAX_QUALITY : options.quality;
    const cached = options.cache ? path.join(options.cache, `${sha}.q${quality}.br`) : null;
    let packed = cached && fs.existsSync(cached) ? fs.readFileSync(cached) : null;
    if (!packed) {
      packed = await brotli(content, {
        params: {
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_GENERIC,
          [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
          [zlib.constants.BROTLI_PARAM_LGWIN]: zlib.constants.BROTLI_MAX_WINDOW_BITS,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      });
      if (cached) {
        fs.mkdirSync(options.cache, { recursive: true });
        fs.writeFileSync(`${cached}.tmp`, packed);
        fs.renameSync(`${cached}.tmp`, cached);
      }
    }
    // Round trip before it ships.
    if (!zlib.brotliDecompressSync(packed).equals(content)) throw new Error(`${exe}: Brotli round trip failed`);
    manifest.brotli = `${exe}.br`;
    fs.writeFileSync(path.join(toDir, manifest.brotli), packed);
    packedSize = packed.length;
  }
  fs.writeFileSync(path.join(toDir, 'binary.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { rid: path.basename(fromDir), exe, size: content.length, packedSize, seconds: (Date.now() - started) / 1000 };
}

async function main(argv) {
  const positional = [];
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--plain') flags.plain = true;
    else if (['--require', '--cache', '--quality'].includes(argv[i])) flags[argv[i].slice(2)] = argv[++i];
    else positional.push(argv[i]);
  }
  const [from, to] = positional;
  const plain = Boolean(flags.plain);
  const required = (flags.require || '').split(',').filter(Boolean);
  const options = { cache: flags.cache };
  if (flags.quality !== undefined) options.quality = Number(flags.quality);
  if (!from || !to) throw new Error('usage: pack-binaries.js <from bin dir> <to bin dir> [--plain] [--require rid,...] [--cache dir] [--quality n]');
  const rids = fs
    .readdirSync(from, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(from, d.name, 'binary.json')))
    .map((d) => d.name)
    .sort();
  const missing = required.filter((r) => !rids.includes(r));
  if (missing.length > 0) throw new Error(`no binary for ${missing.join(', ')} in ${from} (run build-binaries.sh)`);
  const results = await Promise.all(rids.map((rid) => packOne(path.join(from, rid), path.join(to, rid), plain, options)));
  for (const r of results) {
    const ratio = ((100 * r.packedSize) / r.size).toFixed(0);
    console.log(`pack-binaries: ${r.rid.padEnd(12)} ${String(r.size).padStart(10)} -> ${String(r.packedSize).padStart(10)} bytes (${ratio}%, ${r.seconds.toFixed(0)} s)`);
  }
  return results;
}

module.exports = { main, packOne };

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(`pack-binaries: ${err.message}`);
    process.exit(1);
  });
}
