#!/usr/bin/env node
'use strict';
// Static check of a macOS executable built on Linux, which cannot be run here:
// Apple silicon refuses arm64 code without a valid signature, so check that the
// Mach-O has an embedded (ad-hoc) code signature whose CodeDirectory page hashes
// match the file as it is, i.e. nothing changed the file after the SDK signed it.
//
//   node tasks/check-macho-signature.js <file> [arm64|x86_64]
//
// Prints a one-line summary; exit code 1 when the check fails.
const fs = require('fs');
const crypto = require('crypto');

const LC_CODE_SIGNATURE = 0x1d;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CS_HASHTYPE = { 1: 'sha1', 2: 'sha256' };
const CPU = { 0x01000007: 'x86_64', 0x0100000c: 'arm64' };

function check(file, wantArch) {
  const buf = fs.readFileSync(file);
  if (buf.readUInt32LE(0) !== 0xfeedfacf) return { ok: false, why: 'not a 64-bit Mach-O (fat binaries are not expected)' };
  const arch = CPU[buf.readInt32LE(4)] || `cpu ${buf.readInt32LE(4)}`;
  if (wantArch && arch !== wantArch) return { ok: false, why: `architecture ${arch}, expected ${wantArch}` };
  const ncmds = buf.readUInt32LE(16);
  let off = 32;
  let sig = null;
  for (let i = 0; i < ncmds; i++) {
    const cmd = buf.readUInt32LE(off);
    const size = buf.readUInt32LE(off + 4);
    if (cmd === LC_CODE_SIGNATURE) sig = { offset: buf.readUInt32LE(off + 8), size: buf.readUInt32LE(off + 12) };
    off += size;
  }
  if (!sig) return { ok: false, why: `${arch}: no LC_CODE_SIGNATURE (unsigned: Apple silicon would refuse to run it)` };
  const blob = buf.subarray(sig.offset, sig.offset + sig.size);
  if (blob.readUInt32BE(0) !== CSMAGIC_EMBEDDED_SIGNATURE) return { ok: false, why: 'code signature is not an embedded signature' };
  const count = blob.readUInt32BE(8);
  for (let i = 0; i < count; i++) {
    const at = blob.readUInt32BE(12 + i * 8 + 4);
    if (blob.readUInt32BE(at) !== CSMAGIC_CODEDIRECTORY) continue;
    const cd = blob.subarray(at);
    const hashOffset = cd.readUInt32BE(16);
    const identOffset = cd.readUInt32BE(20);
    const nCodeSlots = cd.readUInt32BE(28);
    const codeLimit = cd.readUInt32BE(32);
    const hashSize = cd.readUInt8(36);
    const hashType = CS_HASHTYPE[cd.readUInt8(37)];
    const pageSize = 2 ** cd.readUInt8(39);
    const ident = cd.subarray(identOffset, cd.indexOf(0, identOffset)).toString('utf8');
    if (!hashType) return { ok: false, why: `unknown hash type ${cd.readUInt8(37)}` };
    if (codeLimit !== sig.offset) return { ok: false, why: `signature covers ${codeLimit} bytes, code ends at ${sig.offset}` };
    for (let slot = 0; slot < nCodeSlots; slot++) {
      const page = buf.subarray(slot * pageSize, Math.min((slot + 1) * pageSize, codeLimit));
      const want = cd.subarray(hashOffset + slot * hashSize, hashOffset + (slot + 1) * hashSize);
      const got = crypto.createHash(hashType).update(page).digest().subarray(0, hashSize);
      if (!got.equals(want)) return { ok: false, why: `page ${slot} does not match its signed hash (modified after signing)` };
    }
    return { ok: true, why: `${arch}, signed (identifier ${ident}), ${nCodeSlots} ${hashType} page hashes of ${pageSize} bytes match` };
  }
  return { ok: false, why: 'no CodeDirectory in the signature' };
}

module.exports = { check };

if (require.main === module) {
  const [file, arch] = process.argv.slice(2);
  const r = check(file, arch);
  console.log(`${r.ok ? 'ok' : 'FAIL'}: ${r.why}`);
  process.exit(r.ok ? 0 : 1);
}
